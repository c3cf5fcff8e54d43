package org.tejido.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.tejido.TejidoApplication;
import org.tejido.agenda.AgendaEditing;
import org.tejido.agenda.IssueInput;
import org.tejido.identity.SiteRole;
import org.tejido.identity.UserAccounts;
import org.tejido.identity.UserId;
import org.tejido.participation.PrioritisationSessions;
import org.tejido.participation.VotingMethod;
import org.tejido.shared.LocalizedText;
import org.tejido.sites.NewSite;
import org.tejido.sites.Site;
import org.tejido.sites.SiteStatus;
import org.tejido.sites.Sites;

/**
 * A large assembly voting on phones, over real HTTP against the whole application (security
 * filters, CSRF, sessions, Thymeleaf, PostgreSQL with fsync on): each resident opens {@code /vote},
 * types a code ({@code POST /vote}) and sends a dot-voting ballot ({@code POST /vote/ballot}), with
 * {@code --concurrency} residents at once and no pause, until {@code --residents} have voted. Every
 * request's latency is recorded; at the end the ballots in the database are counted against the
 * votes accepted, so a lost vote shows.
 *
 * <p>Options: {@code --residents=2000 --concurrency=50 --issues=12 --dots=5 --data-dir=DIR
 * --fsync=true --report=FILE}.
 */
public final class VoteBenchmark {

  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
  private static final Pattern COOKIE = Pattern.compile("^([^=;]+=[^;]*)");
  private static final Pattern REF = Pattern.compile("name=\"mark\\.([^\"]+)\"");

