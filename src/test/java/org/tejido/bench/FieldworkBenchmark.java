package org.tejido.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.tejido.TejidoApplication;
import org.tejido.deidentification.Deidentifier;
import org.tejido.deidentification.EntityKind;
import org.tejido.deidentification.GazetteerEntry;
import org.tejido.deidentification.Replacement;
import org.tejido.deidentification.bench.DeidentifyBenchmark;
import org.tejido.fieldwork.Deidentification;
import org.tejido.fieldwork.FieldworkImport;
import org.tejido.fieldwork.Identity;
import org.tejido.fieldwork.NewParticipant;
import org.tejido.fieldwork.NewSource;
import org.tejido.fieldwork.Participant;
import org.tejido.fieldwork.Participants;
import org.tejido.fieldwork.SourceTurn;
import org.tejido.fieldwork.Sources;
import org.tejido.fieldwork.internal.Codec;
import org.tejido.fieldwork.internal.PackedTurns;
import org.tejido.fieldwork.internal.text.Turn;
import org.tejido.fieldwork.internal.text.TurnParser;
import org.tejido.identity.SiteRole;
import org.tejido.identity.UserAccounts;
import org.tejido.identity.UserId;
import org.tejido.shared.LocalizedText;
import org.tejido.sites.NewSite;
import org.tejido.sites.Site;
import org.tejido.sites.SiteStatus;
import org.tejido.sites.Sites;
import org.tejido.vault.DataKey;
import org.tejido.vault.VaultProperties;
import org.tejido.vault.Vaults;
import org.tejido.vault.internal.VaultCrypto;

/**
 * End-to-end fieldwork benchmark against the real application context and a real (embedded)
 * PostgreSQL with fsync on, for the two targets in docs/benchmarks.md:
 *
 * <ol>
 *   <li><b>(a) ingest</b>: encrypt and store many ~20 KB transcripts through {@link
 *       FieldworkImport#source} from several threads, one source per transaction (as the UI stores
 *       one source per request) and then in batches of several sources per transaction;
 *   <li><b>(b) unlock, then de-identify</b>: with a 2,000-entry gazetteer, time unlocking the vault
 *       with a passphrase (Argon2id at the configured cost), and apart from it, with the vault
 *       open, {@link Deidentification#propose} and {@link Deidentification#apply} with every
 *       proposal accepted, for one 20 KB transcript.
 *   <li><b>(c) add a term</b>: with the vault open and 200, then 1,000 sources of the site ready
 *       for analysis, time {@link Deidentification#addToGazetteer} of a term none of them says
 *       (what a coordinator waits for; every ready source is looked at for it).
 * </ol>
 *
 * <p>Not a unit test (Surefire does not pick it up by name): run it with {@code
 * bench/fieldwork.sh}, which compiles the test classes, builds the classpath, runs this class with
 * a fresh data directory under {@code bench/out/}, and deletes that directory afterwards. Options
 * are {@code --name=value}; {@code --help} lists them. Everything it generates comes from fixed
 * seeds, so each run does the same work.
 */
public final class FieldworkBenchmark {

  private static final String PASSPHRASE = "banco de pruebas de tejido";
  private static final String COORDINATOR = "bench-coordinator";
  private static final String FACILITATOR = "Facilitadora";
  private static final int TRANSCRIPT_CHARS = 20_000;

  /**
   * Unmeasured rounds of (b) first: a server that has been up a while has compiled this code path;
   * with 10 the JIT was still compiling through the measured rounds (a median 40 % higher).
   */
  private static final int WARMUP_ROUNDS = 100;

  /**
   * Unlocks measured in (b), after a few unmeasured: each derives a 64 MiB Argon2id key, so fewer
   * than the de-identification runs give as steady a median.
   */
  private static final int UNLOCK_RUNS = 20;

  private static final int UNLOCK_WARMUP = 3;

  /** The report: standard output, and the --report file when given. */
  static PrintStream out = System.out;

  private FieldworkBenchmark() {}

  /** The options, with their defaults. */
  record Settings(
      Path dataDir,
      boolean fsync,
      int sources,
      int warmup,
      int threads,
      int batch,
      int runs,
      int participants,
      int pool,
      Set<String> phases,
      List<Integer> flagSizes,
      Path report,
      Path profile) {

    static final String HELP =
        """
        Options (--name=value):
          --data-dir=DIR       where the embedded PostgreSQL and the master key live (required; must
                               be new or empty: it is the script's to delete)
          --fsync=true|false   PostgreSQL fsync and synchronous_commit (default true: realistic)
          --sources=N          (a) sources stored per measured run (default 10000)
          --warmup=N           (a) sources stored first, not counted (default 3000)
          --threads=N          (a) threads storing sources (default 2)
          --batch=N            (a) sources per transaction in the second run; 0 or 1 skips it
                               (default 50)
          --runs=N             (b) measured de-identify runs, vault open (default 100;
                               unlocks: at most 20)
          --participants=N     participants registered with names and aliases (default 50)
          --pool=N             distinct transcripts generated and cycled through (default 200)
          --phases=a,b         which measurements to run (default a,b; c: adding a term)
          --flag-sizes=N,M     (c) ready sources of the site when a term is added, measured in
                               turn (default 200,1000)
          --report=FILE        also append the report (not the application's log) to FILE
          --profile=DIR        record the measured runs with Java Flight Recorder into
                               DIR/fieldwork-{a,b}.jfr and print where the JVM spends its time
        """;

    static Settings parse(String[] args) {
      Map<String, String> o = new LinkedHashMap<>();
      for (String arg : args) {
        if (arg.equals("--help") || arg.equals("-h")) {
          System.out.print(HELP);
          System.exit(0);
        }
        int eq = arg.indexOf('=');
        if (!arg.startsWith("--") || eq < 0) {
          throw new IllegalArgumentException("Options are --name=value: " + arg + "\n" + HELP);
        }
        o.put(arg.substring(2, eq), arg.substring(eq + 1));
      }
      Set<String> known =
          Set.of(
              "data-dir",
              "fsync",
              "sources",
              "warmup",
              "threads",
              "batch",
              "runs",
              "participants",
              "pool",
              "phases",
              "flag-sizes",
              "report",
              "profile");
      for (String k : o.keySet()) {
        if (!known.contains(k)) {
          throw new IllegalArgumentException("Unknown option --" + k + "\n" + HELP);
        }
      }
      if (!o.containsKey("data-dir")) {
        throw new IllegalArgumentException("--data-dir is required\n" + HELP);
      }
      Settings s =
          new Settings(
              Path.of(o.get("data-dir")).toAbsolutePath(),
              Boolean.parseBoolean(o.getOrDefault("fsync", "true")),
              Integer.parseInt(o.getOrDefault("sources", "10000")),
              Integer.parseInt(o.getOrDefault("warmup", "3000")),
              Integer.parseInt(o.getOrDefault("threads", "2")),
              Integer.parseInt(o.getOrDefault("batch", "50")),
              Integer.parseInt(o.getOrDefault("runs", "100")),
              Integer.parseInt(o.getOrDefault("participants", "50")),
              Integer.parseInt(o.getOrDefault("pool", "200")),
              new LinkedHashSet<>(Arrays.asList(o.getOrDefault("phases", "a,b").split(","))),
              Arrays.stream(o.getOrDefault("flag-sizes", "200,1000").split(","))
                  .map(Integer::valueOf)
                  .toList(),
              o.containsKey("report") ? Path.of(o.get("report")).toAbsolutePath() : null,
              o.containsKey("profile") ? Path.of(o.get("profile")).toAbsolutePath() : null);
      if (s.sources < 1
          || s.warmup < 0
          || s.threads < 1
          || s.batch < 0
          || s.runs < 1
          || s.participants < 6
          || s.pool < 1) {
        throw new IllegalArgumentException(
            "Need sources >= 1, warmup >= 0, threads >= 1, batch >= 0, runs >= 1,"
                + " participants >= 6, pool >= 1");
      }
      return s;
    }
  }

