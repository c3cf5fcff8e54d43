package org.tejido.agenda.internal.booklet;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.tejido.agenda.Agenda;
import org.tejido.agenda.AgendaPublished;
import org.tejido.agenda.Agendas;
import org.tejido.agenda.EvidenceQuotes;
import org.tejido.agenda.IssueEvidence;
import org.tejido.agenda.NationalAgenda;
import org.tejido.agenda.NationalAgendas;
import org.tejido.agenda.ReferenceData;
import org.tejido.fieldwork.ConsentChanged;
import org.tejido.shared.NotFound;
import org.tejido.shared.OpenDataProperties;
import org.tejido.sites.Site;
import org.tejido.sites.Sites;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * The printable booklet of an agenda: the public page's own fragments ({@code
 * agenda/fragments/content}) in a print layout ({@code agenda/booklet}), rendered to a tagged PDF
 * (PDF/UA mode: structure tags, title and language) with the bundled DejaVu fonts embedded.
 *
 * <p>A published version's booklet is kept in memory per language, paper and the exact quotes it
 * shows: the quotes come from {@link IssueEvidence#forPublic} on every request, so a withdrawal or
 * a narrower consent, a deleted coding or a redaction gives a different key and a fresh booklet,
 * never the kept one; {@link ConsentChanged} also empties the site's booklets at once, so no
 * unconsented words stay in memory. Kept in memory rather than in the database: a booklet is
 * derived data, cheap to render again (well under the 2 s budget), and bytes with quotes in them
 * must not outlive a consent in a table or a backup.
 */
@Service
@EnableConfigurationProperties(BookletProperties.class)
public class Booklets implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(Booklets.class);

  /** A rendered booklet; {@code quoted}: it shows testimony, whose consent may yet change. */
  public record Booklet(byte[] pdf, int version, boolean quoted) {}

  private record Key(String site, int version, String lang, BookletFormat format, String quotes) {}

  private static final String[][] FONTS = {
    {"DejaVuSans.ttf", "DejaVu Sans", "400", "NORMAL"},
    {"DejaVuSans-Bold.ttf", "DejaVu Sans", "700", "NORMAL"},
    {"DejaVuSerif.ttf", "DejaVu Serif", "400", "NORMAL"},
    {"DejaVuSerif-Italic.ttf", "DejaVu Serif", "400", "ITALIC"},
  };

  private final Sites sites;
  private final Agendas agendas;
  private final NationalAgendas national;
  private final IssueEvidence evidence;
  private final ReferenceData reference;
  private final ITemplateEngine templates;
  private final OpenDataProperties openData;
  private final BookletProperties properties;
  private final Cache<Key, Booklet> kept;
  private final Map<String, byte[]> fonts = new HashMap<>();
  private final ExecutorService background =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "booklet-prerender");
            t.setDaemon(true);
            t.setPriority(Thread.MIN_PRIORITY);
            return t;
          });

  Booklets(
      Sites sites,
      Agendas agendas,
      NationalAgendas national,
      IssueEvidence evidence,
      ReferenceData reference,
      ITemplateEngine templates,
      OpenDataProperties openData,
      BookletProperties properties) {
    this.sites = sites;
    this.agendas = agendas;
    this.national = national;
    this.evidence = evidence;
    this.reference = reference;
    this.templates = templates;
    this.openData = openData;
    this.properties = properties;
    this.kept =
        Caffeine.newBuilder()
            .maximumWeight(properties.cacheSize().toBytes())
            .<Key, Booklet>weigher((k, b) -> b.pdf().length + 256)
            .build();
    com.openhtmltopdf.util.XRLog.setLoggerImpl(new QuietRendererLog());
    for (String[] font : FONTS) {
      try (InputStream in = new ClassPathResource("fonts/dejavu/" + font[0]).getInputStream()) {
        fonts.put(font[0], in.readAllBytes());
      } catch (IOException e) {
        throw new UncheckedIOException("the booklet's font " + font[0] + " is missing", e);
      }
    }
  }

  /**
   * A published version's booklet, as the public sees it (never a silenced issue, only quotes the
   * speakers' consent allows now); the latest when {@code version} is null.
   *
   * @throws NotFound {@code site.suspended}, {@code agenda.not-published}, {@code
   *     agenda.version.not-found}
   */
  public Booklet published(Site site, Integer version, Locale locale, BookletFormat format) {
    agendas.requireNotSuspended(site);
    Agenda agenda =
        version != null
            ? agendas.published(site, version)
            : agendas
                .latestPublished(site)
                .orElseThrow(() -> new NotFound("agenda.not-published", site.key()));
    Map<UUID, List<EvidenceQuotes.Quote>> quotes = evidence.forPublic(site, agenda);
    Key key =
        new Key(site.key(), agenda.version().number(), lang(locale), format, fingerprint(quotes));
    return kept.get(
        key,
        k ->
            new Booklet(
                render(agenda, quotes, locale, format, false),
                agenda.version().number(),
                !quotes.isEmpty()));
  }

  /**
   * A published version of the National Agenda as a booklet; the latest when {@code version} is
   * null. Kept like a local booklet, keyed also by the sites it shows (a site suspended since drops
   * out of it, and out of the key).
   *
   * @throws NotFound {@code national-agenda.not-published}, {@code
   *     national-agenda.version.not-found}
   */
  public Booklet national(Integer version, Locale locale, BookletFormat format) {
    NationalAgenda agenda =
        version != null
            ? national.published(version)
            : national
                .latestPublished()
                .orElseThrow(() -> new NotFound("national-agenda.not-published"));
    String shown =
        agenda.threads().stream()
            .flatMap(t -> t.origins().stream())
            .map(o -> o.siteKey() + "/" + o.version() + "/" + o.issueRef())
            .sorted()
            .collect(java.util.stream.Collectors.joining(","));
    Key key =
        new Key(NATIONAL, agenda.version().number(), lang(locale), format, fingerprint(shown));
    return kept.get(
        key, k -> new Booklet(renderNational(agenda, locale, format), k.version(), false));
  }

  /** Renders the National Agenda's booklet; public so that a benchmark can time it alone. */
  public byte[] renderNational(NationalAgenda agenda, Locale locale, BookletFormat format) {
    Locale language = Locale.forLanguageTag(lang(locale));
    Map<String, Object> model = new HashMap<>();
    model.put("agenda", agenda);
    model.put("sections", agenda.byDomain(reference.domains()));
    model.put("format", format);
    model.put("license", openData.license());
    String base = openData.baseUrl() == null ? "" : openData.baseUrl().replaceAll("/+$", "");
    model.put("linkBase", base);
    model.put("sourceUrl", base + "/national-agenda");
    model.put(
        "footerLabel",
        ("en".equals(language.getLanguage()) ? "National Agenda" : "Agenda Nacional")
            + " · v"
            + agenda.version().number()
            + ("en".equals(language.getLanguage()) ? " · EN" : " · ES"));
    return pdf(templates.process("agenda/national-booklet", new Context(language, model)));
  }

  /** The cache key's "site" of National Agenda booklets: no site key has a colon. */
  private static final String NATIONAL = "national:";

  private static String fingerprint(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The draft's booklet as it would be published (spoken issues only, the quotes consent allows),
   * for the site's coordinator; rendered every time, never kept.
   *
   * @throws NotFound {@code agenda.draft.none} without a draft
   */
  public byte[] preview(Site site, Locale locale, BookletFormat format) {
    Agenda draft =
        agendas
            .draftAsPublished(site)
            .orElseThrow(() -> new NotFound("agenda.draft.none", site.key()));
    return render(draft, evidence.forPreview(site, draft), locale, format, true);
  }

  /** Renders a booklet; public so that a benchmark can time it alone. */
  public byte[] render(
      Agenda agenda,
      Map<UUID, List<EvidenceQuotes.Quote>> quotes,
      Locale locale,
      BookletFormat format,
      boolean preview) {
    Site site = agenda.site();
    Locale language = Locale.forLanguageTag(lang(locale));
    Map<String, Object> model = new HashMap<>();
    model.put("site", site);
    model.put("agenda", agenda);
    model.put("sections", agenda.byDomain(reference.domains()));
    model.put("proposalsByAddressee", agenda.byAddressee(reference.addressees()));
    model.put("quotes", quotes);
    model.put("format", format);
    model.put("preview", preview);
    model.put("license", openData.license());
    model.put("sourceUrl", sourceUrl(site));
    model.put("footerLabel", footerLabel(site, agenda, preview, language));
    return pdf(templates.process("agenda/booklet", new Context(language, model)));
  }

  /**
   * Characters XML 1.0 does not allow (control characters pasted into an issue's text, a lone
   * surrogate): the renderer parses the page as XML and would refuse the whole booklet for one.
   */
  private static final java.util.regex.Pattern NOT_XML =
      java.util.regex.Pattern.compile(
          "[^\\t\\n\\r\\x{20}-\\x{D7FF}\\x{E000}-\\x{FFFD}\\x{10000}-\\x{10FFFF}]");

  static String xmlSafe(String html) {
    return NOT_XML.matcher(html).replaceAll("");
  }

  private byte[] pdf(String page) {
    String html = xmlSafe(page);
    ByteArrayOutputStream out = new ByteArrayOutputStream(256 * 1024);
    PdfRendererBuilder builder = new PdfRendererBuilder();
    builder.useFastMode();
    builder.usePdfUaAccessibility(true);
    builder.withProducer("Tejido");
    for (String[] font : FONTS) {
      byte[] bytes = fonts.get(font[0]);
      builder.useFont(
          () -> new ByteArrayInputStream(bytes),
          font[1],
          Integer.valueOf(font[2]),
          FontStyle.valueOf(font[3]),
          true);
    }
    // Nothing outside the document is fetched: no base URI, and no stream for any protocol.
    builder.useProtocolsStreamImplementation(
        url -> {
          throw new IllegalStateException("the booklet loads nothing from " + url);
        },
        "http",
        "https",
        "file",
        "jar");
    builder.withHtmlContent(html, null);
    builder.toStream(out);
    try {
      builder.run();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /**
   * The first booklet after a start pays for loading the renderer and PDFBox's font set-up (many
   * seconds on a busy machine): done once in the background at start, when prerendering is on.
   */
  @org.springframework.context.event.EventListener(
      org.springframework.boot.context.event.ApplicationReadyEvent.class)
  void warmUp() {
    if (!properties.prerender()) {
      return;
    }
    background.submit(
        () -> {
          try {
            pdf(
                "<html lang=\"es\"><head><title>Tejido</title></head><body><p style=\"font-family:"
                    + " 'DejaVu Sans'\">Tejido <b>·</b> <i style=\"font-family: 'DejaVu"
                    + " Serif'\">«»</i></p></body></html>");
          } catch (RuntimeException e) {
            log.warn("Could not warm up the booklet renderer: {}", e.toString());
          }
        });
  }

  // After commit: before it, the new version is not visible to the rendering thread.
  @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
  void on(AgendaPublished published) {
    if (!properties.prerender()) {
      return;
    }
    background.submit(
        () -> {
          try {
            Site site = sites.byId(published.site());
            if (site.suspendedForSafety()) {
              return;
            }
            for (String lang : List.of("es", "en")) {
              for (BookletFormat format : BookletFormat.values()) {
                published(site, published.number(), Locale.forLanguageTag(lang), format);
              }
            }
          } catch (RuntimeException e) {
            // The first reader renders it instead; nothing is lost.
            log.warn("Could not prerender the booklets of a new agenda version: {}", e.toString());
          }
        });
  }

  // Quotes in kept booklets must not outlive the consent that allowed them (the key would miss
  // them anyway; this takes the bytes out of memory too).
  @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
  void on(ConsentChanged changed) {
    String key = sites.byId(changed.site()).key();
    kept.asMap().keySet().removeIf(k -> k.site().equals(key));
  }

  /** How many booklets are kept (for tests and metrics). */
  public long keptCount() {
    kept.cleanUp();
    return kept.estimatedSize();
  }

  @Override
  public void destroy() {
    background.shutdownNow();
  }

  private static String lang(Locale locale) {
    return locale != null && "en".equals(locale.getLanguage()) ? "en" : "es";
  }

  private String sourceUrl(Site site) {
    String base = openData.baseUrl() == null ? "" : openData.baseUrl().replaceAll("/+$", "");
    return base + "/sites/" + site.key() + "/agenda";
  }

  private String footerLabel(Site site, Agenda agenda, boolean preview, Locale language) {
    String label =
        site.municipality()
            + " · "
            + (preview ? "" : "v" + agenda.version().number())
            + (language.getLanguage().equals("en") ? " · EN" : " · ES");
    // It goes into a CSS string: no quote, backslash or line break may end it.
    return label.replaceAll("[\"\\\\\\r\\n]", "");
  }

  /** The quotes a booklet shows, reduced to a digest: part of its cache key, never its text. */
  private static String fingerprint(Map<UUID, List<EvidenceQuotes.Quote>> quotes) {
    if (quotes.isEmpty()) {
      return "";
    }
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      List<UUID> issues = new ArrayList<>(quotes.keySet());
      issues.sort(null);
      for (UUID issue : issues) {
        sha.update(issue.toString().getBytes(StandardCharsets.UTF_8));
        for (EvidenceQuotes.Quote q : quotes.get(issue)) {
          sha.update(q.coding().toString().getBytes(StandardCharsets.UTF_8));
          sha.update(q.text().getBytes(StandardCharsets.UTF_8));
          sha.update((byte) 0);
        }
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
