package org.tejido.vault.internal;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The vault's rows: the site's public key, and each holder's wrapped copy of the private key. */
@Repository
public class VaultStore {

  private final JdbcClient jdbc;

  VaultStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public record Wrap(String holder, byte[] salt, VaultCrypto.KdfParams params, byte[] wrapped) {}

  public Optional<byte[]> publicKeyset(UUID site) {
    return jdbc.sql("select public_keyset from site_vault where site_id = ?")
        .param(site)
        .query(byte[].class)
        .optional();
  }

  public void create(UUID site, byte[] publicKeyset, UUID by) {
    jdbc.sql("insert into site_vault (site_id, public_keyset, created_by) values (?, ?, ?)")
        .params(site, publicKeyset, by)
        .update();
  }

  public Optional<Wrap> wrap(UUID site, String holder) {
    return jdbc.sql(
            "select holder, kdf_salt, kdf_memory_kib, kdf_iterations, kdf_parallelism,"
                + " wrapped_private from site_vault_key where site_id = ? and holder = ?")
        .params(site, holder)
        .query(
            (rs, i) ->
                new Wrap(
                    rs.getString(1),
                    rs.getBytes(2),
                    new VaultCrypto.KdfParams(rs.getInt(3), rs.getInt(4), rs.getInt(5)),
                    rs.getBytes(6)))
        .optional();
  }

  public List<String> holders(UUID site) {
    return jdbc.sql("select holder from site_vault_key where site_id = ? order by created_at")
        .param(site)
        .query(String.class)
        .list();
  }

  public void saveWrap(UUID site, Wrap wrap) {
    jdbc.sql(
            "insert into site_vault_key (site_id, holder, kdf_salt, kdf_memory_kib, kdf_iterations,"
                + " kdf_parallelism, wrapped_private) values (?, ?, ?, ?, ?, ?, ?)"
                + " on conflict (site_id, holder) do update set kdf_salt = excluded.kdf_salt,"
                + " kdf_memory_kib = excluded.kdf_memory_kib,"
                + " kdf_iterations = excluded.kdf_iterations,"
                + " kdf_parallelism = excluded.kdf_parallelism,"
                + " wrapped_private = excluded.wrapped_private, created_at = now()")
        .params(
            site,
            wrap.holder(),
            wrap.salt(),
            wrap.params().memoryKib(),
            wrap.params().iterations(),
            wrap.params().parallelism(),
            wrap.wrapped())
        .update();
  }

  public void deleteWrap(UUID site, String holder) {
    jdbc.sql("delete from site_vault_key where site_id = ? and holder = ?")
        .params(site, holder)
        .update();
  }
}
