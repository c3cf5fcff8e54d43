package org.tejido.support;

import com.google.crypto.tink.HybridEncrypt;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.hybrid.HpkeParameters;
import com.google.crypto.tink.hybrid.HpkePublicKey;
import com.google.crypto.tink.util.Bytes;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.tejido.fieldwork.FieldDiary;
import org.tejido.vault.Vaults;
import tools.jackson.databind.json.JsonMapper;

/**
 * Seals a diary entry as a phone without signal does: to the raw public key the diary page hands
 * the browser, under the entry's own id, as a JSON object of title, day and text.
 */
public final class DeviceSealing {

  private DeviceSealing() {}

  public static byte[] seal(Vaults.DeviceKey key, UUID id, String title, String day, String text) {
    try {
      HpkeParameters parameters =
          HpkeParameters.builder()
              .setKemId(HpkeParameters.KemId.DHKEM_X25519_HKDF_SHA256)
              .setKdfId(HpkeParameters.KdfId.HKDF_SHA256)
              .setAeadId(HpkeParameters.AeadId.AES_256_GCM)
              .setVariant(HpkeParameters.Variant.NO_PREFIX)
              .build();
      HpkePublicKey publicKey =
          HpkePublicKey.create(
              parameters, Bytes.copyFrom(Base64.getUrlDecoder().decode(key.publicKey())), null);
      HybridEncrypt sealer =
          KeysetHandle.newBuilder()
              .addEntry(KeysetHandle.importKey(publicKey).withRandomId().makePrimary())
              .build()
              .getPrimitive(RegistryConfiguration.get(), HybridEncrypt.class);
      byte[] json =
          JsonMapper.builder()
              .build()
              .writeValueAsBytes(Map.of("title", title, "day", day, "text", text));
      return sealer.encrypt(json, FieldDiary.deviceContext(id).getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
