package org.tejido.fieldwork;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tejido.fieldwork.internal.PackedTurns;
import org.tejido.sites.Site;
import org.tejido.vault.DataKey;

/**
 * Rewrites a source's parts in format 1, as migration V9 leaves the sources stored before it (each
 * turn encrypted on its own, bound to its turn id), so that tests can read, de-identify and tamper
 * with them through the application. Needs the vault unlocked by a reader.
 */
final class LegacyParts {

  private LegacyParts() {}

  static void toFormat1(JdbcClient jdbc, Sources sources, Site site, UUID source) {
    for (Sources.Part part : sources.parts(source)) {
      if (part.format() != Sources.WHOLE) {
        throw new IllegalStateException("part " + part.id() + " is already in format 1");
      }
      DataKey key = sources.openKey(site, part);
      List<PackedTurns.Entry> sealed = new ArrayList<>();
      for (PackedTurns.Entry t :
          PackedTurns.unpack(key.decrypt(part.rawTurns(), Sources.partContext(part.id())))) {
        sealed.add(
            new PackedTurns.Entry(
                t.id(), t.position(), key.encrypt(t.bytes(), Sources.turnContext(t.id()))));
      }
      jdbc.sql("update source_part set format = 1, raw_turns = ? where id = ?")
          .params(PackedTurns.pack(sealed), part.id())
          .update();
    }
  }
}