  public static void main(String[] args) throws Exception {
    Map<String, String> o = new java.util.HashMap<>();
    for (String a : args) {
      if (a.startsWith("--") && a.contains("=")) {
        o.put(a.substring(2, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
      }
    }
    int residents = Integer.parseInt(o.getOrDefault("residents", "2000"));
    int concurrency = Integer.parseInt(o.getOrDefault("concurrency", "50"));
    int issues = Integer.parseInt(o.getOrDefault("issues", "12"));
    int dots = Integer.parseInt(o.getOrDefault("dots", "5"));
    // Residents arriving per second (0: all at once, as fast as the concurrency allows).
    double rate = Double.parseDouble(o.getOrDefault("rate", "0"));
    Path data = Path.of(o.getOrDefault("data-dir", "bench/out/vote-data"));
    String fsync = o.getOrDefault("fsync", "true");
    Path report = Path.of(o.getOrDefault("report", "bench/out/vote-results.txt"));

    ConfigurableApplicationContext app =
        new SpringApplicationBuilder(TejidoApplication.class)
            .web(WebApplicationType.SERVLET)
            .logStartupInfo(false)
            .run(
                "--server.port=0",
                "--server.address=127.0.0.1",
                "--tejido.db.url=",
                "--tejido.db.embedded.data-dir=" + data.resolve("pgdata"),
                "--tejido.db.embedded.clean=true",
                "--tejido.db.embedded.fsync=" + fsync,
                "--tejido.db.pool-size=" + Math.max(10, Math.min(concurrency, 40)),
                "--tejido.crypto.master-key=",
                "--tejido.crypto.master-key-file=" + data.resolve("keys/master-keyset.json"),
                "--tejido.data-dir=" + data,
                "--tejido.db.embedded.password-file=" + data.resolve("postgres-password"),
                "--management.server.port=0",
                "--tejido.reference-data.enabled=false",
                "--tejido.demo.enabled=false",
                "--tejido.participation.max-codes-per-batch=" + Math.max(500, residents),
                "--spring.main.banner-mode=off",
                "--logging.level.root=WARN",
                "--logging.level.org.tejido=WARN");
    try {
      int port = ((WebServerApplicationContext) app).getWebServer().getPort();
      Site site = seed(app, issues);
      PrioritisationSessions sessions = app.getBean(PrioritisationSessions.class);
      UUID session =
          sessions.create(
              site, "Asamblea", VotingMethod.DOTS, dots, PrioritisationSessions.Source.DRAFT);
      sessions.open(site, session);
      List<String> codes = sessions.generateCodes(site, session, residents);
      SecurityContextHolder.clearContext();

      String base = "http://127.0.0.1:" + port;
      ExecutorService clientThreads = Executors.newFixedThreadPool(concurrency);
      HttpClient http =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .executor(clientThreads)
              .build();
      ConcurrentLinkedQueue<String> queue = new ConcurrentLinkedQueue<>(codes);
      List<Long> open = Collections.synchronizedList(new ArrayList<>());
      List<Long> code = Collections.synchronizedList(new ArrayList<>());
      List<Long> vote = Collections.synchronizedList(new ArrayList<>());
      AtomicInteger accepted = new AtomicInteger();
      AtomicInteger failed = new AtomicInteger();
      AtomicInteger arrivals = new AtomicInteger();
      ExecutorService pool = Executors.newFixedThreadPool(concurrency);
      long start = System.nanoTime();
      List<Future<?>> workers = new ArrayList<>();
      for (int w = 0; w < concurrency; w++) {
        workers.add(
            pool.submit(
                () -> {
                  String c;
                  while ((c = queue.poll()) != null) {
                    if (rate > 0) {
                      // Open loop: the n-th resident arrives at n / rate seconds, late or not.
                      long due = start + (long) (arrivals.getAndIncrement() / rate * 1e9);
                      long sleep = due - System.nanoTime();
                      if (sleep > 0) {
                        Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
                      }
                    }
                    try {
                      if (resident(http, base, c, dots, open, code, vote)) {
                        accepted.incrementAndGet();
                      } else {
                        failed.incrementAndGet();
                      }
                    } catch (Exception e) {
                      if (failed.incrementAndGet() == 1) {
                        e.printStackTrace();
                      }
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> f : workers) {
        f.get();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      pool.shutdown();
      // Non-daemon threads: left running, they would keep the JVM (and the script) waiting.
      clientThreads.shutdown();
      JdbcClient jdbc = app.getBean(JdbcClient.class);
      int ballots =
          jdbc.sql("select count(*) from prioritisation_ballot where session_id = ?")
              .param(session)
              .query(Integer.class)
              .single();
      int used =
          jdbc.sql("select count(*) from prioritisation_code where session_id = ? and used")
              .param(session)
              .query(Integer.class)
              .single();
      List<String> lines = new ArrayList<>();
      lines.add("Vote benchmark");
      lines.add(
          String.format(
              Locale.ROOT,
              "  residents %d, arriving %s, concurrency %d, issues %d, dots %d, fsync %s",
              residents,
              rate > 0 ? rate + " per second" : "all at once",
              concurrency,
              issues,
              dots,
              fsync));
      lines.add(
          String.format(
              Locale.ROOT,
              "  %d residents voted in %.1f s (%.1f votes/s; 2,000 in 10 minutes is 3.3/s)",
              accepted.get(),
              seconds,
              accepted.get() / seconds));
      lines.add("  GET  /vote         " + percentiles(open));
      lines.add("  POST /vote         " + percentiles(code));
      lines.add("  POST /vote/ballot  " + percentiles(vote));
      List<Long> all = new ArrayList<>(open);
      all.addAll(code);
      all.addAll(vote);
      lines.add("  every request      " + percentiles(all));
      lines.add(
          String.format(
              Locale.ROOT,
              "  accepted %d, refused or failed %d; ballots stored %d, codes spent %d: %s",
              accepted.get(),
              failed.get(),
              ballots,
              used,
              ballots == accepted.get() && used == accepted.get() && failed.get() == 0
                  ? "no vote lost"
                  : "MISMATCH"));
      String text = String.join("\n", lines) + "\n";
      System.out.print(text);
      Files.createDirectories(report.toAbsolutePath().getParent());
      Files.writeString(report, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } finally {
      app.close();
    }
  }

  private static boolean resident(
      HttpClient http,
      String base,
      String code,
      int dots,
      List<Long> open,
      List<Long> typed,
      List<Long> voted)
      throws Exception {
    long t = System.nanoTime();
    HttpResponse<String> page =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/vote")).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    open.add(System.nanoTime() - t);
    String cookie =
        page.headers().allValues("Set-Cookie").stream()
            .map(COOKIE::matcher)
            .filter(Matcher::find)
            .map(m -> m.group(1))
            .collect(java.util.stream.Collectors.joining("; "));
    String token = match(CSRF, page.body());
    t = System.nanoTime();
    HttpResponse<String> ballot =
        http.send(
            post(base + "/vote", cookie, "_csrf=" + enc(token) + "&code=" + enc(code)),
            HttpResponse.BodyHandlers.ofString());
    typed.add(System.nanoTime() - t);
    if (ballot.statusCode() != 200) {
      return false;
    }
    List<String> refs = new ArrayList<>();
    Matcher m = REF.matcher(ballot.body());
    while (m.find()) {
      refs.add(m.group(1));
    }
    StringBuilder form =
        new StringBuilder("_csrf=" + enc(match(CSRF, ballot.body())) + "&code=" + enc(code));
    String[] groups = {"women", "youth", "elderly", "adult_men", "not_stated"};
    form.append("&group=").append(groups[ThreadLocalRandom.current().nextInt(groups.length)]);
    Map<String, Integer> marks = new java.util.HashMap<>();
    for (int d = 0; d < dots; d++) {
      marks.merge(refs.get(ThreadLocalRandom.current().nextInt(refs.size())), 1, Integer::sum);
    }
    marks.forEach((ref, n) -> form.append("&mark.").append(enc(ref)).append('=').append(n));
    t = System.nanoTime();
    HttpResponse<String> done =
        http.send(
            post(base + "/vote/ballot", cookie, form.toString()),
            HttpResponse.BodyHandlers.ofString());
    voted.add(System.nanoTime() - t);
    return done.statusCode() == 200;
  }

  private static HttpRequest post(String url, String cookie, String form) {
    return HttpRequest.newBuilder(URI.create(url))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Cookie", cookie)
        .POST(HttpRequest.BodyPublishers.ofString(form))
        .build();
  }

  private static String match(Pattern p, String text) {
    Matcher m = p.matcher(text);
    if (!m.find()) {
      throw new IllegalStateException("no match for " + p);
    }
    return m.group(1);
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static String percentiles(List<Long> nanos) {
    List<Long> sorted = new ArrayList<>(nanos);
    Collections.sort(sorted);
    if (sorted.isEmpty()) {
      return "none";
    }
    return String.format(
        Locale.ROOT,
        "n %d  p50 %.1f ms  p95 %.1f ms  p99 %.1f ms  max %.1f ms",
        sorted.size(),
        at(sorted, 0.50),
        at(sorted, 0.95),
        at(sorted, 0.99),
        sorted.get(sorted.size() - 1) / 1e6);
  }

  private static double at(List<Long> sorted, double q) {
    int i = (int) Math.ceil(q * sorted.size()) - 1;
    return sorted.get(Math.max(0, i)) / 1e6;
  }

  /** A site with a coordinator (signed in for the seeding) and a draft of spoken issues. */
  private static Site seed(ConfigurableApplicationContext app, int issues) {
    Site site =
        app.getBean(Sites.class)
            .register(
                new NewSite(
                    "asamblea",
                    "Municipio de prueba",
                    "Michoacán",
                    "16006",
                    "Colonia de prueba",
                    SiteStatus.ACTIVE,
                    null,
                    new LocalizedText(null, null)));
    UserAccounts accounts = app.getBean(UserAccounts.class);
    UserId coordinator =
        accounts.create("coordinadora", "Coordinadora", "una frase larga de prueba", false);
    accounts.assign(coordinator, site.id(), SiteRole.COORDINATOR);
    UserDetails details = app.getBean(UserDetailsService.class).loadUserByUsername("coordinadora");
    SecurityContextHolder.getContext()
        .setAuthentication(
            new UsernamePasswordAuthenticationToken(details, null, details.getAuthorities()));
    AgendaEditing editing = app.getBean(AgendaEditing.class);
    editing.startDraft(site);
    for (int i = 1; i <= issues; i++) {
      editing.addIssue(
          site,
          new IssueInput(
              "Problemática " + i, "Issue " + i, null, null, List.of("personal"), false));
    }
    return site;
  }

  private VoteBenchmark() {}
}
