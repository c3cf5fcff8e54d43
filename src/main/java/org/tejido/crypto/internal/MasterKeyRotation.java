package org.tejido.crypto.internal;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Replaces the master key by re-wrapping every site's data key set: the data itself is not
 * re-encrypted. The order keeps every step recoverable: (1) the key file gains the new key as
 * primary next to the old one; (2) all site key sets are re-wrapped in one transaction; (3) only
 * then is the old key dropped from the file. A crash between (2) and (3) leaves a file that still
 * opens everything; running the rotation again finishes it.
 */
@Component
public class MasterKeyRotation {

  private final MasterKey master;
  private final JdbcClient jdbc;
  private final TransactionTemplate transaction;
  private final SiteKeyRing ring;
  private final AccountKeyRing accountKeys;

  MasterKeyRotation(
      MasterKey master,
      JdbcClient jdbc,
      TransactionTemplate transaction,
      SiteKeyRing ring,
      AccountKeyRing accountKeys) {
    this.master = master;
    this.jdbc = jdbc;
    this.transaction = transaction;
    this.ring = ring;
    this.accountKeys = accountKeys;
  }

  /** The outcome: how many site key sets were re-wrapped, and the new primary key's id. */
  public record Rotated(int siteKeys, int newKeyId) {}

  public Rotated rotate() throws GeneralSecurityException, IOException {
    if (master.fromEnvironment()) {
      throw new IllegalStateException(
          "The master key comes from TEJIDO_CRYPTO_MASTER_KEY; rotate it with a key file.");
    }
    KeysetHandle old = master.handle();
    KeysetHandle both =
        KeysetHandle.newBuilder(old)
            .addEntry(
                KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM)
                    .withRandomId()
                    .makePrimary())
            .build();
    MasterKey.write(master.file(), both);
    master.use(both);

    record Row(UUID site, byte[] wrapped) {}
    int count =
        transaction.execute(
            status -> {
              List<Row> rows =
                  jdbc.sql("select site_id, wrapped_keyset from site_data_key for update")
                      .query((rs, i) -> new Row(rs.getObject(1, UUID.class), rs.getBytes(2)))
                      .list();
              for (Row row : rows) {
                byte[] ad = row.site().toString().getBytes(StandardCharsets.UTF_8);
                try {
                  KeysetHandle siteKeys =
                      TinkProtoKeysetFormat.parseEncryptedKeyset(row.wrapped(), master.aead(), ad);
                  byte[] rewrapped =
                      TinkProtoKeysetFormat.serializeEncryptedKeyset(siteKeys, master.aead(), ad);
                  jdbc.sql(
                          "update site_data_key set wrapped_keyset = ?, rotated_at = now()"
                              + " where site_id = ?")
                      .params(rewrapped, row.site())
                      .update();
                } catch (GeneralSecurityException e) {
                  throw new IllegalStateException("Site key of " + row.site() + " did not open", e);
                }
              }
              rewrapAccountKeys();
              return rows.size();
            });

    int primaryId = both.getPrimary().getId();
    KeysetHandle onlyNew =
        KeysetHandle.newBuilder()
            .addEntry(
                KeysetHandle.importKey(both.getPrimary().getKey())
                    .withFixedId(primaryId)
                    .makePrimary())
            .build();
    MasterKey.write(master.file(), onlyNew);
    master.use(onlyNew);
    ring.forget();
    accountKeys.forget();
    return new Rotated(count, primaryId);
  }

  /** The data keys that belong to no site (staff accounts' second factors), in the same way. */
  private void rewrapAccountKeys() {
    record Row(String purpose, byte[] wrapped) {}
    List<Row> rows =
        jdbc.sql("select purpose, wrapped_keyset from account_data_key for update")
            .query((rs, i) -> new Row(rs.getString(1), rs.getBytes(2)))
            .list();
    for (Row row : rows) {
      byte[] ad = AccountKeyRing.ad(row.purpose());
      try {
        KeysetHandle keys =
            TinkProtoKeysetFormat.parseEncryptedKeyset(row.wrapped(), master.aead(), ad);
        jdbc.sql(
                "update account_data_key set wrapped_keyset = ?, rotated_at = now()"
                    + " where purpose = ?")
            .params(
                TinkProtoKeysetFormat.serializeEncryptedKeyset(keys, master.aead(), ad),
                row.purpose())
            .update();
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("Account key " + row.purpose() + " did not open", e);
      }
    }
  }
}
