package org.tejido.crypto;

import java.security.GeneralSecurityException;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.tejido.crypto.internal.AccountKeyRing;

/**
 * Seals secrets that belong to a staff account rather than to a site (second-factor secrets) with a
 * data key of their own (AES-256-GCM through Tink), wrapped by the master key and rotated with it.
 * The context is authenticated: pass the table and the account id, so a secret copied to another
 * account fails to open.
 */
@Service
public class AccountEncryption {

  private static final String PURPOSE = "staff-accounts";
  private final AccountKeyRing keys;

  AccountEncryption(AccountKeyRing keys) {
    this.keys = keys;
  }

  public byte[] seal(UUID account, byte[] plaintext, String context) {
    try {
      return keys.aeadFor(PURPOSE).encrypt(plaintext, associatedData(account, context));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Could not encrypt for account " + account, e);
    }
  }

  /** Opens what {@link #seal} sealed; fails when the ciphertext was altered or moved. */
  public byte[] open(UUID account, byte[] sealed, String context) {
    try {
      return keys.aeadFor(PURPOSE).decrypt(sealed, associatedData(account, context));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          "Encrypted data of account " + account + " (" + context + ") failed authentication", e);
    }
  }

  private static byte[] associatedData(UUID account, String context) {
    return ("account|" + account + "|" + context).getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }
}
