package org.tejido.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.postgresql.PGConnection;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tejido.analysis.internal.AnalysisStore;
import org.tejido.analysis.internal.SearchIndex;

/**
 * Queries over codings at the size in docs/benchmarks.md: 10,000 sources, 1,000,000 codings, 60
 * codes, 600 participants, on an embedded PostgreSQL migrated by the application's own migrations.
 * Codings are loaded with {@code COPY}. Times, for the same data in the same run:
 *
 * <ul>
 *   <li>matrix coding (codes × population group, segments and distinct people): the application's
 *       SQL ({@link AnalysisStore#matrix}) and the obvious one-join {@code count(distinct)};
 *   <li>co-occurrence (overlap): the application's SQL ({@link AnalysisStore#overlaps}) and the
 *       obvious self-join over every ordered pair;
 *   <li>full-text search over the in-memory index of the 10,000 sources' generated words ({@link
 *       SearchIndex#find}); reading the words out of their sealed parts is not timed here.
 * </ul>
 *
 * <p>{@code java -cp target/test-classes:target/classes:$(cat target/cp.txt)
 * org.tejido.bench.AnalysisQueryBenchmark [--sources=10000] [--codings=1000000] [--runs=15]
 * [--data-dir=bench/out/analysis-data]} — or {@code bench/analysis-queries.sh}.
 */
public final class AnalysisQueryBenchmark {

  private static final String[] WORDS = {
    "la",
    "colonia",
    "calle",
    "patrulla",
    "miedo",
    "escuela",
    "vecinas",
    "comité",
    "noche",
    "agua",
    "luz",
    "extorsión",
    "mercado",
    "jóvenes",
    "policía",
    "robo",
    "desaparición",
    "iglesia",
    "casa",
    "transporte",
    "señora",
    "niños",
    "cobro",
    "piso",
    "balacera",
    "denuncia",
    "ministerio",
    "público",
    "organización",
    "tianguis",
    "parque",
    "alumbrado",
    "pandilla",
    "trabajo",
    "salud",
    "clínica"
  };
  private static final String[] GROUPS = {"women", "youth", "adult_men", "elderly", "associations"};

  private AnalysisQueryBenchmark() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = new LinkedHashMap<>();
    opts.put("sources", "10000");
    opts.put("codings", "1000000");
    opts.put("codes", "60");
    opts.put("participants", "600");
    opts.put("turns", "40");
    opts.put("runs", "15");
    opts.put("data-dir", "bench/out/analysis-data");
    for (String a : args) {
      String[] kv = a.replaceFirst("^--", "").split("=", 2);
      if (!opts.containsKey(kv[0]) || kv.length < 2) {
        throw new IllegalArgumentException("unknown option " + a + "; options: " + opts.keySet());
      }
      opts.put(kv[0], kv[1]);
    }
    int nSources = Integer.parseInt(opts.get("sources"));
    int nCodings = Integer.parseInt(opts.get("codings"));
    int nCodes = Integer.parseInt(opts.get("codes"));
    int nPeople = Integer.parseInt(opts.get("participants"));
    int nTurns = Integer.parseInt(opts.get("turns"));
    int runs = Integer.parseInt(opts.get("runs"));
    Path dataDir = Path.of(opts.get("data-dir")).toAbsolutePath();
    Files.createDirectories(dataDir);
    System.out.println("settings: " + opts);

