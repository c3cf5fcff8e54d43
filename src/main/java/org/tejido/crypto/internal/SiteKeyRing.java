package org.tejido.crypto.internal;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.security.GeneralSecurityException;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.tejido.sites.SiteRegistered;

/**
 * Per-site data keys (envelope encryption). A site's key set is created on first use, stored
 * wrapped by the master key with the site id as associated data, and cached unwrapped in memory.
 */
@Component
public class SiteKeyRing {

  private final JdbcClient jdbc;
  private final MasterKey master;
  private final Map<UUID, Aead> cache = new ConcurrentHashMap<>();

  SiteKeyRing(JdbcClient jdbc, MasterKey master) {
    this.jdbc = jdbc;
    this.master = master;
  }

  /** Every new site gets its key in the transaction that creates the site. */
  @EventListener
  void on(SiteRegistered registered) throws GeneralSecurityException {
    aeadFor(registered.site().value());
  }

  public Aead aeadFor(UUID siteId) throws GeneralSecurityException {
    Aead aead = cache.get(siteId);
    if (aead != null) {
      return aead;
    }
    byte[] wrapped = stored(siteId);
    if (wrapped == null) {
      // Created in the caller's transaction and not cached until read back committed: if the
      // transaction rolls back, the key goes with the data it sealed.
      return create(siteId);
    }
    aead = unwrap(siteId, wrapped);
    cache.put(siteId, aead);
    return aead;
  }

  private Aead create(UUID siteId) throws GeneralSecurityException {
    KeysetHandle fresh = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
    byte[] wrapped =
        TinkProtoKeysetFormat.serializeEncryptedKeyset(fresh, master.aead(), ad(siteId));
    jdbc.sql("insert into site_data_key (site_id, wrapped_keyset) values (?, ?)")
        .params(siteId, wrapped)
        .update();
    return unwrap(siteId, wrapped);
  }

  private Aead unwrap(UUID siteId, byte[] wrapped) throws GeneralSecurityException {
    KeysetHandle handle =
        TinkProtoKeysetFormat.parseEncryptedKeyset(wrapped, master.aead(), ad(siteId));
    return handle.getPrimitive(RegistryConfiguration.get(), Aead.class);
  }

  private static byte[] ad(UUID siteId) {
    return siteId.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  private byte[] stored(UUID siteId) {
    return jdbc.sql("select wrapped_keyset from site_data_key where site_id = ?")
        .param(siteId)
        .query(byte[].class)
        .optional()
        .orElse(null);
  }

  /** Forgets unwrapped keys, e.g. after a key rotation or in tests that swap master keys. */
  public void forget() {
    cache.clear();
  }
}
