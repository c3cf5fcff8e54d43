package org.tejido.crypto.internal;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Data keys that belong to no site, one per purpose, stored wrapped by the master key (the purpose
 * as associated data) in {@code account_data_key}; {@link MasterKeyRotation} re-wraps them.
 */
@Component
public class AccountKeyRing {

  private final JdbcClient jdbc;
  private final MasterKey master;
  private final Map<String, Aead> cache = new ConcurrentHashMap<>();

  AccountKeyRing(JdbcClient jdbc, MasterKey master) {
    this.jdbc = jdbc;
    this.master = master;
  }

  public Aead aeadFor(String purpose) throws GeneralSecurityException {
    Aead aead = cache.get(purpose);
    if (aead != null) {
      return aead;
    }
    byte[] wrapped = stored(purpose);
    if (wrapped == null) {
      KeysetHandle fresh = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
      byte[] candidate =
          TinkProtoKeysetFormat.serializeEncryptedKeyset(fresh, master.aead(), ad(purpose));
      // Two first uses at once: the first insert wins and both use its key.
      jdbc.sql(
              "insert into account_data_key (purpose, wrapped_keyset) values (?, ?)"
                  + " on conflict (purpose) do nothing")
          .params(purpose, candidate)
          .update();
      wrapped = stored(purpose);
      return unwrap(purpose, wrapped);
    }
    aead = unwrap(purpose, wrapped);
    cache.put(purpose, aead);
    return aead;
  }

  private Aead unwrap(String purpose, byte[] wrapped) throws GeneralSecurityException {
    return TinkProtoKeysetFormat.parseEncryptedKeyset(wrapped, master.aead(), ad(purpose))
        .getPrimitive(RegistryConfiguration.get(), Aead.class);
  }

  static byte[] ad(String purpose) {
    return ("account-key|" + purpose).getBytes(StandardCharsets.UTF_8);
  }

  private byte[] stored(String purpose) {
    return jdbc.sql("select wrapped_keyset from account_data_key where purpose = ?")
        .param(purpose)
        .query(byte[].class)
        .optional()
        .orElse(null);
  }

  public void forget() {
    cache.clear();
  }
}
