package org.tejido.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.tejido.TejidoApplication;
import org.tejido.agenda.Agenda;
import org.tejido.agenda.AgendaEditing;
import org.tejido.agenda.Agendas;
import org.tejido.agenda.BookletAgendas;
import org.tejido.agenda.internal.booklet.BookletFormat;
import org.tejido.agenda.internal.booklet.Booklets;
import org.tejido.identity.SiteRole;
import org.tejido.identity.UserAccounts;
import org.tejido.identity.UserId;
import org.tejido.shared.LocalizedText;
import org.tejido.sites.NewSite;
import org.tejido.sites.Site;
import org.tejido.sites.SiteStatus;
import org.tejido.sites.Sites;

/**
 * Times rendering the booklet of the largest agenda (55 issues, 220 proposals; {@link
 * BookletAgendas#largest}) through the real application context: the first render after start
 * (cold), then {@code --runs} renders of each language and paper after {@code --warmup} renders,
 * and the kept booklet's answer (cache hit). Target: at most 2 s per render.
 *
 * <p>Usage (from bench/booklet.sh): {@code BookletBenchmark --data-dir=DIR --report=FILE
 * [--warmup=5] [--runs=20]}
 */
public final class BookletBenchmark {

  private BookletBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path data = null;
    Path report = null;
    int warmup = 5;
    int runs = 20;
    for (String arg : args) {
      String[] kv = arg.replaceFirst("^--", "").split("=", 2);
      switch (kv[0]) {
        case "data-dir" -> data = Path.of(kv[1]);
        case "report" -> report = Path.of(kv[1]);
        case "warmup" -> warmup = Integer.parseInt(kv[1]);
        case "runs" -> runs = Integer.parseInt(kv[1]);
        default -> throw new IllegalArgumentException("unknown argument " + arg);
      }
    }
    if (data == null || report == null) {
      throw new IllegalArgumentException("--data-dir and --report are required");
    }
    ConfigurableApplicationContext context =
        new SpringApplicationBuilder(TejidoApplication.class)
            .web(WebApplicationType.SERVLET)
            .logStartupInfo(false)
            .run(
                "--server.port=0",
                "--server.address=127.0.0.1",
                "--tejido.db.url=",
                "--tejido.db.embedded.data-dir=" + data.resolve("pgdata"),
                "--tejido.db.embedded.clean=true",
                "--tejido.crypto.master-key=",
                "--tejido.crypto.master-key-file=" + data.resolve("keys/master-keyset.json"),
                "--tejido.data-dir=" + data,
                "--tejido.db.embedded.password-file=" + data.resolve("postgres-password"),
                "--management.server.port=0",
                "--tejido.reference-data.enabled=false",
                "--tejido.demo.enabled=false",
                "--tejido.agenda.booklet.prerender=false",
                "--spring.main.banner-mode=off",
                "--logging.level.root=WARN",
                "--logging.level.org.tejido=WARN");
    int exit = 0;
    try {
      run(context, report, warmup, runs);
    } catch (Throwable e) {
      e.printStackTrace();
      exit = 1;
    } finally {
      context.close();
    }
    System.exit(exit);
  }

  private static void run(ConfigurableApplicationContext context, Path report, int warmup, int runs)
      throws Exception {
    Sites sites = context.getBean(Sites.class);
    UserAccounts accounts = context.getBean(UserAccounts.class);
    AgendaEditing editing = context.getBean(AgendaEditing.class);
    Agendas agendas = context.getBean(Agendas.class);
    Booklets booklets = context.getBean(Booklets.class);
    Site site =
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
    UserId coordinator = accounts.create("coordinadora", "Coordinadora", "una frase larga", false);
    accounts.assign(coordinator, site.id(), SiteRole.COORDINATOR);
    UserDetails details =
        context.getBean(UserDetailsService.class).loadUserByUsername("coordinadora");
    SecurityContextHolder.getContext()
        .setAuthentication(
            new UsernamePasswordAuthenticationToken(details, null, details.getAuthorities()));
    editing.startDraft(site);
    BookletAgendas.largest(editing, site);
    editing.publish(site);
    SecurityContextHolder.clearContext();
    site = sites.byKey("bench");
    Agenda agenda = agendas.latestPublished(site).orElseThrow();

    List<String> lines = new ArrayList<>();
    lines.add("Booklet of the largest agenda");
    lines.add(
        "  agenda:     "
            + agenda.issues().size()
            + " public issues, "
            + agenda.proposals().size()
            + " proposals (55 written, 5 of them silenced)");
    lines.add("  settings:   warmup " + warmup + ", runs " + runs + " per language and paper");
    long t0 = System.nanoTime();
    byte[] first =
        booklets.render(agenda, Map.of(), Locale.forLanguageTag("es"), BookletFormat.A5, false);
    lines.add(String.format("  cold:       first render after start %.0f ms", ms(t0)));
    for (String lang : List.of("es", "en")) {
      for (BookletFormat format : BookletFormat.values()) {
        Locale locale = Locale.forLanguageTag(lang);
        for (int i = 0; i < warmup; i++) {
          booklets.render(agenda, Map.of(), locale, format, false);
        }
        List<Double> times = new ArrayList<>();
        List<Double> cpu = new ArrayList<>();
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        int pages = 0;
        int size = 0;
        for (int i = 0; i < runs; i++) {
          long c = threads.getCurrentThreadCpuTime();
          long t = System.nanoTime();
          byte[] pdf = booklets.render(agenda, Map.of(), locale, format, false);
          times.add(ms(t));
          cpu.add((threads.getCurrentThreadCpuTime() - c) / 1e6);
          size = pdf.length;
        }
        cpu.sort(null);
        try (var doc = org.apache.pdfbox.Loader.loadPDF(first)) {
          pages = doc.getNumberOfPages();
        }
        times.sort(null);
        lines.add(
            String.format(
                "  render %s %-6s wall min %.0f  median %.0f  p95 %.0f  max %.0f ms;"
                    + " CPU of the rendering thread median %.0f ms  (%d KB)",
                lang,
                format.key(),
                times.get(0),
                times.get(times.size() / 2),
                times.get((int) Math.ceil(times.size() * 0.95) - 1),
                times.get(times.size() - 1),
                cpu.get(cpu.size() / 2),
                size / 1024));
        if (lang.equals("es") && format == BookletFormat.A5) {
          lines.add("  pages (es, a5): " + pages);
        }
      }
    }
    booklets.published(site, null, Locale.forLanguageTag("es"), BookletFormat.A5);
    long t = System.nanoTime();
    for (int i = 0; i < 1000; i++) {
      booklets.published(site, null, Locale.forLanguageTag("es"), BookletFormat.A5);
    }
    lines.add(
        String.format(
            "  kept:       a kept booklet answered in %.2f ms (agenda and quotes read, no render)",
            ms(t) / 1000));
    lines.add(
        "  load:       "
            + String.format(
                "%.2f",
                java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                    .getSystemLoadAverage())
            + " (1-minute load average at the end)");
    Files.write(report, lines, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    lines.forEach(System.out::println);
  }

  private static double ms(long since) {
    return (System.nanoTime() - since) / 1e6;
  }
}