    try (EmbeddedPostgres pg =
        EmbeddedPostgres.builder()
            .setDataDirectory(dataDir)
            .setCleanDataDirectory(true)
            .setServerConfig("listen_addresses", "127.0.0.1")
            .setServerConfig("unix_socket_directories", "''")
            .start()) {
      DataSource ds = pg.getPostgresDatabase();
      Flyway.configure().dataSource(ds).load().migrate();
      JdbcClient jdbc = JdbcClient.create(ds);
      Random random = new Random(8);

      long t0 = System.nanoTime();
      UUID site = UUID.randomUUID();
      jdbc.sql(
              "insert into site (id, key, municipality_name, state_name, inegi_code, position)"
                  + " values (?, 'bench', 'Bench', 'Bench', '00000', 1)")
          .param(site)
          .update();
      UUID coder = UUID.randomUUID();
      jdbc.sql(
              "insert into app_user (id, username, display_name, password_hash)"
                  + " values (?, 'coder', 'Coder', 'x')")
          .param(coder)
          .update();
      UUID[] codes = new UUID[nCodes];
      for (int c = 0; c < nCodes; c++) {
        codes[c] = UUID.randomUUID();
        jdbc.sql(
                "insert into analysis_code (id, site_id, name_es, name_en, colour, position)"
                    + " values (?, ?, ?, ?, '#336699', ?)")
            .params(codes[c], site, "código " + c, "code " + c, c)
            .update();
      }
      UUID[] people = new UUID[nPeople];
      StringBuilder copy = new StringBuilder();
      for (int p = 0; p < nPeople; p++) {
        people[p] = UUID.randomUUID();
        copy.append(people[p]).append('\t').append(site).append('\t').append(p + 1);
        copy.append("\tBN-").append(String.format(Locale.ROOT, "%04d", p + 1));
        copy.append('\t').append(GROUPS[random.nextInt(GROUPS.length)]);
        copy.append("\tnot_stated\tnot_stated\tnot_stated\n");
      }
      copy(
          ds,
          "participant (id, site_id, number, code, population_group, gender, age_band, ethnicity)",
          copy);
      UUID[] sources = new UUID[nSources];
      copy.setLength(0);
      for (int s = 0; s < nSources; s++) {
        sources[s] = UUID.randomUUID();
        copy.append(sources[s]).append('\t').append(site).append("\ttranscript\tfuente ");
        copy.append(s).append("\ttyped\tdeidentified\n");
      }
      copy(ds, "source (id, site_id, kind, title, origin, state)", copy);

      // Words of each turn (for search) and codings inside them (for the queries).
      SearchIndex index = new SearchIndex();
      int perSource = nCodings / nSources;
      copy.setLength(0);
      long loaded = 0;
      // The codings are loaded as a bulk write (migration V35): one transaction, the site's counts
      // deferred, then counted once.
      Connection bulk = ds.getConnection();
      bulk.setAutoCommit(false);
      try (var st = bulk.prepareStatement("select analysis_defer_counts(?)")) {
        st.setObject(1, site);
        st.execute();
      }
      for (int s = 0; s < nSources; s++) {
        UUID[] speakers = {null, people[random.nextInt(nPeople)], people[random.nextInt(nPeople)]};
        int[] lengths = new int[nTurns];
        Map<Integer, String> words = new LinkedHashMap<>();
        for (int t = 0; t < nTurns; t++) {
          StringBuilder text = new StringBuilder();
          int n = 10 + random.nextInt(30);
          for (int w = 0; w < n; w++) {
            text.append(w == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
          }
          lengths[t] = text.codePointCount(0, text.length());
          words.put(t + 1, text.toString());
        }
        index.put(site, sources[s], Instant.EPOCH, words);
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int k = 0; k < perSource; k++) {
          int t = random.nextInt(nTurns);
          int start = random.nextInt(Math.max(1, lengths[t] - 10));
          int end = Math.min(lengths[t], start + 10 + random.nextInt(80));
          UUID code = codes[random.nextInt(nCodes)];
          if (!seen.add(t + ":" + start + ":" + end + ":" + code)) {
            k--; // one coding per span, code and coder, as the table requires
            continue;
          }
          UUID speaker = speakers[t % 3];
          copy.append(site).append('\t').append(sources[s]).append('\t').append(t + 1);
          copy.append('\t').append(start).append('\t').append(end).append('\t');
          copy.append(code).append('\t').append(coder).append('\t');
          copy.append(speaker == null ? "\\N" : speaker.toString()).append('\n');
        }
        if (copy.length() > 8_000_000 || s == nSources - 1) {
          loaded +=
              copy(
                  bulk,
                  "analysis_coding (site_id, source_id, turn, start_offset, end_offset, code_id,"
                      + " coder_id, participant_id)",
                  copy);
          copy.setLength(0);
        }
      }
      double copied = (System.nanoTime() - t0) / 1e9;
      long recountStart = System.nanoTime();
      try (var st = bulk.prepareStatement("select analysis_recount(?)")) {
        st.setObject(1, site);
        st.execute();
      }
      bulk.commit();
      bulk.close();
      System.out.printf(
          Locale.ROOT,
          "generated and copied in %.1f s; counted once at the end of the load in %.1f s%n",
          copied,
          (System.nanoTime() - recountStart) / 1e9);
      jdbc.sql("vacuum analyze").update();
      System.out.printf(
          Locale.ROOT,
          "generated and loaded %,d sources, %,d codings, %d codes, %d participants in %.1f s%n",
          nSources,
          loaded,
          nCodes,
          nPeople,
          (System.nanoTime() - t0) / 1e9);

      AnalysisStore store = new AnalysisStore(jdbc);
      if (System.getenv("EXPLAIN") != null) {
        jdbc.sql("explain (analyze, buffers) " + System.getenv("EXPLAIN"))
            .param(site)
            .query(String.class)
            .list()
            .forEach(System.out::println);
      }
      String obviousMatrix =
          """
          select c.code_id, p.population_group, count(*), count(distinct c.participant_id)
          from analysis_coding c left join participant p on p.id = c.participant_id
          where c.site_id = ? group by 1, 2""";
      String obviousOverlap =
          """
          select a.code_id, b.code_id, count(*), count(distinct a.participant_id)
          from analysis_coding a join analysis_coding b
            on a.source_id = b.source_id and a.turn is not distinct from b.turn
           and a.start_offset < b.end_offset and b.start_offset < a.end_offset
           and a.id <> b.id and a.code_id <> b.code_id
          where a.site_id = ? group by 1, 2""";
      String countedMatrix =
          """
          select t.code_id, p.population_group, t.participant_id, t.n
          from (select code_id, participant_id, count(*) as n
                from analysis_coding where site_id = ?
                group by code_id, participant_id) t
          left join participant p on p.id = t.participant_id""";
      String countedOverlap =
          """
          select code_id, other, participant_id, count(*) from (
            select a.code_id, b.code_id as other, a.participant_id
            from analysis_coding a join analysis_coding b
              on b.source_id = a.source_id and b.turn = a.turn
             and b.start_offset < a.end_offset and a.start_offset < b.end_offset
             and a.code_id < b.code_id
            where a.site_id = ? and b.site_id = a.site_id) pairs
          group by 1, 2, 3""";
      time(
          "matrix (codes × population group), maintained counts",
          runs,
          () -> store.matrix(site, "population_group").size());
      time(
          "matrix (codes × population group), counted at each query",
          runs,
          () -> jdbc.sql(countedMatrix).param(site).query().listOfRows().size());
      time(
          "matrix (codes × population group), obvious SQL",
          runs,
          () -> jdbc.sql(obviousMatrix).param(site).query().listOfRows().size());
      time(
          "matrix, distinct sources, application SQL",
          Math.max(3, runs / 5),
          () -> store.matrixSources(site, "population_group").size());
      time("co-occurrence (overlap), maintained counts", runs, () -> store.overlaps(site).size());
      time(
          "co-occurrence (overlap), counted at each query",
          Math.max(3, runs / 5),
          () -> jdbc.sql(countedOverlap).param(site).query().listOfRows().size());
      time(
          "co-occurrence (overlap), obvious SQL",
          Math.max(3, runs / 5),
          () -> jdbc.sql(obviousOverlap).param(site).query().listOfRows().size());
      time(
          "co-occurrence (same turn), application SQL",
          Math.max(3, runs / 5),
          () -> store.sharedTurns(site).size());

      Runtime rt = Runtime.getRuntime();
      System.gc();
      System.out.printf(
          Locale.ROOT,
          "search index: %,d sources in memory, JVM heap used %,d MB%n",
          index.documents(site).size(),
          (rt.totalMemory() - rt.freeMemory()) >> 20);
      for (String q : List.of("extorsion", "ministerio publico", "tianguis", "balacera en")) {
        String folded = SearchIndex.fold(q);
        time(
            "full-text search \"" + q + "\"",
            runs * 2,
            () -> (int) index.find(site, folded, 20, java.util.Set.of()).total());
      }
    }
  }

  private static long copy(DataSource ds, String table, StringBuilder rows) throws Exception {
    try (Connection c = ds.getConnection()) {
      return copy(c, table, rows);
    }
  }

  private static long copy(Connection c, String table, StringBuilder rows) throws Exception {
    return c.unwrap(PGConnection.class)
        .getCopyAPI()
        .copyIn("copy " + table + " from stdin", new StringReader(rows.toString()));
  }

  private static void time(String what, int runs, Supplier<Integer> query) throws IOException {
    int result = 0;
    result = query.get(); // warm-up
    double[] ms = new double[runs];
    for (int i = 0; i < runs; i++) {
      long t = System.nanoTime();
      result = query.get();
      ms[i] = (System.nanoTime() - t) / 1e6;
    }
    Arrays.sort(ms);
    System.out.printf(
        Locale.ROOT,
        "%-58s p50 %8.1f ms  p90 %8.1f ms  (%d runs, %,d rows)%n",
        what,
        ms[runs / 2],
        ms[Math.min(runs - 1, (int) Math.ceil(runs * 0.9) - 1)],
        runs,
        result);
  }
}
