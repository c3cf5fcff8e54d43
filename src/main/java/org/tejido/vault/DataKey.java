package org.tejido.vault;

import com.google.crypto.tink.Aead;
import java.security.GeneralSecurityException;
import org.tejido.vault.internal.VaultCrypto;

/**
 * A symmetric data key (AES-256-GCM). Encrypt many records with it, then seal {@link #raw()} to a
 * public key with {@link Vaults#sealTo} or {@link Vaults#seal}: one public-key operation instead of
 * one per record.
 */
public final class DataKey {
  private final byte[] raw;

  /** Made once: each turn of a source is encrypted with its speaker's key. */
  private final Aead aead;

  DataKey(byte[] raw) {
    this.raw = raw.clone();
    try {
      this.aead = VaultCrypto.aead(this.raw);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public static DataKey of(byte[] raw) {
    if (raw.length != 32) {
      throw new IllegalArgumentException("A data key has 32 bytes");
    }
    return new DataKey(raw);
  }

  public byte[] raw() {
    return raw.clone();
  }

  public byte[] encrypt(byte[] plaintext, String context) {
    try {
      return aead.encrypt(plaintext, VaultCrypto.utf8(context));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public byte[] decrypt(byte[] ciphertext, String context) {
    try {
      return aead.decrypt(ciphertext, VaultCrypto.utf8(context));
    } catch (GeneralSecurityException e) {
      throw new Vaults.VaultTampered(context, e);
    }
  }
}
