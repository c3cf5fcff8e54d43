package org.tejido.fieldwork;

import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.tejido.sites.SiteId;
import org.tejido.vault.VaultSealedData;

/**
 * Everything fieldwork seals to a site's vault key, for replacing the key pair: the participants'
 * private keys and identity keys, the data keys of the source parts nobody in particular spoke
 * (facilitators, diary text), media keys and the gazetteer's key. Parts spoken by a participant are
 * sealed to that participant's key, which follows its private half.
 */
@Component
class VaultSealedFieldwork implements VaultSealedData {

  /** One column of one table: how to find the site's rows, and each row's context. */
  private record Sealed(String table, String column, String idColumn, String siteFilter) {}

  private static final List<Sealed> SEALED =
      List.of(
          new Sealed(
              "participant_key",
              "sealed_private_keyset",
              "participant_id",
              "participant_id in (select id from participant where site_id = ?)"),
          new Sealed(
              "participant_identity",
              "sealed_key",
              "participant_id",
              "participant_id in (select id from participant where site_id = ?)"),
          new Sealed(
              "source_part",
              "sealed_key",
              "id",
              "participant_id is null and source_id in (select id from source where site_id = ?)"),
          new Sealed("media", "sealed_key", "id", "site_id = ?"),
          new Sealed("diary_device_entry", "sealed", "id", "site_id = ? and sealed is not null"));

  private final JdbcClient jdbc;

  VaultSealedFieldwork(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public int reseal(SiteId site, Resealer resealer) {
    int count = 0;
    for (Sealed sealed : SEALED) {
      record Row(UUID id, byte[] ciphertext) {}
      List<Row> rows =
          jdbc.sql(
                  "select "
                      + sealed.idColumn()
                      + ", "
                      + sealed.column()
                      + " from "
                      + sealed.table()
                      + " where "
                      + sealed.siteFilter()
                      + " for update")
              .param(site.value())
              .query((rs, i) -> new Row(rs.getObject(1, UUID.class), rs.getBytes(2)))
              .list();
      for (Row row : rows) {
        byte[] resealed;
        try {
          resealed = resealer.reseal(row.ciphertext(), context(sealed.table(), row.id()));
        } catch (org.tejido.vault.Vaults.VaultTampered e) {
          if (!sealed.table().equals("diary_device_entry")) {
            throw e;
          }
          // A phone's ciphertext that does not open with the site's key never could: nobody can
          // read it, and it must not stop the site's key from being replaced.
          jdbc.sql("update diary_device_entry set sealed = null, filed_at = now() where id = ?")
              .param(row.id())
              .update();
          continue;
        }
        jdbc.sql(
                "update "
                    + sealed.table()
                    + " set "
                    + sealed.column()
                    + " = ? where "
                    + sealed.idColumn()
                    + " = ?")
            .params(resealed, row.id())
            .update();
        count++;
      }
    }
    List<byte[]> gazetteer =
        jdbc.sql("select sealed_key from gazetteer where site_id = ? for update")
            .param(site.value())
            .query(byte[].class)
            .list();
    for (byte[] key : gazetteer) {
      jdbc.sql("update gazetteer set sealed_key = ? where site_id = ?")
          .params(resealer.reseal(key, Deidentification.gazetteerContext(site)), site.value())
          .update();
      count++;
    }
    return count;
  }

  /** The context each was sealed under, as the code that sealed it names it. */
  private static String context(String table, UUID id) {
    return switch (table) {
      case "participant_key" -> Participants.keyContext(id);
      case "participant_identity" -> Participants.identityKeyContext(id);
      case "source_part" -> Sources.keyContext(id);
      case "media" -> Media.keyContext(id);
      case "diary_device_entry" -> FieldDiary.deviceContext(id);
      default -> throw new IllegalArgumentException(table);
    };
  }
}