  public static void main(String[] args) throws Exception {
    Settings settings = Settings.parse(args);
    Path data = settings.dataDir();
    Files.createDirectories(data);
    try (var existing = Files.list(data)) {
      if (existing.findAny().isPresent()) {
        throw new IllegalStateException(data + " is not empty; the benchmark needs a fresh one");
      }
    }
    if (settings.report() != null) {
      OutputStream file =
          Files.newOutputStream(
              settings.report(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      out =
          new PrintStream(
              new OutputStream() {
                @Override
                public void write(int b) throws IOException {
                  System.out.write(b);
                  file.write(b);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                  System.out.write(b, off, len);
                  file.write(b, off, len);
                }

                @Override
                public void flush() throws IOException {
                  System.out.flush();
                  file.flush();
                }
              },
              true,
              StandardCharsets.UTF_8);
    }
    int exit = 0;
    ConfigurableApplicationContext context =
        new SpringApplicationBuilder(TejidoApplication.class)
            // A servlet context, on a free loopback port nobody uses: with NONE, the security
            // configuration's filter chain finds no HttpSecurity and the context fails to start
            // (the same happens to the `users` commands in TejidoApplication.main).
            .web(WebApplicationType.SERVLET)
            .logStartupInfo(false)
            // Command-line arguments: they override application.properties and TEJIDO_* variables.
            .run(
                "--server.port=0",
                "--server.address=127.0.0.1",
                "--tejido.db.url=",
                "--tejido.db.embedded.data-dir=" + data.resolve("pgdata"),
                "--tejido.db.embedded.clean=true",
                "--tejido.db.embedded.fsync=" + settings.fsync(),
                "--tejido.db.pool-size=" + Math.max(10, settings.threads() + 4),
                "--tejido.crypto.master-key=",
                "--tejido.crypto.master-key-file=" + data.resolve("keys/master-keyset.json"),
                "--tejido.data-dir=" + data,
                "--tejido.db.embedded.password-file=" + data.resolve("postgres-password"),
                "--management.server.port=0",
                "--tejido.reference-data.enabled=false",
                "--tejido.demo.enabled=false",
                "--tejido.vault.idle-timeout=4h",
                "--spring.main.banner-mode=off",
                "--logging.level.root=WARN",
                "--logging.level.org.tejido=WARN");
    try {
      new FieldworkBenchmark.Run(context, settings).run();
    } catch (Throwable e) {
      e.printStackTrace();
      out.println("FAILED: " + e);
      exit = 1;
    } finally {
      context.close();
    }
    System.exit(exit);
  }

  /** One run of the benchmark in a started application context. */
  static final class Run {
    private final Settings settings;
    private final Sites sites;
    private final Vaults vaults;
    private final FieldworkImport fieldwork;
    private final Participants participants;
    private final Sources sources;
    private final Deidentification deidentification;
    private final org.tejido.fieldwork.ReviewRequests reviewRequests;
    private final UserAccounts accounts;
    private final UserDetailsService users;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final VaultProperties vaultProperties;
    private final Cpu cpu;

    private Site site;
    private final List<Participant> people = new ArrayList<>();
    private final List<Identity> identities = new ArrayList<>();
    private List<GazetteerEntry> gazetteer;
    private final List<String> pool = new ArrayList<>();
    private int[] poolBytes;

    Run(ConfigurableApplicationContext context, Settings settings) {
      this.settings = settings;
      this.sites = context.getBean(Sites.class);
      this.vaults = context.getBean(Vaults.class);
      this.fieldwork = context.getBean(FieldworkImport.class);
      this.participants = context.getBean(Participants.class);
      this.sources = context.getBean(Sources.class);
      this.deidentification = context.getBean(Deidentification.class);
      this.reviewRequests = context.getBean(org.tejido.fieldwork.ReviewRequests.class);
      this.accounts = context.getBean(UserAccounts.class);
      this.users = context.getBean(UserDetailsService.class);
      this.jdbc = context.getBean(JdbcClient.class);
      this.transaction = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
      this.vaultProperties = context.getBean(VaultProperties.class);
      this.cpu =
          Cpu.of(jdbc.sql("select pg_backend_pid()").query(Integer.class).single().longValue());
    }

    void run() throws Exception {
      printSettings();
      setUp();
      if (settings.phases().contains("a")) {
        ingest();
      }
      if (settings.phases().contains("b")) {
        deidentify();
      }
      if (settings.phases().contains("c")) {
        addTerm();
      }
      String size =
          jdbc.sql("select pg_size_pretty(pg_database_size(current_database()))")
              .query(String.class)
              .single();
      out.printf("%nDatabase size at the end: %s%n", size);
    }

    private void printSettings() {
      String server =
          jdbc.sql("select current_setting('server_version')").query(String.class).single();
      String fsync = jdbc.sql("select current_setting('fsync')").query(String.class).single();
      String sync =
          jdbc.sql("select current_setting('synchronous_commit')").query(String.class).single();
      Runtime rt = Runtime.getRuntime();
      out.println("Settings");
      out.printf(
          "  JVM:          %s %s, %d processors visible, max heap %d MiB, %s%n",
          System.getProperty("java.vm.name"),
          System.getProperty("java.runtime.version"),
          rt.availableProcessors(),
          rt.maxMemory() / (1024 * 1024),
          ManagementFactory.getRuntimeMXBean().getInputArguments());
      out.printf(
          "  PostgreSQL:   embedded %s, fsync=%s, synchronous_commit=%s, data in %s%n",
          server, fsync, sync, settings.dataDir());
      String wanted = settings.fsync() ? "on" : "off";
      if (!fsync.equals(wanted) || !sync.equals(wanted)) {
        out.printf(
            "  WARNING:      asked for fsync %s, PostgreSQL runs with fsync=%s and"
                + " synchronous_commit=%s%n",
            wanted, fsync, sync);
      }
      out.printf(
          "  X25519:       %s%n",
          org.tejido.vault.internal.VaultCrypto.nativeX25519()
              ? "BoringSSL through Conscrypt (native)"
              : "Tink's Java implementation (Conscrypt not available here)");
      out.printf(
          "  vault KDF:    Argon2id %d KiB, %d iterations, %d lane(s), by %s%n",
          vaultProperties.kdfMemoryKib(),
          vaultProperties.kdfIterations(),
          vaultProperties.kdfParallelism(),
          org.tejido.vault.internal.VaultCrypto.nativeArgon2()
              ? "libargon2 (native)"
              : "Bouncy Castle (Java; libargon2 not available here)");
      out.printf(
          "  (a):          %d sources (+ %d warm-up) per run, %d thread(s), runs: 1 per transaction%s%n",
          settings.sources(),
          settings.warmup(),
          settings.threads(),
          settings.batch() > 1 ? ", then " + settings.batch() + " per transaction" : "");
      out.printf(
          "  (b):          %d measured runs (after %d warm-up runs)%n",
          settings.runs(), WARMUP_ROUNDS);
      out.printf(
          "  data:         %d participants, %d distinct transcripts, phases %s%n",
          settings.participants(), settings.pool(), String.join(",", settings.phases()));
    }

    // ---- set-up: site, vault, coordinator, participants, transcripts ----

    private void setUp() {
      long t0 = System.nanoTime();
      site =
          sites.register(
              new NewSite(
                  "bench",
                  "Municipio de pruebas",
                  "Michoacán",
                  "16006",
                  "Colonia de pruebas",
                  SiteStatus.ACTIVE,
                  null,
                  new LocalizedText(null, null)));
      String recovery = vaults.createWithRecoveryKeyOnly(site.id());
      UserId coordinator =
          accounts.create(COORDINATOR, "Coordinadora de pruebas", PASSPHRASE, false);
      accounts.assign(coordinator, site.id(), SiteRole.COORDINATOR);
      UserDetails details = users.loadUserByUsername(COORDINATOR);
      SecurityContextHolder.getContext()
          .setAuthentication(
              new UsernamePasswordAuthenticationToken(details, null, details.getAuthorities()));
      vaults.unlockWithRecoveryKey(site, recovery);
      vaults.setMyPassphrase(site, PASSPHRASE);
      vaults.lock(site);

      Random random = new Random(2016_2018L);
      for (int i = 0; i < settings.participants(); i++) {
        Identity identity =
            new Identity(
                Words.pick(random, Words.FIRST_NAMES)
                    + " "
                    + Words.pick(random, Words.SURNAMES)
                    + " "
                    + Words.pick(random, Words.SURNAMES),
                random.nextInt(3) == 0 ? Words.pick(random, Words.NICKNAMES) + " " + i : null,
                "443 " + (100 + random.nextInt(900)) + " " + (1000 + random.nextInt(9000)));
        identities.add(identity);
        people.add(
            fieldwork.participant(
                site,
                new NewParticipant(
                    Words.pick(random, new String[] {"women", "youth", "adult_men", "elderly"}),
                    Words.pick(random, new String[] {"woman", "man", "not_stated"}),
                    Words.pick(random, new String[] {"18_29", "30_44", "45_59", "60_plus"}),
                    Words.pick(random, new String[] {"mestizo", "indigenous", "not_stated"}),
                    Words.pick(random, Words.COLONIAS),
                    identity),
                false));
      }
      gazetteer = DeidentifyBenchmark.gazetteer(new Random(20_180_601L));
      long chars = 0;
      long turns = 0;
      poolBytes = new int[settings.pool()];
      for (int i = 0; i < settings.pool(); i++) {
        String text = transcript(new Random(1_000_003L * (i + 1)), i);
        pool.add(text);
        poolBytes[i] = text.getBytes(StandardCharsets.UTF_8).length;
        chars += text.length();
        turns += TurnParser.parse(text).size();
      }
      out.printf(
          "%nSet-up (%.1f s): site '%s', vault (recovery key, then the coordinator's passphrase),"
              + " %d participants with identities, %d transcripts of %.0f characters and %.0f"
              + " UTF-8 bytes on average, %.1f turns each (5 participants and a facilitator)%n",
          (System.nanoTime() - t0) / 1e9,
          site.key(),
          people.size(),
          pool.size(),
          (double) chars / pool.size(),
          Arrays.stream(poolBytes).average().orElse(0),
          (double) turns / pool.size());
    }

    /**
     * A Spanish-like transcript of about 20 KB: a facilitator's questions and five participants'
     * answers ("BEN-007: ..."), naming gazetteer entries, participants, phones and e-mails.
     */
    String transcript(Random random, int index) {
      List<String> speakers = new ArrayList<>();
      for (int k = 0; k < 5; k++) {
        speakers.add(people.get((index * 5 + k) % people.size()).code());
      }
      StringBuilder text = new StringBuilder(TRANSCRIPT_CHARS + 2_000);
      text.append("Entrevista grupal ").append(index + 1).append(", notas de campo.\n\n");
      int turn = 0;
      while (text.length() < TRANSCRIPT_CHARS) {
        boolean facilitator = turn++ % 3 == 0;
        text.append(facilitator ? FACILITATOR : Words.pick(random, speakers)).append(": ");
        int sentences = facilitator ? 1 + random.nextInt(2) : 2 + random.nextInt(6);
        for (int s = 0; s < sentences; s++) {
          String filler = Words.pick(random, facilitator ? Words.QUESTIONS : Words.FILLER);
          text.append(Character.toUpperCase(filler.charAt(0))).append(filler, 1, filler.length());
          int roll = random.nextInt(20);
          if (!facilitator && roll < 6) {
            String term = gazetteer.get(random.nextInt(gazetteer.size())).term();
            text.append(", con ")
                .append(random.nextBoolean() ? term : term.toLowerCase(Locale.ROOT));
          } else if (!facilitator && roll < 8) {
            Identity who = identities.get(random.nextInt(identities.size()));
            text.append(", me dijo ")
                .append(who.alias() != null && random.nextBoolean() ? who.alias() : who.name());
          } else if (roll == 8) {
            text.append(", su cel es 443 ")
                .append(100 + random.nextInt(900))
                .append(' ')
                .append(1000 + random.nextInt(9000));
          } else if (roll == 9) {
            text.append(", escríbanle a vecino").append(random.nextInt(500)).append("@correo.mx");
          }
          text.append(facilitator ? "? " : ". ");
        }
        text.append("\n\n");
      }
      return text.toString();
    }

    private NewSource newSource(int index) {
      return new NewSource(
          null, "transcript", "Entrevista " + (index + 1), pool.get(index % pool.size()), "typed");
    }

    // ---- (a) ingest ----

    record Ingest(
        String label,
        int sources,
        int perTransaction,
        double seconds,
        long bytes,
        long[] unitNanos,
        Cpu.Usage cpu) {}

    private void ingest() throws Exception {
      out.printf(
          "%n(a) Encrypt + store: FieldworkImport.source, %d thread(s)%n", settings.threads());
      cpuProfile();
      if (settings.warmup() > 0) {
        Ingest warm = store("warm-up", settings.warmup(), 1, 0);
        out.printf(
            "  warm-up: %d sources in %.1f s (not counted)%n", warm.sources(), warm.seconds());
      }
      List<Ingest> results = new ArrayList<>();
      Profile profile = Profile.start(settings.profile(), "fieldwork-a.jfr");
      results.add(store("1 per transaction", settings.sources(), 1, settings.warmup()));
      Profile.Summary profiled = profile.stop();
      if (settings.batch() > 1) {
        results.add(
            store(
                settings.batch() + " per transaction",
                settings.sources(),
                settings.batch(),
                settings.warmup() + settings.sources()));
      }
      long stored = jdbc.sql("select count(*) from source").query(Long.class).single();
      long turns =
          jdbc.sql("select coalesce(sum(turns), 0) from source_part").query(Long.class).single();
      out.println();
      out.printf(
          "  %-20s %8s %10s %10s %7s %10s %10s %10s%n",
          "mode", "sources", "total (s)", "sources/s", "MB/s", "p50 (ms)", "p99 (ms)", "max (ms)");
      for (Ingest r : results) {
        long[] sorted = r.unitNanos().clone();
        Arrays.sort(sorted);
        out.printf(
            "  %-20s %8d %10.2f %10.1f %7.2f %10.2f %10.2f %10.2f%n",
            r.label(),
            r.sources(),
            r.seconds(),
            r.sources() / r.seconds(),
            r.bytes() / 1e6 / r.seconds(),
            percentile(sorted, 0.50) / 1e6,
            percentile(sorted, 0.99) / 1e6,
            sorted[sorted.length - 1] / 1e6);
      }
      if (settings.batch() > 1) {
        out.printf(
            "  (latencies are per source for 1 per transaction, per batch of %d otherwise;"
                + " MB = 10^6 bytes of UTF-8 text)%n",
            settings.batch());
      }
      int cores = Runtime.getRuntime().availableProcessors();
      for (Ingest r : results) {
        if (r.cpu().known()) {
          double jvm = r.cpu().jvmNanos() / 1e6 / r.sources();
          double pg = r.cpu().postgresNanos() / 1e6 / r.sources();
          out.printf(
              "  CPU per source, %s: JVM %.2f ms (GC %.2f) + PostgreSQL %.2f ms = %.2f ms;"
                  + " CPU-bound ceiling on %d cores %.0f sources/s; cores busy %.2f of %d%n",
              r.label(),
              jvm,
              (double) r.cpu().gcMillis() / r.sources(),
              pg,
              jvm + pg,
              cores,
              cores * 1000 / (jvm + pg),
              (r.cpu().jvmNanos() + r.cpu().postgresNanos()) / 1e9 / r.seconds(),
              cores);
        }
      }
      profiled.print("1 per transaction");
      double rate = results.get(0).sources() / results.get(0).seconds();
      out.printf(
          "  stored: %d sources, %d turns in the database (warm-up included)%n", stored, turns);
      out.printf(
          "  target >= 500 sources/s, one source per transaction: %s (%.1f sources/s)%n",
          rate >= 500 ? "met" : "NOT met", rate);
    }

    /**
     * Stores {@code count} sources from {@code settings.threads()} threads, {@code perTransaction}
     * in each transaction (1: each {@link FieldworkImport#source} call is its own transaction).
     */
    private Ingest store(String label, int count, int perTransaction, int firstIndex)
        throws Exception {
      int units = (count + perTransaction - 1) / perTransaction;
      long[] nanos = new long[units];
      AtomicInteger next = new AtomicInteger();
      ExecutorService threads = Executors.newFixedThreadPool(settings.threads());
      List<Future<Long>> work = new ArrayList<>();
      Cpu.Usage before = cpu.now();
      long start = System.nanoTime();
      for (int t = 0; t < settings.threads(); t++) {
        work.add(
            threads.submit(
                () -> {
                  long bytes = 0;
                  int from;
                  while ((from = next.getAndAdd(perTransaction)) < count) {
                    int to = Math.min(count, from + perTransaction);
                    long t0 = System.nanoTime();
                    if (perTransaction == 1) {
                      fieldwork.source(site, newSource(firstIndex + from), false);
                    } else {
                      int a = from;
                      transaction.executeWithoutResult(
                          status -> {
                            for (int i = a; i < to; i++) {
                              fieldwork.source(site, newSource(firstIndex + i), false);
                            }
                          });
                    }
                    nanos[from / perTransaction] = System.nanoTime() - t0;
                    for (int i = from; i < to; i++) {
                      bytes += poolBytes[(firstIndex + i) % poolBytes.length];
                    }
                  }
                  return bytes;
                }));
      }
      long bytes = 0;
      try {
        for (Future<Long> f : work) {
          bytes += f.get();
        }
      } finally {
        threads.shutdownNow();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      return new Ingest(
          label, count, perTransaction, seconds, bytes, nanos, cpu.now().minus(before));
    }

    /** Passes over the transcripts before the one measured: enough for the JIT to settle. */
    private static final int CPU_PASSES = 10;

    /**
     * The CPU work of storing one source without the database, single-threaded: parsing the turns,
     * one HPKE seal per speaker (of a fresh data key), and encoding, packing and encrypting each
     * speaker's turns (one AES-256-GCM per speaker).
     */
    private void cpuProfile() {
      Map<String, byte[]> publicKeys = new LinkedHashMap<>();
      jdbc.sql(
              "select p.code, k.public_keyset from participant p join participant_key k"
                  + " on k.participant_id = p.id where p.site_id = ?")
          .param(site.id().value())
          .query(
              (rs, i) -> {
                publicKeys.put(rs.getString(1), rs.getBytes(2));
                return null;
              })
          .list();
      long parse = 0;
      long seal = 0;
      long encrypt = 0;
      long seals = 0;
      long turnCount = 0;
      int n = pool.size();
      // Only the public key is used here (nothing sealed is stored), in a transaction as required.
      byte[] vaultKey = transaction.execute(status -> vaults.publicKeyset(site.id()));
      for (int pass = 0; pass < CPU_PASSES; pass++) {
        parse = 0;
        seal = 0;
        encrypt = 0;
        seals = 0;
        turnCount = 0;
        for (String text : pool) {
          long t0 = System.nanoTime();
          List<Turn> turns = TurnParser.parse(text);
          long t1 = System.nanoTime();
          parse += t1 - t0;
          // As Sources.add does: one part per participant who spoke, one for everything else
          // (the facilitator, unlabelled text) sealed to the vault; each part's turns packed and
          // encrypted with the part's data key.
          long e0 = System.nanoTime();
          Map<String, List<PackedTurns.Entry>> parts = new LinkedHashMap<>();
          int position = 0;
          for (Turn turn : turns) {
            String speaker = publicKeys.containsKey(turn.speaker()) ? turn.speaker() : "";
            parts
                .computeIfAbsent(speaker, k -> new ArrayList<>())
                .add(
                    new PackedTurns.Entry(
                        UUID.randomUUID(), ++position, Codec.encode(turn.speaker(), turn.text())));
            turnCount++;
          }
          long sealing = 0;
          for (var part : parts.entrySet()) {
            long s0 = System.nanoTime();
            DataKey key = Vaults.newDataKey();
            byte[] publicKey = publicKeys.get(part.getKey());
            String context = "source_key:" + UUID.randomUUID();
            vaults.sealTo(publicKey == null ? vaultKey : publicKey, key.raw(), context);
            sealing += System.nanoTime() - s0;
            seals++;
            key.encrypt(PackedTurns.pack(part.getValue()), "source_part:" + UUID.randomUUID());
          }
          seal += sealing;
          encrypt += System.nanoTime() - e0 - sealing;
        }
      }
      double parseMs = parse / 1e6 / n;
      double sealMs = seal / 1e6 / n;
      double encryptMs = encrypt / 1e6 / n;
      out.printf(
          "  CPU work per source without the database (one thread, pass %d over %d transcripts):"
              + "%n    parse %.3f ms + %.1f HPKE seals %.3f ms (%.3f ms each)"
              + " + encoding, packing and AES-GCM of %.1f turns %.3f ms = %.3f ms%n",
          CPU_PASSES,
          n,
          parseMs,
          (double) seals / n,
          sealMs,
          seal / 1e6 / seals,
          (double) turnCount / n,
          encryptMs,
          parseMs + sealMs + encryptMs);
      out.printf(
          "    rows written per source: 1 source, %.1f parts (one per speaker, holding its"
              + " turns), 1 audit entry%n",
          (double) seals / n);
    }

    // ---- (b) unlock, then de-identify with the vault open ----

    private void deidentify() throws Exception {
      out.printf(
          "%n(b) Unlock, then (vault open) de-identify one 20 KB transcript against a %d-entry"
              + " gazetteer%n",
          gazetteer.size());
      fieldwork.gazetteer(site, gazetteer);
      String text = transcript(new Random(42L), 9_999);
      UUID source =
          fieldwork.source(
              site, new NewSource(null, "transcript", "Entrevista medida", text, "typed"), false);
      int withIdentity = identities.size();
      int listed = people.size();

      // Unlocking and de-identifying are measured apart: a coordinator unlocks once, then
      // de-identifies many sources with the vault open.
      int unlocks = Math.max(3, Math.min(settings.runs(), UNLOCK_RUNS));
      for (int i = 0; i < UNLOCK_WARMUP; i++) {
        vaults.lock(site);
        vaults.unlock(site, PASSPHRASE);
      }
      long[] unlock = new long[unlocks];
      for (int i = 0; i < unlocks; i++) {
        vaults.lock(site);
        long t0 = System.nanoTime();
        vaults.unlock(site, PASSPHRASE);
        unlock[i] = System.nanoTime() - t0;
      }

      // Warm-up, including "accept all" once, with the vault open.
      deidentification.acceptAll(site, source);
      int proposals = 0;
      int turns = 0;
      for (int i = 0; i < WARMUP_ROUNDS; i++) {
        var proposed = deidentification.propose(site, source);
        deidentification.apply(site, source, acceptEverything(proposed));
        turns = proposed.size();
        proposals = proposed.stream().mapToInt(t -> t.inText().size() + t.inSpeaker().size()).sum();
      }

      int n = settings.runs();
      long[] propose = new long[n];
      long[] apply = new long[n];
      long[] total = new long[n];
      Profile profile = Profile.start(settings.profile(), "fieldwork-b.jfr");
      Cpu.Usage before = cpu.now();
      for (int i = 0; i < n; i++) {
        long t1 = System.nanoTime();
        var proposed = deidentification.propose(site, source);
        long t2 = System.nanoTime();
        deidentification.apply(site, source, acceptEverything(proposed));
        long t3 = System.nanoTime();
        propose[i] = t2 - t1;
        apply[i] = t3 - t2;
        total[i] = t3 - t1;
      }
      Cpu.Usage used = cpu.now().minus(before);
      Profile.Summary profiled = profile.stop();

      // Where propose() spends its time, with the vault open. The entries the matcher is built
      // from are gathered once, untimed, through the public API.
      List<GazetteerEntry> all = new ArrayList<>(deidentification.gazetteer(site));
      for (Participant p : participants.list(site)) {
        participants
            .identity(site, p.id())
            .ifPresent(
                id -> {
                  String token = Deidentification.participantToken(p);
                  all.add(new GazetteerEntry(id.name(), EntityKind.PERSON, token));
                  if (id.alias() != null) {
                    all.add(new GazetteerEntry(id.alias(), EntityKind.ALIAS, token));
                  }
                });
      }
      int m = Math.min(n, 20);
      long[] kdf = new long[m];
      long[] whole = new long[m];
      long[] gaz = new long[m];
      long[] matcher = new long[m];
      long[] raw = new long[m];
      long[] scan = new long[m];
      byte[] salt = VaultCrypto.randomBytes(16);
      var params =
          new VaultCrypto.KdfParams(
              vaultProperties.kdfMemoryKib(),
              vaultProperties.kdfIterations(),
              vaultProperties.kdfParallelism());
      for (int i = 0; i < m; i++) {
        long t0 = System.nanoTime();
        VaultCrypto.deriveKey(PASSPHRASE, salt, params);
        long t1 = System.nanoTime();
        Deidentifier d = deidentification.deidentifier(site);
        long t2 = System.nanoTime();
        deidentification.gazetteer(site);
        long t3 = System.nanoTime();
        Deidentifier.of(all);
        long t4 = System.nanoTime();
        List<SourceTurn> rawTurns = sources.raw(site, source);
        long t5 = System.nanoTime();
        for (SourceTurn turn : rawTurns) {
          d.propose(turn.text());
        }
        long t6 = System.nanoTime();
        kdf[i] = t1 - t0;
        whole[i] = t2 - t1;
        gaz[i] = t3 - t2;
        matcher[i] = t4 - t3;
        raw[i] = t5 - t4;
        scan[i] = t6 - t5;
      }
      vaults.lock(site);

      out.printf(
          "  transcript: %d characters, %d UTF-8 bytes, %d turns, %d proposals accepted%n",
          text.length(), text.getBytes(StandardCharsets.UTF_8).length, turns, proposals);
      out.printf(
          "  propose() opens every participant's identity: %d participants, %d with an identity"
              + " (one HPKE open each; one audit entry for all)%n",
          listed, withIdentity);
      out.println();
      out.printf(
          "  Argon2id: %d KiB, %d passes, %d lanes%n",
          vaultProperties.kdfMemoryKib(),
          vaultProperties.kdfIterations(),
          vaultProperties.kdfParallelism());
      out.printf(
          "  %-34s %8s %8s %8s %8s%n", "ms, " + unlocks + " runs", "min", "median", "p95", "max");
      row("unlock (passphrase)", unlock);
      out.printf(
          "  %-34s %8s %8s %8s %8s%n",
          "ms, " + n + " runs, vault open", "min", "median", "p95", "max");
      row("propose", propose);
      row("apply (all accepted)", apply);
      row("de-identify (propose + apply)", total);
      out.println();
      out.printf("  breakdown, vault open, %d runs (median ms):%n", m);
      out.printf("    Argon2id alone (of unlock)                 %6.1f%n", median(kdf));
      out.printf(
          "    deidentifier(site) (of propose)            %6.1f = gazetteer open %.1f + %d"
              + " participants' identities ~%.1f + matcher build (%d entries) %.1f%n",
          median(whole),
          median(gaz),
          withIdentity,
          median(whole) - median(gaz) - median(matcher),
          all.size(),
          median(matcher));
      out.printf(
          "    raw turns: Sources.raw (of propose; apply reads them again) %6.1f%n", median(raw));
      out.printf("    scan: Deidentifier.propose over the turns  %6.1f%n", median(scan));
      if (used.known()) {
        out.printf(
            "  CPU per run (mean): JVM %.1f ms (GC %.1f) + PostgreSQL %.1f ms (wall time above"
                + " includes waiting for a core on a busy machine)%n",
            used.jvmNanos() / 1e6 / n,
            (double) used.gcMillis() / n,
            used.postgresNanos() / 1e6 / n);
      }
      profiled.print("the measured runs");
      double unlockMedian = median(unlock);
      out.printf(
          "  target unlock <= 1 s: %s (median %.1f ms, p95 %.1f ms)%n",
          unlockMedian <= 1000 ? "met by the median" : "NOT met", unlockMedian, pct(unlock, 0.95));
      double med = median(total);
      out.printf(
          "  target de-identify an open 20 KB source <= 60 ms (propose + apply): %s"
              + " (median %.1f ms, p95 %.1f ms)%n",
          med <= 60 ? "met by the median" : "NOT met", med, pct(total, 0.95));
    }

    // ---- (c) adding a term to the gazetteer ----

    /**
     * Terms added in (c): runs of the same size each add a new one (an existing one is a no-op).
     */
    private static final int ADD_TERM_RUNS = 5;

    private void addTerm() throws Exception {
      out.printf(
          "%n(c) Add a term to the %d-entry gazetteer with the vault open: every ready source that"
              + " says it is flagged for another review (the term added is said by none). First"
              + " row: what the person waits for; second: until the sources were read after the"
              + " commit and their flags lifted%n",
          gazetteer.size());
      fieldwork.gazetteer(site, gazetteer);
      vaults.unlock(site, PASSPHRASE);
      int ready = 0;
      int index = 50_000;
      int added = 0;
      out.printf(
          "  %-28s %6s %8s %8s %8s %8s %12s%n",
          "ready sources (~20 KB each)", "runs", "min", "median", "p95", "max", "ms per source");
      for (int size : settings.flagSizes()) {
        while (ready < size) {
          int from = index;
          int to = index + Math.min(50, size - ready);
          transaction.executeWithoutResult(
              status -> {
                for (int i = from; i < to; i++) {
                  fieldwork.source(site, newSource(i), false);
                }
              });
          ready += to - from;
          index = to;
        }
        // Marked ready as a review would leave them (the review itself is (b)'s to measure).
        jdbc.sql(
                "update source set state = 'deidentified', deidentified_at = now(),"
                    + " review_requested_at = null where site_id = ?")
            .param(site.id().value())
            .update();
        int scanned =
            jdbc.sql("select count(*) from source where site_id = ? and state = 'deidentified'")
                .param(site.id().value())
                .query(Integer.class)
                .single()
                .intValue();
        deidentification.addToGazetteer(site, "Zacarías Quintanilla " + added++, "PERSON");
        reviewRequests.awaitChecks(java.time.Duration.ofMinutes(5));
        long[] nanos = new long[ADD_TERM_RUNS];
        long[] checked = new long[ADD_TERM_RUNS];
        Cpu.Usage before = cpu.now();
        for (int i = 0; i < ADD_TERM_RUNS; i++) {
          String term = "Zacarías Quintanilla " + added++;
          long t0 = System.nanoTime();
          deidentification.addToGazetteer(site, term, "PERSON");
          nanos[i] = System.nanoTime() - t0;
          // The sources are read after the commit: until then every one of them stays flagged.
          reviewRequests.awaitChecks(java.time.Duration.ofMinutes(5));
          checked[i] = System.nanoTime() - t0;
        }
        Cpu.Usage used = cpu.now().minus(before);
        long flagged =
            jdbc.sql("select count(*) from source where review_requested_at is not null")
                .query(Long.class)
                .single();
        if (flagged != 0) {
          throw new IllegalStateException(flagged + " sources flagged for a term none says");
        }
        long[] s = nanos.clone();
        Arrays.sort(s);
        out.printf(
            "  %-28d %6d %8.1f %8.1f %8.1f %8.1f %12.2f%n",
            scanned,
            ADD_TERM_RUNS,
            s[0] / 1e6,
            median(s),
            percentile(s, 0.95) / 1e6,
            s[s.length - 1] / 1e6,
            median(s) / Math.max(1, scanned));
        long[] c = checked.clone();
        Arrays.sort(c);
        out.printf(
            "  %-28s %6d %8.1f %8.1f %8.1f %8.1f %12.2f%n",
            "  read after the commit",
            ADD_TERM_RUNS,
            c[0] / 1e6,
            median(c),
            percentile(c, 0.95) / 1e6,
            c[c.length - 1] / 1e6,
            median(c) / Math.max(1, scanned));
        if (used.known()) {
          out.printf(
              "  %-28s CPU per term: JVM %.1f ms (GC %.1f) + PostgreSQL %.1f ms%n",
              "",
              used.jvmNanos() / 1e6 / ADD_TERM_RUNS,
              (double) used.gcMillis() / ADD_TERM_RUNS,
              used.postgresNanos() / 1e6 / ADD_TERM_RUNS);
        }
      }
      out.printf("  (ms; one unmeasured term first at each size)%n");
    }

    private static List<Deidentification.Decision> acceptEverything(
        List<Deidentification.TurnProposals> proposed) {
      // What "accept all" does: every proposal, with its token as proposed.
      List<Deidentification.Decision> all = new ArrayList<>();
      for (var t : proposed) {
        for (Replacement r : t.inSpeaker()) {
          all.add(decision(t.turn().id(), true, r));
        }
        for (Replacement r : t.inText()) {
          all.add(decision(t.turn().id(), false, r));
        }
      }
      return all;
    }

    private static Deidentification.Decision decision(UUID turn, boolean inSpeaker, Replacement r) {
      return new Deidentification.Decision(
          turn, inSpeaker, r.start(), r.end(), r.original(), r.token(), r.rule(), r.kind(), true);
    }

    private static void row(String label, long[] nanos) {
      long[] s = nanos.clone();
      Arrays.sort(s);
      out.printf(
          "  %-34s %8.1f %8.1f %8.1f %8.1f%n",
          label, s[0] / 1e6, median(s), percentile(s, 0.95) / 1e6, s[s.length - 1] / 1e6);
    }

    private static double pct(long[] nanos, double p) {
      long[] s = nanos.clone();
      Arrays.sort(s);
      return percentile(s, p) / 1e6;
    }
  }

  /** Nearest-rank percentile of sorted values. */
  static long percentile(long[] sorted, double p) {
    int rank = (int) Math.ceil(p * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  /** Median in milliseconds. */
  static double median(long[] nanos) {
    long[] s = nanos.clone();
    Arrays.sort(s);
    int n = s.length;
    return (n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2.0) / 1e6;
  }

  /**
   * CPU time used by this JVM and by the embedded PostgreSQL (the postmaster and its children, from
   * /proc), so that a run on a busy machine still says how much work a source costs.
   */
  static final class Cpu {
    /** CPU times, and the JVM's time in garbage collection (pauses and concurrent work). */
    record Usage(long jvmNanos, long postgresNanos, long gcMillis, boolean known) {
      Usage minus(Usage o) {
        return new Usage(
            jvmNanos - o.jvmNanos,
            postgresNanos - o.postgresNanos,
            gcMillis - o.gcMillis,
            known && o.known);
      }
    }

    private static final long NANOS_PER_TICK = 10_000_000L; // USER_HZ = 100 on Linux
    private final long postmaster;
    private final com.sun.management.OperatingSystemMXBean os;

    private Cpu(long postmaster, com.sun.management.OperatingSystemMXBean os) {
      this.postmaster = postmaster;
      this.os = os;
    }

    /** From any backend's pid: its parent is the postmaster. */
    static Cpu of(long backendPid) {
      long parent = -1;
      try {
        String[] stat = stat(Path.of("/proc", Long.toString(backendPid), "stat"));
        parent = stat == null ? -1 : Long.parseLong(stat[1]);
      } catch (RuntimeException e) {
        // not Linux, or no /proc: CPU times unknown
      }
      var bean = ManagementFactory.getOperatingSystemMXBean();
      return new Cpu(parent, bean instanceof com.sun.management.OperatingSystemMXBean b ? b : null);
    }

    Usage now() {
      long jvm = os == null ? -1 : os.getProcessCpuTime();
      long ticks = 0;
      boolean known = postmaster > 0 && jvm >= 0;
      if (known) {
        try (var procs = Files.list(Path.of("/proc"))) {
          for (Path proc : (Iterable<Path>) procs::iterator) {
            String name = proc.getFileName().toString();
            if (!name.chars().allMatch(Character::isDigit)) {
              continue;
            }
            String[] stat = stat(proc.resolve("stat"));
            if (stat == null) {
              continue;
            }
            if (Long.parseLong(name) == postmaster) {
              // its own time, and that of children it reaped (autovacuum workers, ...)
              ticks += Long.parseLong(stat[11]) + Long.parseLong(stat[12]);
              ticks += Long.parseLong(stat[13]) + Long.parseLong(stat[14]);
            } else if (Long.parseLong(stat[1]) == postmaster) {
              ticks += Long.parseLong(stat[11]) + Long.parseLong(stat[12]);
            }
          }
        } catch (IOException | RuntimeException e) {
          known = false;
        }
      }
      long gc = 0;
      for (var bean : ManagementFactory.getGarbageCollectorMXBeans()) {
        gc += Math.max(0, bean.getCollectionTime());
      }
      return new Usage(jvm, ticks * NANOS_PER_TICK, gc, known);
    }

    /**
     * The fields of /proc/PID/stat after the command name: [1] ppid, [11] utime, [12] stime, [13]
     * cutime, [14] cstime.
     */
    private static String[] stat(Path file) {
      try {
        String line = Files.readString(file);
        return line.substring(line.lastIndexOf(')') + 2).split(" ");
      } catch (IOException | RuntimeException e) {
        return null; // the process ended meanwhile
      }
    }
  }

  /**
   * A Java Flight Recorder recording of a measured stretch (execution samples every 10 ms), and
   * where its samples fall: by the first frame from the top of each stack that belongs to a known
   * kind of work, and by the top frame itself.
   */
  static final class Profile {
    private static final String[][] KINDS = {
      {"org.bouncycastle.crypto.generators.Argon2", "Argon2id (unlock)"},
      {"com.google.crypto.tink.internal.Curve25519", "X25519 (HPKE seal/open)"},
      {"com.google.crypto.tink.internal.Field25519", "X25519 (HPKE seal/open)"},
      {"com.google.crypto.tink.subtle.X25519", "X25519 (HPKE seal/open)"},
      {"com.sun.crypto.provider", "AES-GCM, HMAC (JCE)"},
      {"com.google.crypto.tink", "Tink, other (keysets, HKDF, AES-GCM set-up)"},
      {"org.tejido.fieldwork.internal.text", "turn parsing"},
      {"org.tejido.fieldwork.internal.Codec", "turn encoding"},
      {"org.ahocorasick", "de-identification matcher"},
      {"org.tejido.deidentification", "de-identification matcher"},
      {"org.postgresql", "PostgreSQL JDBC driver"},
      {"com.zaxxer.hikari", "connection pool"},
      {"org.tejido.audit", "audit log"},
      {"org.springframework", "Spring (transactions, JDBC templates, proxies)"},
      {"org.tejido", "Tejido, other"},
    };

    record Summary(
        Path file, Map<String, Integer> kinds, Map<String, Integer> frames, int samples) {
      void print(String what) {
        if (file == null) {
          return;
        }
        out.printf(
            "  profile of %s: %d JVM execution samples in %s%n", what, samples, file.getFileName());
        kinds.entrySet().stream()
            .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
            .forEach(
                e ->
                    out.printf(
                        "    %5.1f %%  %s%n",
                        100.0 * e.getValue() / Math.max(1, samples), e.getKey()));
        out.println("    top frames:");
        frames.entrySet().stream()
            .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
            .limit(8)
            .forEach(
                e ->
                    out.printf(
                        "    %5.1f %%  %s%n",
                        100.0 * e.getValue() / Math.max(1, samples), e.getKey()));
      }
    }

    private final jdk.jfr.Recording recording;
    private final Path file;

    private Profile(jdk.jfr.Recording recording, Path file) {
      this.recording = recording;
      this.file = file;
    }

    static Profile start(Path dir, String name) {
      if (dir == null) {
        return new Profile(null, null);
      }
      jdk.jfr.Recording r = new jdk.jfr.Recording();
      r.enable("jdk.ExecutionSample").withPeriod(java.time.Duration.ofMillis(10)).withStackTrace();
      r.start();
      return new Profile(r, dir.resolve(name));
    }

    Summary stop() throws IOException {
      if (recording == null) {
        return new Summary(null, Map.of(), Map.of(), 0);
      }
      recording.stop();
      Files.createDirectories(file.getParent());
      recording.dump(file);
      recording.close();
      Map<String, Integer> kinds = new LinkedHashMap<>();
      Map<String, Integer> frames = new LinkedHashMap<>();
      int samples = 0;
      for (var event : jdk.jfr.consumer.RecordingFile.readAllEvents(file)) {
        if (!event.getEventType().getName().equals("jdk.ExecutionSample")
            || event.getStackTrace() == null
            || event.getStackTrace().getFrames().isEmpty()) {
          continue;
        }
        samples++;
        var stack = event.getStackTrace().getFrames();
        var top = stack.get(0).getMethod();
        frames.merge(top.getType().getName() + "." + top.getName(), 1, Integer::sum);
        String kind = "JDK and other libraries";
        search:
        for (var frame : stack) {
          String type = frame.getMethod().getType().getName();
          for (String[] k : KINDS) {
            if (type.startsWith(k[0])) {
              kind = k[1];
              break search;
            }
          }
        }
        kinds.merge(kind, 1, Integer::sum);
      }
      return new Summary(file, kinds, frames, samples);
    }
  }

  /** Word lists for the generated transcripts and identities. */
  static final class Words {
    static final String[] FIRST_NAMES = {
      "Juana",
      "María",
      "José",
      "Guadalupe",
      "Francisco",
      "Rosa",
      "Jesús",
      "Margarita",
      "Antonio",
      "Verónica",
      "Juan",
      "Leticia",
      "Miguel",
      "Araceli",
      "Pedro",
      "Yolanda",
      "Ramón",
      "Patricia",
      "Óscar",
      "Brenda",
      "Efraín",
      "Citlali",
      "Ángel",
      "Noemí",
      "Raúl",
      "Itzel",
      "Rubén",
      "Socorro"
    };
    static final String[] SURNAMES = {
      "Pérez",
      "Hernández",
      "García",
      "Martínez",
      "López",
      "González",
      "Rodríguez",
      "Sánchez",
      "Ramírez",
      "Cruz",
      "Flores",
      "Gómez",
      "Morales",
      "Vázquez",
      "Jiménez",
      "Reyes",
      "Díaz",
      "Torres",
      "Gutiérrez",
      "Ruiz",
      "Mendoza",
      "Aguilar",
      "Ortiz",
      "Castillo",
      "Núñez",
      "Ibarra"
    };
    static final String[] NICKNAMES = {
      "la Güera", "el Chato", "la Flaca", "el Güero", "el Pelón", "la Chaparra", "el Tuerto",
      "la Negra", "el Compa", "el Zurdo", "la Prieta", "el Gordo", "el Chino", "la Chula"
    };
    static final String[] COLONIAS = {
      "Los Olivos", "El Tecolote", "La Cañada", "Las Palmas", "San Rafael", "El Mirador"
    };
    static final String[] QUESTIONS = {
      "¿y ustedes cómo lo viven",
      "¿qué pasa en la colonia cuando oscurece",
      "¿a quién le piden ayuda",
      "¿desde cuándo es así",
      "¿qué propondrían para la escuela",
      "¿alguien más quiere decir algo",
      "¿cómo se organizan los vecinos",
      "¿qué hace la autoridad"
    };
    static final String[] FILLER = {
      "pues la verdad",
      "ya no salimos en la noche",
      "desde que cerraron la tienda",
      "los muchachos se juntan en la esquina",
      "nadie dice nada",
      "tenemos miedo",
      "mi mamá ya no quiere que vaya sola al mercado",
      "a veces pasa la patrulla pero no se para",
      "en la escuela ya no hay maestros en la tarde",
      "los niños ya no juegan afuera",
      "cobran cuota a los de los puestos",
      "se llevaron al hijo de una señora",
      "no hay alumbrado en la calle de atrás",
      "el camión no entra después de las ocho",
      "dicen que es por la plaza",
      "nos organizamos los vecinos para cuidarnos",
      "hicimos una junta en la cancha",
      "cuando llueve se inunda todo el callejón",
      "el agua llega cada tercer día",
      "mmm, no sé, es que así ha sido siempre",
      "(risas) sí, claro",
      "[inaudible]",
      "mi hermana trabaja en la maquiladora y sale muy tarde",
      "antes había fiestas en la calle y ahora ya no"
    };

    static <T> T pick(Random random, List<T> values) {
      return values.get(random.nextInt(values.size()));
    }

    static String pick(Random random, String[] values) {
      return values[random.nextInt(values.length)];
    }

    private Words() {}
  }
}
