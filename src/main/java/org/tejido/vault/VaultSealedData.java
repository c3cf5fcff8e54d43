package org.tejido.vault;

import org.tejido.sites.SiteId;

/**
 * Data that a module sealed to a site's vault key (its public half). Replacing the site's key pair
 * ({@link Vaults#confirmCeremony}) calls every implementation, inside the replacement's
 * transaction, to open each such ciphertext with the old private key and seal it again to the new
 * public key under the same context. A module that seals to the vault and does not implement this
 * leaves its data readable only with the old key: implement it next to the code that seals.
 *
 * <p>Only ciphertexts sealed to the <em>site's</em> key: data sealed to a subject's key (a
 * participant's) follows that subject's private key, which is itself sealed to the site's key and
 * re-sealed with it.
 */
public interface VaultSealedData {

  /**
   * Re-seals every ciphertext of the site sealed to its vault key and stores the results.
   *
   * @return how many ciphertexts were re-sealed (for the audit log)
   */
  int reseal(SiteId site, Resealer resealer);

  /** Opens a ciphertext with the site's old private key and seals it to the new public key. */
  @FunctionalInterface
  interface Resealer {
    /**
     * @throws Vaults.VaultTampered when the ciphertext does not open in its context with the old
     *     key (the replacement is then rolled back)
     */
    byte[] reseal(byte[] sealed, String context);
  }
}
