package org.tejido.fieldwork;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tejido.fieldwork.internal.PackedTurns;
import org.tejido.sites.Site;
import org.tejido.vault.DataKey;
import org.tejido.vault.Vaults;

/**
 * Rewrites a source's parts in format 1, as migration V9 leaves the sources stored before it (each
 * turn encrypted on its own, bound to its turn id), so that tests can read, de-identify and tamper
 * with them through the application. Needs the vault unlocked by a reader.
 */
final class LegacyParts {

  private LegacyParts() {}

  static void toFormat1(
      JdbcClient jdbc, Vaults vaults, Participants participants, Site site, UUID source) {
    record Row(UUID id, UUID participant, byte[] sealedKey, short format, byte[] raw) {}
    List<Row> rows =
        jdbc.sql(
                "select id, participant_id, sealed_key, format, raw_turns from source_part"
                    + " where source_id = ?")
            .param(source)
            .query(
                (rs, i) ->
                    new Row(
                        rs.getObject(1, UUID.class),
                        rs.getObject(2, UUID.class),
                        rs.getBytes(3),
                        rs.getShort(4),
                        rs.getBytes(5)))
            .list();
    for (Row row : rows) {
      if (row.format() != Sources.WHOLE) {
        throw new IllegalStateException("part " + row.id() + " is already in format 1");
      }
      DataKey key =
          DataKey.of(
              row.participant() == null
                  ? vaults.open(site.id(), row.sealedKey(), Sources.keyContext(row.id()))
                  : vaults.openWith(
                      site.id(),
                      participants.key(row.participant()),
                      Participants.keyContext(row.participant()),
                      row.sealedKey(),
                      Sources.keyContext(row.id())));
      List<PackedTurns.Entry> sealed = new ArrayList<>();
      for (PackedTurns.Entry t :
          PackedTurns.unpack(key.decrypt(row.raw(), Sources.partContext(row.id())))) {
        sealed.add(
            new PackedTurns.Entry(
                t.id(), t.position(), key.encrypt(t.bytes(), Sources.turnContext(t.id()))));
      }
      jdbc.sql("update source_part set format = 1, raw_turns = ? where id = ?")
          .params(PackedTurns.pack(sealed), row.id())
          .update();
    }
  }
}
