package org.tejido.vault.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
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
import de.mkammerer.argon2.Argon2Advanced;
import de.mkammerer.argon2.Argon2Factory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.Security;
import java.util.Arrays;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.conscrypt.Conscrypt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The vault's cryptography, all from reviewed libraries: HPKE (X25519, HKDF-SHA256, AES-256-GCM)
 * from Tink for public-key sealing; AES-256-GCM from Tink for data keys and for wrapping private
 * keys; Argon2id from Bouncy Castle to turn a passphrase into a wrapping key.
 */
public final class VaultCrypto {

  private static final Logger LOG = LoggerFactory.getLogger(VaultCrypto.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  private static final Argon2Advanced NATIVE_ARGON2 = loadNativeArgon2();

  /** Sealing primitives by public keyset: one per participant and vault in use. */
  private static final Cache<ByteBuffer, HybridEncrypt> ENCRYPTERS =
      Caffeine.newBuilder().maximumSize(20_000).build();

  private static final HpkeParameters HPKE;
  private static final AesGcmParameters AES_256_GCM;

  static {
    installNativeX25519();
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

  /**
   * Tink's HPKE uses BoringSSL's X25519 (through Conscrypt) when a security provider named
   * "Conscrypt" is installed, and its own pure-Java curve otherwise: the same results, about six
   * times slower (decision 0004). The provider is added last, so the JDK's providers keep serving
   * everything else (TLS, AES-GCM, SHA-256). It must be installed before the first HPKE primitive
   * is made, since Tink picks the implementation then.
   */
  private static void installNativeX25519() {
    if (Security.getProvider("Conscrypt") != null) {
      return;
    }
    try {
      if (Conscrypt.isAvailable()) {
        Security.addProvider(Conscrypt.newProvider());
        return;
      }
    } catch (LinkageError | RuntimeException e) {
      LOG.debug("Conscrypt could not load", e);
    }
    LOG.info(
        "Conscrypt's native library is not available on this platform ({} {}): sealing to the"
            + " vault uses Tink's Java X25519, which is slower",
        System.getProperty("os.name"),
        System.getProperty("os.arch"));
  }

  /** Whether public-key sealing runs on the native X25519 (for the benchmarks' report). */
  public static boolean nativeX25519() {
    return Security.getProvider("Conscrypt") != null;
  }

  /** Argon2id cost, stored beside each wrapped key so that it can be raised later. */
  public record KdfParams(int memoryKib, int iterations, int parallelism) {}

  public static KeysetHandle newKeyPair() throws GeneralSecurityException {
    return KeysetHandle.generateNew(HPKE);
  }

  public static byte[] publicKeyset(KeysetHandle privateKeys) throws GeneralSecurityException {
    return TinkProtoKeysetFormat.serializeKeysetWithoutSecret(privateKeys.getPublicKeysetHandle());
  }

  /**
   * Sealing to a public keyset. The primitive is kept for the next seal to the same keyset (by
   * content: a keyset is its own key): parsing it costs about a third of sealing a data key. Public
   * keys only — nothing here is secret.
   */
  public static HybridEncrypt encrypter(byte[] publicKeyset) throws GeneralSecurityException {
    HybridEncrypt cached = ENCRYPTERS.getIfPresent(ByteBuffer.wrap(publicKeyset));
    if (cached != null) {
      return cached;
    }
    HybridEncrypt made = newEncrypter(publicKeyset);
    // The key is kept: a copy the caller cannot change.
    ENCRYPTERS.put(ByteBuffer.wrap(publicKeyset.clone()), made);
    return made;
  }

  /** A sealing primitive made now, with whichever X25519 Tink finds at this moment. */
  static HybridEncrypt newEncrypter(byte[] publicKeyset) throws GeneralSecurityException {
    return TinkProtoKeysetFormat.parseKeysetWithoutSecret(publicKeyset)
        .getPrimitive(RegistryConfiguration.get(), HybridEncrypt.class);
  }

  /**
   * The raw X25519 public key of a public keyset (its primary key), for a browser that seals to it
   * with HPKE itself: Tink frames its HPKE ciphertext as the 32-byte encapsulated key followed by
   * the AES-256-GCM ciphertext, with the {@code contextInfo} as HPKE's {@code info} and empty
   * associated data, which any RFC 9180 implementation can reproduce.
   */
  public static byte[] rawPublicKey(byte[] publicKeyset) throws GeneralSecurityException {
    if (TinkProtoKeysetFormat.parseKeysetWithoutSecret(publicKeyset).getPrimary().getKey()
        instanceof com.google.crypto.tink.hybrid.HpkePublicKey hpke) {
      return hpke.getPublicKeyBytes().toByteArray();
    }
    throw new GeneralSecurityException("not an HPKE public keyset");
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

  /** 256 random bits, URL-safe: an identifier nobody can guess. */
  public static String randomToken() {
    return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(32));
  }

  /** AES-256-GCM over raw key bytes (a data key, or a key derived from a passphrase). */
  public static Aead aead(byte[] rawKey) throws GeneralSecurityException {
    return AesGcmJce.create(
        AesGcmKey.builder()
            .setParameters(AES_256_GCM)
            .setKeyBytes(SecretBytes.copyFrom(rawKey, InsecureSecretKeyAccess.get()))
            .build());
  }

  /**
   * Argon2id (version 1.3, 32-byte output): the wrapping key for one holder's copy of the site's
   * private key. Computed by the reference implementation (libargon2, through argon2-jvm) where its
   * native library loads and agrees with Bouncy Castle's on a test vector at start-up, by Bouncy
   * Castle otherwise: the same bytes, about twice as slow (decision 0004).
   */
  public static byte[] deriveKey(String passphrase, byte[] salt, KdfParams params) {
    byte[] secret = passphrase.getBytes(StandardCharsets.UTF_8);
    try {
      return NATIVE_ARGON2 != null
          ? NATIVE_ARGON2.rawHash(
              params.iterations(), params.memoryKib(), params.parallelism(), secret, salt)
          : javaArgon2(secret, salt, params);
    } finally {
      Arrays.fill(secret, (byte) 0);
    }
  }

  /** Whether passphrases are derived by the native libargon2 (for the benchmarks' report). */
  public static boolean nativeArgon2() {
    return NATIVE_ARGON2 != null;
  }

  static byte[] javaArgon2(byte[] secret, byte[] salt, KdfParams params) {
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
    generator.generateBytes(secret, key);
    return key;
  }

  private static Argon2Advanced loadNativeArgon2() {
    try {
      Argon2Advanced argon2 =
          Argon2Factory.createAdvanced(Argon2Factory.Argon2Types.ARGON2id, 16, 32);
      byte[] secret = utf8("prueba de Argon2id");
      byte[] salt = utf8("sal de dieciséis");
      KdfParams small = new KdfParams(64, 2, 1);
      byte[] expected = javaArgon2(secret, salt, small);
      byte[] got =
          argon2.rawHash(small.iterations(), small.memoryKib(), small.parallelism(), secret, salt);
      if (Arrays.equals(expected, got)) {
        return argon2;
      }
      LOG.warn("libargon2 disagrees with Bouncy Castle on a test vector: using Bouncy Castle");
    } catch (LinkageError | RuntimeException e) {
      LOG.info(
          "libargon2 is not available on this platform ({} {}): unlocking uses Bouncy Castle's"
              + " Argon2id, which is slower",
          System.getProperty("os.name"),
          System.getProperty("os.arch"));
      LOG.debug("libargon2 could not load", e);
    }
    return null;
  }

  public static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
