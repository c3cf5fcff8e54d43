package org.tejido.analysis.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.tejido.analysis.internal.AnalysisStore.CellTotal;
import org.tejido.fieldwork.DeidentifiedTextChanged;
import org.tejido.sites.Site;
import org.tejido.support.Fixtures;
import org.tejido.support.TejidoTest;

/**
 * The counts behind matrix coding and co-occurrence, kept up to date as codings change, equal the
 * counts made from scratch out of the codings themselves (here, in Java) after random sequences of
 * every way codings change: added one by one (and added again: the same coding), removed, moved to
 * another code (merging codes), re-anchored (a source's codings deleted and written back moved, as
 * {@link CodingAnchors} does, or updated in place), taken with a withdrawn participant's turns and
 * the participant deleted (its codings' participant set to null), and imported in batches of one
 * statement each (as a REFI-QDA import writes them), overlapping one another.
 */
@TejidoTest
class MaintainedCountsTest {

  private static final UUID NONE = new UUID(0, 0);
  private static final String[] GROUPS = {"women", "youth", "elderly"};

  @Autowired Fixtures fixtures;
  @Autowired AnalysisStore store;
  @Autowired JdbcClient jdbc;
  @Autowired JdbcTemplate template;
  @Autowired ApplicationEventPublisher events;
  @Autowired PlatformTransactionManager transactions;
  TransactionTemplate tx;

  @BeforeEach
  void transactions() {
    tx = new TransactionTemplate(transactions);
  }

