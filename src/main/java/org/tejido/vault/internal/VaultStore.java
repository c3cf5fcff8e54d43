package org.tejido.vault.internal;

import java.time.Instant;
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

  /**
   * The public keyset for sealing: first takes the site's vault lock in shared mode until the
   * caller's transaction ends, so that a key-pair replacement (which takes it exclusively) waits
   * for sealings under way, and sealings that start during one wait for it and then read the new
   * key. A separate statement: a statement's snapshot is taken before it waits for a lock.
   */
  public Optional<byte[]> publicKeysetForSealing(UUID site) {
    jdbc.sql("select pg_advisory_xact_lock_shared(hashtextextended('site_vault:' || ?, 0))")
        .param(site.toString())
        .query((rs, i) -> 1)
        .list();
    return publicKeyset(site);
  }

  /** Takes the site's vault lock exclusively until the transaction ends (key-pair replacement). */
  public void lockForReplacement(UUID site) {
    jdbc.sql("select pg_advisory_xact_lock(hashtextextended('site_vault:' || ?, 0))")
        .param(site.toString())
        .query((rs, i) -> 1)
        .list();
  }

  public void replacePublicKeyset(UUID site, byte[] publicKeyset) {
    jdbc.sql("update site_vault set public_keyset = ? where site_id = ?")
        .params(publicKeyset, site)
        .update();
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

  /** A holder of a wrapped copy of the site's private key, and since when it holds this one. */
  public record Holder(String holder, Instant since) {}

  public List<Holder> holders(UUID site) {
    return jdbc.sql(
            "select holder, created_at from site_vault_key where site_id = ?"
                + " order by holder = 'recovery', created_at")
        .param(site)
        .query((rs, i) -> new Holder(rs.getString(1), rs.getTimestamp(2).toInstant()))
        .list();
  }

  /** A coordinator's wrap at a site. */
  public record SiteHolder(UUID site, String holder) {}

  /** Every coordinator's wrap, at every site. */
  public List<SiteHolder> userHolders() {
    return jdbc.sql("select site_id, holder from site_vault_key where holder like 'user:%'")
        .query((rs, i) -> new SiteHolder(rs.getObject(1, UUID.class), rs.getString(2)))
        .list();
  }

  /** The sites at which a holder has a wrapped key. */
  public List<UUID> sitesHeldBy(String holder) {
    return jdbc.sql("select site_id from site_vault_key where holder = ?")
        .param(holder)
        .query(UUID.class)
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

  /** Deletes a holder's wrap; whether there was one. */
  public boolean deleteWrap(UUID site, String holder) {
    return jdbc.sql("delete from site_vault_key where site_id = ? and holder = ?")
            .params(site, holder)
            .update()
        > 0;
  }
}
