package org.tejido.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.tejido.crypto.internal.SiteKeyRing;

/**
 * Seals and opens sensitive text with the site's data key (AES-256-GCM through Tink). The {@code
 * context} is authenticated but not encrypted: pass the table and row id, so a ciphertext copied to
 * another row, or another site, fails to open instead of being silently accepted.
 */
@Service
public class SiteEncryption {

  private final SiteKeyRing keys;

  SiteEncryption(SiteKeyRing keys) {
    this.keys = keys;
  }

  public byte[] seal(UUID siteId, String plaintext, String context) {
    try {
      return keys.aeadFor(siteId)
          .encrypt(plaintext.getBytes(StandardCharsets.UTF_8), associatedData(siteId, context));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Could not encrypt for site " + siteId, e);
    }
  }

  /**
   * @throws TamperedData if the ciphertext was altered, belongs to another row or site, or was
   *     sealed with another key
   */
  public String open(UUID siteId, byte[] sealed, String context) {
    try {
      return new String(
          keys.aeadFor(siteId).decrypt(sealed, associatedData(siteId, context)),
          StandardCharsets.UTF_8);
    } catch (GeneralSecurityException e) {
      throw new TamperedData(siteId, context, e);
    }
  }

  /** Seals bytes; see {@link #seal(UUID, String, String)}. */
  public byte[] sealBytes(UUID siteId, byte[] plaintext, String context) {
    try {
      return keys.aeadFor(siteId).encrypt(plaintext, associatedData(siteId, context));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Could not encrypt for site " + siteId, e);
    }
  }

  /** Opens bytes sealed with {@link #sealBytes}. */
  public byte[] openBytes(UUID siteId, byte[] sealed, String context) {
    try {
      return keys.aeadFor(siteId).decrypt(sealed, associatedData(siteId, context));
    } catch (GeneralSecurityException e) {
      throw new TamperedData(siteId, context, e);
    }
  }

  private static byte[] associatedData(UUID siteId, String context) {
    return (siteId + "|" + context).getBytes(StandardCharsets.UTF_8);
  }

  /** Decryption failed: the data was altered or moved. Never silently ignored. */
  public static final class TamperedData extends RuntimeException {
    TamperedData(UUID siteId, String context, Throwable cause) {
      super(
          "Encrypted data for site " + siteId + " (" + context + ") failed authentication", cause);
    }
  }
}