  /** A coding as read back from the table. */
  record Row(
      UUID id,
      UUID source,
      Integer turn,
      int start,
      int end,
      UUID code,
      UUID coder,
      UUID participant) {}

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3})
  void countsKeptUpToDateEqualCountsFromScratch(long seed) {
    Random random = new Random(seed);
    Site site = fixtures.freshSite();
    UUID siteId = site.id().value();
    UUID[] coders = {user(), user()};
    UUID[] codes = new UUID[5];
    for (int i = 0; i < codes.length; i++) {
      codes[i] =
          store.insertCode(siteId, null, null, "código " + i, "code " + i, "", "#336699", true);
    }
    UUID[] sources = new UUID[3];
    for (int i = 0; i < sources.length; i++) {
      sources[i] = UUID.randomUUID();
      jdbc.sql(
              "insert into source (id, site_id, kind, title, origin, state)"
                  + " values (?, ?, 'transcript', ?, 'typed', 'deidentified')")
          .params(sources[i], siteId, "fuente " + i)
          .update();
    }
    List<UUID> people = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      people.add(participant(siteId, i + 1));
    }

    for (int step = 0; step < 120; step++) {
      List<Row> rows = rows(siteId);
      int op = random.nextInt(100);
      if (op < 35 || rows.isEmpty()) {
        // A coding added (or the same one again, which changes nothing).
        Row r = randomRow(random, sources, codes, coders, people);
        store.insertCoding(
            siteId, r.source(), r.turn(), r.start(), r.end(), r.code(), r.coder(), r.participant());
      } else if (op < 50) {
        store.deleteCoding(siteId, pick(random, rows).id());
      } else if (op < 58) {
        // Codes merged: every coding of one moved to another, duplicates dropped.
        UUID from = codes[random.nextInt(codes.length)];
        UUID into = codes[random.nextInt(codes.length)];
        if (!from.equals(into)) {
          store.moveCodings(siteId, from, into);
        }
      } else if (op < 63) {
        reanchorByRewriting(random, siteId, rows, sources);
      } else if (op < 68) {
        reanchorAfterNewDeidentification(random, siteId, rows, sources);
      } else if (op < 75) {
        // Re-anchored in place: a span shifted.
        Row r = pick(random, rows);
        int shift = random.nextInt(7) - 3;
        if (r.start() + shift >= 0) {
          jdbc.sql(
                  "update analysis_coding a set start_offset = start_offset + ?,"
                      + " end_offset = end_offset + ? where id = ? and not exists (select 1"
                      + " from analysis_coding b where b.source_id = a.source_id"
                      + " and b.turn is not distinct from a.turn and b.code_id = a.code_id"
                      + " and b.coder_id = a.coder_id and b.start_offset = a.start_offset + ?"
                      + " and b.end_offset = a.end_offset + ?)")
              .params(shift, shift, r.id(), shift, shift)
              .update();
        }
      } else if (op < 82 && people.size() > 1) {
        // A withdrawal: the turns the participant spoke lose their codings, then the participant
        // goes (what is left of theirs keeps no participant).
        UUID gone = people.remove(random.nextInt(people.size()));
        for (UUID source : sources) {
          List<Integer> turns =
              rows.stream()
                  .filter(r -> r.source().equals(source) && gone.equals(r.participant()))
                  .filter(r -> r.turn() != null && random.nextBoolean())
                  .map(Row::turn)
                  .distinct()
                  .toList();
          if (!turns.isEmpty()) {
            store.deleteCodingsOnTurns(siteId, source, turns);
          }
        }
        jdbc.sql("delete from participant where id = ?").param(gone).update();
        people.add(participant(siteId, 10 + step));
      } else if (op < 91) {
        importBatch(random, siteId, sources, codes, coders, people);
      } else {
        // A bulk write counted once at its end (as a REFI-QDA import writes): batches, a coding
        // removed and one added by hand in between, then the site counted again.
        tx.executeWithoutResult(
            status ->
                store.countedOnceAfter(
                    siteId,
                    () -> {
                      importBatch(random, siteId, sources, codes, coders, people);
                      List<Row> during = rows(siteId);
                      if (!during.isEmpty()) {
                        store.deleteCoding(siteId, pick(random, during).id());
                      }
                      Row r = randomRow(random, sources, codes, coders, people);
                      store.insertCoding(
                          siteId,
                          r.source(),
                          r.turn(),
                          r.start(),
                          r.end(),
                          r.code(),
                          r.coder(),
                          r.participant());
                      importBatch(random, siteId, sources, codes, coders, people);
                      return null;
                    }));
      }
      List<Row> now = rows(siteId);
      assertCountsEqualFromScratch(siteId, now, "seed " + seed + ", step " + step);
      assertReadsEqualFromScratch(siteId, now, "seed " + seed + ", step " + step);
    }
    assertThat(store.overlaps(siteId)).as("the fixture makes codings overlap").isNotEmpty();
  }

  /**
   * While one site's codings are written in bulk, a coding of another site written in the same
   * transaction is still counted as it is written, and the bulk write's site is counted at its end;
   * a bulk write outside a transaction is refused (its deferral would not hold).
   */
  @Test
  void aBulkWriteDefersOnlyItsOwnSiteAndNeedsATransaction() {
    Site bulk = fixtures.freshSite();
    Site other = fixtures.freshSite();
    UUID coder = user();
    UUID[] bulkSource = {source(bulk.id().value())};
    UUID[] otherSource = {source(other.id().value())};
    UUID[] bulkCodes = {code(bulk.id().value(), 1), code(bulk.id().value(), 2)};
    UUID[] otherCodes = {code(other.id().value(), 1), code(other.id().value(), 2)};
    List<UUID> people = new ArrayList<>(List.of(participant(bulk.id().value(), 1)));
    Random random = new Random(7);
    tx.executeWithoutResult(
        status ->
            store.countedOnceAfter(
                bulk.id().value(),
                () -> {
                  importBatch(
                      random, bulk.id().value(), bulkSource, bulkCodes, new UUID[] {coder}, people);
                  assertThat(countedCodings(bulk.id().value()))
                      .as("the bulk write's site, not counted yet")
                      .isZero();
                  store.insertCoding(
                      other.id().value(), otherSource[0], 1, 0, 10, otherCodes[0], coder, null);
                  store.insertCoding(
                      other.id().value(), otherSource[0], 1, 5, 15, otherCodes[1], coder, null);
                  assertThat(countedCodings(other.id().value()))
                      .as("another site's codings, counted as they are written")
                      .isEqualTo(2);
                  return null;
                }));
    for (Site s : List.of(bulk, other)) {
      List<Row> rows = rows(s.id().value());
      assertThat(rows).isNotEmpty();
      assertCountsEqualFromScratch(s.id().value(), rows, "after the bulk write, " + s.key());
      assertReadsEqualFromScratch(s.id().value(), rows, "after the bulk write, " + s.key());
    }
    assertThat(store.overlaps(other.id().value())).hasSize(1);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> store.countedOnceAfter(bulk.id().value(), () -> null))
        .isInstanceOf(IllegalStateException.class);
  }

  private long countedCodings(UUID site) {
    return jdbc.sql(
            "select coalesce(sum(codings), 0) from analysis_code_participant_count"
                + " where site_id = ?")
        .param(site)
        .query(Long.class)
        .single();
  }

  private UUID source(UUID site) {
    UUID id = UUID.randomUUID();
    jdbc.sql(
            "insert into source (id, site_id, kind, title, origin, state)"
                + " values (?, ?, 'transcript', 'fuente', 'typed', 'deidentified')")
        .params(id, site)
        .update();
    return id;
  }

  private UUID code(UUID site, int n) {
    return store.insertCode(site, null, null, "código " + n, "code " + n, "", "#336699", true);
  }

  private void reanchorByRewriting(Random random, UUID site, List<Row> rows, UUID[] sources) {
    UUID source = sources[random.nextInt(sources.length)];
    int shift = random.nextInt(5) - 2;
    List<Object[]> back = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Row r : rows) {
      if (!r.source().equals(source)) {
        continue;
      }
      int start = Math.max(0, r.start() + shift);
      int end = Math.max(start + 1, r.end() + shift);
      if (seen.add(r.turn() + ":" + start + ":" + end + ":" + r.code() + ":" + r.coder())) {
        back.add(
            new Object[] {
              r.id(), site, source, r.turn(), start, end, r.code(), r.coder(), r.participant()
            });
      }
    }
    template.update("delete from analysis_coding where source_id = ?", source);
    template.batchUpdate(
        "insert into analysis_coding (id, site_id, source_id, turn, start_offset, end_offset,"
            + " code_id, coder_id, participant_id) values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        back);
  }

  /**
   * A source de-identified again: {@link CodingAnchors} carries the codings through the change of
   * its turns' words, each keeping its participant.
   */
  private void reanchorAfterNewDeidentification(
      Random random, UUID site, List<Row> rows, UUID[] sources) {
    UUID source = sources[random.nextInt(sources.length)];
    List<DeidentifiedTextChanged.Turn> turns = new ArrayList<>();
    for (int t = 1; t <= 3; t++) {
      String before = "palabras de la vecina ".repeat(3);
      int at = random.nextInt(before.length() - 10);
      String after =
          random.nextBoolean()
              ? before.substring(0, at) + "[P-1" + t + "]" + before.substring(at + 8)
              : before.substring(0, at) + before.substring(at + 1 + random.nextInt(5));
      turns.add(new DeidentifiedTextChanged.Turn(t, before, after));
    }
    events.publishEvent(new DeidentifiedTextChanged(site, source, turns));
    Map<UUID, UUID> speakers = new HashMap<>();
    rows.forEach(r -> speakers.put(r.id(), r.participant()));
    for (Row r : rows(site)) {
      if (speakers.containsKey(r.id())) {
        assertThat(r.participant())
            .as("a re-anchored coding's participant")
            .isEqualTo(speakers.get(r.id()));
      }
    }
  }

  private void importBatch(
      Random random, UUID site, UUID[] sources, UUID[] codes, UUID[] coders, List<UUID> people) {
    int n = 5 + random.nextInt(20);
    Map<String, Row> batch = new HashMap<>();
    Set<String> existing = new HashSet<>();
    rows(site).forEach(r -> existing.add(key(r)));
    for (int i = 0; i < n; i++) {
      Row r = randomRow(random, sources, codes, coders, people);
      if (!existing.contains(key(r))) {
        batch.putIfAbsent(key(r), r);
      }
    }
    List<Row> rows = List.copyOf(batch.values());
    jdbc.sql(
            "insert into analysis_coding (site_id, source_id, turn, start_offset, end_offset,"
                + " code_id, coder_id, participant_id) select ?, * from unnest(cast(? as uuid[]),"
                + " cast(? as int[]), cast(? as int[]), cast(? as int[]), cast(? as uuid[]),"
                + " cast(? as uuid[]), cast(? as uuid[]))")
        .params(
            site,
            rows.stream().map(Row::source).toArray(UUID[]::new),
            rows.stream().map(Row::turn).toArray(Integer[]::new),
            rows.stream().map(Row::start).toArray(Integer[]::new),
            rows.stream().map(Row::end).toArray(Integer[]::new),
            rows.stream().map(Row::code).toArray(UUID[]::new),
            rows.stream().map(Row::coder).toArray(UUID[]::new),
            rows.stream().map(Row::participant).toArray(UUID[]::new))
        .update();
  }

  private static String key(Row r) {
    return r.source()
        + ":"
        + r.turn()
        + ":"
        + r.start()
        + ":"
        + r.end()
        + ":"
        + r.code()
        + ":"
        + r.coder();
  }

  private static Row randomRow(
      Random random, UUID[] sources, UUID[] codes, UUID[] coders, List<UUID> people) {
    // Turn 0 stands for the whole text of a source (turn null); a few turns, short spans, so
    // that codings overlap often.
    int t = random.nextInt(4);
    int start = random.nextInt(30);
    int end = start + 1 + random.nextInt(12);
    UUID participant = t == 0 || random.nextInt(5) == 0 ? null : pick(random, people);
    return new Row(
        null,
        sources[random.nextInt(sources.length)],
        t == 0 ? null : t,
        start,
        end,
        codes[random.nextInt(codes.length)],
        coders[random.nextInt(coders.length)],
        participant);
  }

  private static <T> T pick(Random random, List<T> items) {
    return items.get(random.nextInt(items.size()));
  }

  // ---- counted from scratch ----

  private static Map<List<UUID>, Long> codingsFromScratch(List<Row> rows) {
    Map<List<UUID>, Long> out = new HashMap<>();
    rows.forEach(
        r ->
            out.merge(
                List.of(r.code(), r.participant() == null ? NONE : r.participant()),
                1L,
                Long::sum));
    return out;
  }

  private static Map<List<UUID>, Long> overlapsFromScratch(List<Row> rows) {
    Map<List<UUID>, Long> out = new HashMap<>();
    for (Row a : rows) {
      for (Row b : rows) {
        // PostgreSQL orders uuids as unsigned bytes: as their hexadecimal text.
        boolean lower = a.code().toString().compareTo(b.code().toString()) < 0;
        if (lower
            && a.source().equals(b.source())
            && java.util.Objects.equals(a.turn(), b.turn())
            && b.start() < a.end()
            && a.start() < b.end()) {
          out.merge(
              List.of(a.code(), b.code(), a.participant() == null ? NONE : a.participant()),
              1L,
              Long::sum);
        }
      }
    }
    return out;
  }

  private void assertCountsEqualFromScratch(UUID site, List<Row> rows, String when) {
    Map<List<UUID>, Long> codings = new HashMap<>();
    jdbc.sql(
            "select code_id, participant_id, codings from analysis_code_participant_count"
                + " where site_id = ? and codings > 0")
        .param(site)
        .query(
            (rs, n) ->
                codings.put(
                    List.of(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class)),
                    rs.getLong(3)))
        .list();
    Map<List<UUID>, Long> overlaps = new HashMap<>();
    jdbc.sql(
            "select code_id, other_id, participant_id, pairs from analysis_overlap_count"
                + " where site_id = ? and pairs > 0")
        .param(site)
        .query(
            (rs, n) ->
                overlaps.put(
                    List.of(
                        rs.getObject(1, UUID.class),
                        rs.getObject(2, UUID.class),
                        rs.getObject(3, UUID.class)),
                    rs.getLong(4)))
        .list();
    assertThat(codings)
        .as("codings per code and participant, " + when)
        .isEqualTo(codingsFromScratch(rows));
    assertThat(overlaps).as("overlapping pairs, " + when).isEqualTo(overlapsFromScratch(rows));
  }

  /** What the matrix and co-occurrence pages read, against the same counted from scratch. */
  private void assertReadsEqualFromScratch(UUID site, List<Row> rows, String when) {
    Map<UUID, String> groups = new HashMap<>();
    jdbc.sql("select id, population_group from participant where site_id = ?")
        .param(site)
        .query((rs, n) -> groups.put(rs.getObject(1, UUID.class), rs.getString(2)))
        .list();
    Map<List<String>, Long> segments = new HashMap<>();
    Map<List<String>, Set<UUID>> who = new HashMap<>();
    for (Row r : rows) {
      List<String> cell =
          java.util.Arrays.asList(
              r.code().toString(), r.participant() == null ? null : groups.get(r.participant()));
      segments.merge(cell, 1L, Long::sum);
      Set<UUID> set = who.computeIfAbsent(cell, k -> new HashSet<>());
      if (r.participant() != null) {
        set.add(r.participant());
      }
    }
    Set<CellTotal> matrix = new HashSet<>();
    segments.forEach(
        (cell, n) ->
            matrix.add(
                new CellTotal(UUID.fromString(cell.get(0)), cell.get(1), n, who.get(cell).size())));
    assertThat(new HashSet<>(store.matrix(site, "population_group")))
        .as("matrix, " + when)
        .isEqualTo(matrix);

    Map<List<UUID>, Long> pairs = new HashMap<>();
    Map<List<UUID>, Set<UUID>> pairPeople = new HashMap<>();
    overlapsFromScratch(rows)
        .forEach(
            (k, n) -> {
              List<UUID> cell = List.of(k.get(0), k.get(1));
              pairs.merge(cell, n, Long::sum);
              Set<UUID> set = pairPeople.computeIfAbsent(cell, x -> new HashSet<>());
              if (!k.get(2).equals(NONE)) {
                set.add(k.get(2));
              }
            });
    Set<CellTotal> overlaps = new HashSet<>();
    pairs.forEach(
        (cell, n) ->
            overlaps.add(
                new CellTotal(
                    cell.get(0), cell.get(1).toString(), n, pairPeople.get(cell).size())));
    assertThat(new HashSet<>(store.overlaps(site)))
        .as("co-occurrence, " + when)
        .isEqualTo(overlaps);
  }

  // ---- the fixture ----

  private List<Row> rows(UUID site) {
    return jdbc.sql(
            "select id, source_id, turn, start_offset, end_offset, code_id, coder_id,"
                + " participant_id from analysis_coding where site_id = ?")
        .param(site)
        .query(
            (rs, n) ->
                new Row(
                    rs.getObject(1, UUID.class),
                    rs.getObject(2, UUID.class),
                    rs.getObject(3, Integer.class),
                    rs.getInt(4),
                    rs.getInt(5),
                    rs.getObject(6, UUID.class),
                    rs.getObject(7, UUID.class),
                    rs.getObject(8, UUID.class)))
        .list();
  }

  private UUID user() {
    UUID id = UUID.randomUUID();
    jdbc.sql(
            "insert into app_user (id, username, display_name, password_hash)"
                + " values (?, ?, 'Codificadora', 'x')")
        .params(id, "coder-" + id)
        .update();
    return id;
  }

  private UUID participant(UUID site, int number) {
    UUID id = UUID.randomUUID();
    jdbc.sql(
            "insert into participant (id, site_id, number, code, population_group, gender,"
                + " age_band, ethnicity) values (?, ?, ?, ?, ?, 'not_stated', 'not_stated',"
                + " 'not_stated')")
        .params(
            id,
            site,
            number,
            String.format(java.util.Locale.ROOT, "PT-%03d", number),
            GROUPS[number % GROUPS.length])
        .update();
    return id;
  }
}
