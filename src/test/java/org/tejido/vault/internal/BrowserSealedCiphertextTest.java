package org.tejido.vault.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.hybrid.HpkeParameters;
import com.google.crypto.tink.hybrid.HpkePrivateKey;
import com.google.crypto.tink.hybrid.HpkePublicKey;
import com.google.crypto.tink.util.Bytes;
import com.google.crypto.tink.util.SecretBytes;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A diary entry sealed in Chromium by the vendored HPKE module, checked in as it came out: the
 * vault's own Tink primitives open it, so what a phone seals offline is what the vault stores.
 */
class BrowserSealedCiphertextTest {

  private static final JsonNode FIXTURE = fixture();

  @Test
  void tinkOpensAnEntrySealedInTheBrowserWithTheSitesPrivateKey() throws Exception {
    byte[] plaintext =
        VaultCrypto.decrypter(siteKeys())
            .decrypt(bytes("sealed"), VaultCrypto.utf8("diary_device_entry:" + id()));

    JsonNode entry = JsonMapper.builder().build().readTree(plaintext);
    assertThat(entry.path("title").asString()).isEqualTo("Recorrido sin señal");
    assertThat(entry.path("day").asString()).isEqualTo("2026-11-28");
    assertThat(entry.path("text").asString()).contains("En la esquina no hay luz.");
  }

  @Test
  void theEntryDoesNotOpenUnderAnotherRowsContext() throws Exception {
    var opener = VaultCrypto.decrypter(siteKeys());

    assertThatThrownBy(
            () ->
                opener.decrypt(
                    bytes("sealed"),
                    VaultCrypto.utf8("diary_device_entry:00000000-0000-0000-0000-000000000000")))
        .isInstanceOf(GeneralSecurityException.class);
  }

  @Test
  void theBrowserGetsTheRawKeyTinkSealsTo() throws Exception {
    KeysetHandle keys = siteKeys();

    assertThat(VaultCrypto.rawPublicKey(VaultCrypto.publicKeyset(keys)))
        .isEqualTo(bytes("publicKey"));
  }

  /** The site's key pair as the vault keeps it, made from the fixture's raw X25519 keys. */
  private static KeysetHandle siteKeys() throws GeneralSecurityException {
    HpkeParameters parameters =
        HpkeParameters.builder()
            .setKemId(HpkeParameters.KemId.DHKEM_X25519_HKDF_SHA256)
            .setKdfId(HpkeParameters.KdfId.HKDF_SHA256)
            .setAeadId(HpkeParameters.AeadId.AES_256_GCM)
            .setVariant(HpkeParameters.Variant.NO_PREFIX)
            .build();
    HpkePublicKey publicKey =
        HpkePublicKey.create(parameters, Bytes.copyFrom(bytes("publicKey")), null);
    HpkePrivateKey privateKey =
        HpkePrivateKey.create(
            publicKey, SecretBytes.copyFrom(bytes("privateKey"), InsecureSecretKeyAccess.get()));
    return KeysetHandle.newBuilder()
        .addEntry(KeysetHandle.importKey(privateKey).withRandomId().makePrimary())
        .build();
  }

  private static String id() {
    return FIXTURE.path("id").asString();
  }

  private static byte[] bytes(String field) {
    return Base64.getDecoder().decode(FIXTURE.path(field).asString());
  }

  private static JsonNode fixture() {
    try (InputStream in =
        BrowserSealedCiphertextTest.class.getResourceAsStream("/diary/browser-sealed-entry.json")) {
      return JsonMapper.builder()
          .build()
          .readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
