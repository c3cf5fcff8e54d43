package org.tejido.vault.internal;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.HybridDecrypt;
import com.google.crypto.tink.HybridEncrypt;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.aead.AesGcmKey;
import com.google.crypto.tink.aead.AesGcmParameters;
import com.google.crypto.tink.hybrid.HpkeParameters;
import com.google.crypto.tink.hybrid.HybridConfig;
import com.google.crypto.tink.subtle.AesGcmJce;
import com.google.crypto.tink.util.SecretBytes;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * The vault's cryptography, all from reviewed libraries: HPKE (X25519, HKDF-SHA256, AES-256-GCM)
 * from Tink for public-key sealing; AES-256-GCM from Tink for data keys and for wrapping private
 * keys; Argon2id from Bouncy Castle to turn a passphrase into a wrapping key.
 */
public final class VaultCrypto {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final HpkeParameters HPKE;
  private static final AesGcmParameters AES_256_GCM;

  static {
    try {
      HybridConfig.register();
      HPKE =
          HpkeParameters.builder()
              .setKemId(HpkeParameters.KemId.DHKEM_X25519_HKDF_SHA256)
              .setKdfId(HpkeParameters.KdfId.HKDF_SHA256)
              .setAeadId(HpkeParameters.AeadId.AES_256_GCM)
              .setVariant(HpkeParameters.Variant.NO_PREFIX)
              .build();
      AES_256_GCM =
          AesGcmParameters.builder()
              .setKeySizeBytes(32)
              .setIvSizeBytes(12)
              .setTagSizeBytes(16)
              .setVariant(AesGcmParameters.Variant.NO_PREFIX)
              .build();
    } catch (GeneralSecurityException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private VaultCrypto() {}

  /** Argon2id cost, stored beside each wrapped key so that it can be raised later. */
  public record KdfParams(int memoryKib, int iterations, int parallelism) {}

  public static KeysetHandle newKeyPair() throws GeneralSecurityException {
    return KeysetHandle.generateNew(HPKE);
  }

  public static byte[] publicKeyset(KeysetHandle privateKeys) throws GeneralSecurityException {
    return TinkProtoKeysetFormat.serializeKeysetWithoutSecret(privateKeys.getPublicKeysetHandle());
  }

  public static HybridEncrypt encrypter(byte[] publicKeyset) throws GeneralSecurityException {
    return TinkProtoKeysetFormat.parseKeysetWithoutSecret(publicKeyset)
        .getPrimitive(RegistryConfiguration.get(), HybridEncrypt.class);
  }

  public static HybridDecrypt decrypter(KeysetHandle privateKeys) throws GeneralSecurityException {
    return privateKeys.getPrimitive(RegistryConfiguration.get(), HybridDecrypt.class);
  }

  /** Seals a private keyset with an AEAD (a passphrase-derived key or another vault). */
  public static byte[] wrapPrivate(KeysetHandle privateKeys, Aead wrapping, byte[] ad)
      throws GeneralSecurityException {
    return TinkProtoKeysetFormat.serializeEncryptedKeyset(privateKeys, wrapping, ad);
  }

  public static KeysetHandle unwrapPrivate(byte[] wrapped, Aead wrapping, byte[] ad)
      throws GeneralSecurityException {
    return TinkProtoKeysetFormat.parseEncryptedKeyset(wrapped, wrapping, ad);
  }

  /** The private keyset in Tink's binary format, for sealing it to another public key. */
  public static byte[] serializePrivate(KeysetHandle privateKeys) throws GeneralSecurityException {
    return TinkProtoKeysetFormat.serializeKeyset(privateKeys, InsecureSecretKeyAccess.get());
  }

  public static KeysetHandle parsePrivate(byte[] serialized) throws GeneralSecurityException {
    return TinkProtoKeysetFormat.parseKeyset(serialized, InsecureSecretKeyAccess.get());
  }

  public static byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return b;
  }

  /** AES-256-GCM over raw key bytes (a data key, or a key derived from a passphrase). */
  public static Aead aead(byte[] rawKey) throws GeneralSecurityException {
    return AesGcmJce.create(
        AesGcmKey.builder()
            .setParameters(AES_256_GCM)
            .setKeyBytes(SecretBytes.copyFrom(rawKey, InsecureSecretKeyAccess.get()))
            .build());
  }

  /** Argon2id: the wrapping key for one holder's copy of the site's private key. */
  public static byte[] deriveKey(String passphrase, byte[] salt, KdfParams params) {
    Argon2Parameters parameters =
        new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
            .withVersion(Argon2Parameters.ARGON2_VERSION_13)
            .withSalt(salt)
            .withMemoryAsKB(params.memoryKib())
            .withIterations(params.iterations())
            .withParallelism(params.parallelism())
            .build();
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(parameters);
    byte[] key = new byte[32];
    generator.generateBytes(passphrase.getBytes(StandardCharsets.UTF_8), key);
    return key;
  }

  public static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
