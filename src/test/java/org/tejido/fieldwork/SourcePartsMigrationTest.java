package org.tejido.fieldwork;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tejido.fieldwork.internal.Codec;
import org.tejido.fieldwork.internal.PackedTurns;
import org.tejido.vault.DataKey;
import org.tejido.vault.Vaults;

/**
 * Migration V9 moves turns stored one row per turn (V8) into one row per source and speaker,
 * without decrypting anything: every ciphertext must arrive byte for byte, in order, under the same
 * turn id, and still open with its speaker's data key.
 */
class SourcePartsMigrationTest {

  @Test
  void turnsStoredOneRowEachArePackedPerSpeakerWithEveryCiphertextIntact() throws Exception {
    try (EmbeddedPostgres pg =
        EmbeddedPostgres.builder()
            .setDataDirectory(Path.of("target", "migration-pg-" + UUID.randomUUID()))
            .setCleanDataDirectory(true)
            .start()) {
      Flyway upTo8 =
          Flyway.configure()
              .dataSource(pg.getPostgresDatabase())
              .locations("classpath:db/migration")
              .target("8")
              .load();
      upTo8.migrate();
      JdbcClient jdbc = JdbcClient.create(pg.getPostgresDatabase());

      UUID site = UUID.randomUUID();
      jdbc.sql(
              "insert into site (id, key, municipality_name, state_name, inegi_code, position)"
                  + " values (?, 'prueba', 'Prueba', 'Prueba', '16006', 99)")
          .param(site)
          .update();
      UUID juana = participant(jdbc, site, 1);
      UUID ramon = participant(jdbc, site, 2);
      UUID source = UUID.randomUUID();
      jdbc.sql(
              "insert into source (id, site_id, kind, title, origin, state)"
                  + " values (?, ?, 'transcript', 'Taller', 'typed', 'deidentified')")
          .params(source, site)
          .update();
      // Three speakers (Juana, Ramón, the facilitator), five turns, interleaved.
      UUID juanaKey = key(jdbc, source, juana);
      UUID ramonKey = key(jdbc, source, ramon);
      UUID facilitatorKey = key(jdbc, source, null);
      DataKey juanas = Vaults.newDataKey();
      DataKey ramons = Vaults.newDataKey();
      DataKey facilitators = Vaults.newDataKey();
      var t1 = turn(jdbc, source, facilitatorKey, null, 1, facilitators, "F", "¿Qué pasó?");
      var t2 = turn(jdbc, source, juanaKey, juana, 2, juanas, "PRU-001", "Nos asaltaron.");
      var t3 = turn(jdbc, source, ramonKey, ramon, 3, ramons, "PRU-002", "En la parada.");
      var t4 = turn(jdbc, source, juanaKey, juana, 4, juanas, "PRU-001", "Dos veces.");
      var t5 = turn(jdbc, source, facilitatorKey, null, 5, facilitators, "F", "Gracias.");
      jdbc.sql("insert into source_speaker (source_id, participant_id) values (?, ?), (?, ?)")
          .params(source, juana, source, ramon)
          .update();
      // A key no turn used, in a source of its own, which V8 allowed.
      UUID unused = key(jdbc, UUID.randomUUID(), UUID.randomUUID(), juana, true);

      Flyway.configure()
          .dataSource(pg.getPostgresDatabase())
          .locations("classpath:db/migration")
          .load()
          .migrate();

      assertThat(tables(jdbc))
          .contains("source_part")
          .doesNotContain("source_turn", "source_speaker", "source_key");
      assertThat(
              jdbc.sql("select count(*) from source_part where source_id = ?")
                  .param(source)
                  .query(Integer.class)
                  .single())
          .isEqualTo(3);
      assertThat(
              jdbc.sql("select count(*) from source_part where id = ?")
                  .param(unused)
                  .query(Integer.class)
                  .single())
          .isZero();
      // All moved as they were: format 1, each turn encrypted on its own.
      assertThat(jdbc.sql("select distinct format from source_part").query(Short.class).list())
          .containsExactly((short) 1);
      assertPart(jdbc, juanaKey, juanas, List.of(t2, t4));
      assertPart(jdbc, ramonKey, ramons, List.of(t3));
      assertPart(jdbc, facilitatorKey, facilitators, List.of(t1, t5));
      // Ramón's de-identified turn had been stored: his part keeps it; the others had none.
      assertThat(
              jdbc.sql("select id from source_part where deidentified_turns is not null")
                  .query(UUID.class)
                  .list())
          .containsExactly(ramonKey);
      byte[] clean =
          jdbc.sql("select deidentified_turns from source_part where id = ?")
              .param(ramonKey)
              .query(byte[].class)
              .single();
      assertThat(PackedTurns.unpack(clean))
          .singleElement()
          .satisfies(
              t -> {
                assertThat(t.id()).isEqualTo(t3.id());
                assertThat(t.bytes()).isEqualTo(utf8("[P-2] limpio"));
              });
      // Withdrawing Ramón still takes his part with him.
      jdbc.sql("delete from participant where id = ?").param(ramon).update();
      assertThat(
              jdbc.sql("select count(*) from source_part where source_id = ?")
                  .param(source)
                  .query(Integer.class)
                  .single())
          .isEqualTo(2);
    }
  }

