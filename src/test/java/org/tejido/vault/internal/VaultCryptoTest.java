package org.tejido.vault.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.crypto.tink.HybridEncrypt;
import com.google.crypto.tink.KeysetHandle;
import java.nio.charset.StandardCharsets;
import java.security.Provider;
import java.security.Security;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class VaultCryptoTest {

  /** Linux on x86-64 or aarch64: where both Conscrypt and argon2-jvm ship native libraries. */
  private static boolean nativeLibrariesShipped() {
    String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch");
    return os.contains("linux") && (arch.equals("amd64") || arch.equals("aarch64"));
  }

  @Test
  void usesTheNativeLibrariesWhereTheyShip() {
    assumeTrue(
        nativeLibrariesShipped(),
        "native X25519 and Argon2 are checked on Linux x86-64 and aarch64; elsewhere the Java"
            + " implementations serve, with the same results");
    assertThat(VaultCrypto.nativeX25519()).isTrue();
    assertThat(VaultCrypto.nativeArgon2()).isTrue();
  }

  @Test
  void theNativeArgon2DerivesTheSameKeyAsBouncyCastle() {
    assumeTrue(VaultCrypto.nativeArgon2(), "libargon2 is not available on this platform");
    byte[] salt = VaultCrypto.randomBytes(16);
    for (VaultCrypto.KdfParams params :
        new VaultCrypto.KdfParams[] {
          new VaultCrypto.KdfParams(19_456, 2, 1), new VaultCrypto.KdfParams(8_192, 3, 2)
        }) {
      String passphrase = "una frase de paso con eñes y acentos: ¿quién?";
      assertThat(VaultCrypto.deriveKey(passphrase, salt, params))
          .as("%s", params)
          .hasSize(32)
          .isEqualTo(
              VaultCrypto.javaArgon2(passphrase.getBytes(StandardCharsets.UTF_8), salt, params));
    }
  }

  @Test
  void whatTheJavaX25519SealedTheNativeOneOpensAndTheOtherWayRound() throws Exception {
    KeysetHandle keys = VaultCrypto.newKeyPair();
    byte[] publicKeyset = VaultCrypto.publicKeyset(keys);
    byte[] context = VaultCrypto.utf8("source_key:1");
    byte[] words = "Nos asaltaron en la parada.".getBytes(StandardCharsets.UTF_8);
    assumeTrue(VaultCrypto.nativeX25519(), "Conscrypt is not available on this platform");

    // Tink picks the X25519 implementation when a primitive is made: without the provider, its
    // pure-Java curve (what sealed every ciphertext before Conscrypt was added).
    Provider conscrypt = Security.getProvider("Conscrypt");
    int position = java.util.Arrays.asList(Security.getProviders()).indexOf(conscrypt) + 1;
    HybridEncrypt javaSealer;
    com.google.crypto.tink.HybridDecrypt javaOpener;
    Security.removeProvider("Conscrypt");
    try {
      javaSealer = VaultCrypto.newEncrypter(publicKeyset);
      javaOpener = VaultCrypto.decrypter(keys);
    } finally {
      Security.insertProviderAt(conscrypt, position);
    }
    HybridEncrypt nativeSealer = VaultCrypto.newEncrypter(publicKeyset);
    var nativeOpener = VaultCrypto.decrypter(keys);

    assertThat(nativeOpener.decrypt(javaSealer.encrypt(words, context), context)).isEqualTo(words);
    assertThat(javaOpener.decrypt(nativeSealer.encrypt(words, context), context)).isEqualTo(words);
  }
}