  private static void assertPart(
      JdbcClient jdbc, UUID part, DataKey key, List<PackedTurns.Entry> expected) {
    record Row(int turns, byte[] raw) {}
    Row row =
        jdbc.sql("select turns, raw_turns from source_part where id = ?")
            .param(part)
            .query((rs, i) -> new Row(rs.getInt(1), rs.getBytes(2)))
            .single();
    assertThat(row.turns()).isEqualTo(expected.size());
    List<PackedTurns.Entry> packed = PackedTurns.unpack(row.raw());
    assertThat(packed).hasSameSizeAs(expected);
    for (int i = 0; i < expected.size(); i++) {
      PackedTurns.Entry want = expected.get(i);
      PackedTurns.Entry got = packed.get(i);
      assertThat(got.id()).isEqualTo(want.id());
      assertThat(got.position()).isEqualTo(want.position());
      assertThat(got.bytes()).isEqualTo(want.bytes());
      assertThat(Codec.decode(key.decrypt(got.bytes(), Sources.turnContext(got.id()))))
          .isEqualTo(Codec.decode(key.decrypt(want.bytes(), Sources.turnContext(want.id()))));
    }
  }

  private static UUID participant(JdbcClient jdbc, UUID site, int number) {
    UUID id = UUID.randomUUID();
    jdbc.sql(
            "insert into participant (id, site_id, number, code, population_group, gender,"
                + " age_band, ethnicity) values (?, ?, ?, ?, 'women', 'woman', '30_44',"
                + " 'not_stated')")
        .params(id, site, number, String.format("PRU-%03d", number))
        .update();
    return id;
  }

  private static UUID key(JdbcClient jdbc, UUID source, UUID participant) {
    return key(jdbc, UUID.randomUUID(), source, participant, false);
  }

  private static UUID key(
      JdbcClient jdbc, UUID id, UUID source, UUID participant, boolean newSource) {
    if (newSource) {
      jdbc.sql(
              "insert into source (id, site_id, kind, title, origin)"
                  + " select ?, site_id, kind, 'Vacía', origin from source limit 1")
          .param(source)
          .update();
    }
    jdbc.sql(
            "insert into source_key (id, source_id, participant_id, sealed_key)"
                + " values (?, ?, ?, ?)")
        .params(id, source, participant, utf8("sealed " + id))
        .update();
    return id;
  }

  private static PackedTurns.Entry turn(
      JdbcClient jdbc,
      UUID source,
      UUID keyId,
      UUID participant,
      int position,
      DataKey key,
      String speaker,
      String words) {
    UUID id = UUID.randomUUID();
    byte[] sealed = key.encrypt(Codec.encode(speaker, words), Sources.turnContext(id));
    // Only Ramón's turn had been de-identified (a stand-in ciphertext: V9 never opens it).
    byte[] clean = position == 3 ? utf8("[P-2] limpio") : null;
    jdbc.sql(
            "insert into source_turn (id, source_id, key_id, position, participant_id,"
                + " raw_sealed, deidentified_sealed) values (?, ?, ?, ?, ?, ?, ?)")
        .params(id, source, keyId, position, participant, sealed, clean)
        .update();
    return new PackedTurns.Entry(id, position, sealed);
  }

  private static List<String> tables(JdbcClient jdbc) {
    return jdbc.sql("select tablename from pg_tables where schemaname = 'public'")
        .query(String.class)
        .list();
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
