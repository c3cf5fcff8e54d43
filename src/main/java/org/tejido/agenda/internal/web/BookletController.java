package org.tejido.agenda.internal.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.tejido.agenda.internal.booklet.BookletFormat;
import org.tejido.agenda.internal.booklet.Booklets;
import org.tejido.shared.BadRequest;
import org.tejido.shared.OpenDataProperties;
import org.tejido.shared.web.PublicReads;
import org.tejido.sites.Site;
import org.tejido.sites.Sites;

/**
 * The agenda's printable booklet: a published version for anyone, and the draft's preview for the
 * site's coordinator. {@code ?lang} chooses the language (else Accept-Language, else Spanish),
 * {@code ?format} the paper (a5, the default, or letter).
 */
@Controller
class BookletController {

  private static final MediaType PDF = MediaType.APPLICATION_PDF;

  private final Sites sites;
  private final Booklets booklets;
  private final OpenDataProperties.License license;

  BookletController(Sites sites, Booklets booklets, OpenDataProperties openData) {
    this.sites = sites;
    this.booklets = booklets;
    this.license = openData.license();
  }

  /**
   * A published version is immutable (cached for a year) unless it shows quotes: a speaker may
   * withdraw consent, and a copy kept by a shared cache for a year would keep her words public, so
   * a booklet with quotes is revalidated like the latest version. Every answer has a strong ETag
   * (the SHA-256 of its bytes), so revalidating costs a 304.
   */
  @GetMapping("/sites/{key}/agenda.pdf")
  ResponseEntity<byte[]> published(
      @PathVariable String key,
      @RequestParam(required = false) Integer version,
      @RequestParam(required = false) String format,
      HttpServletRequest request,
      Locale locale) {
    BookletFormat paper = paper(format);
    Site site = sites.byKey(key);
    Booklets.Booklet booklet = booklets.published(site, version, locale, paper);
    boolean immutable = version != null && !booklet.quoted();
    ResponseEntity.BodyBuilder answer =
        ResponseEntity.ok()
            .contentType(PDF)
            .header(
                HttpHeaders.CONTENT_DISPOSITION,
                ContentDisposition.inline()
                    .filename(fileName(site, "v" + booklet.version(), locale, paper))
                    .build()
                    .toString())
            .header(HttpHeaders.LINK, "<" + license.url() + ">; rel=\"license\"")
            .header(HttpHeaders.CONTENT_LANGUAGE, locale.getLanguage())
            .cacheControl(immutable ? PublicReads.IMMUTABLE : PublicReads.LATEST)
            .eTag(PublicReads.strongETag(booklet.pdf()));
    if (PublicReads.requestedLanguage(request) == null) {
      // Without ?lang the language came from the request's headers: caches must keep one per
      // language.
      answer.header(HttpHeaders.VARY, HttpHeaders.ACCEPT_LANGUAGE);
    }
    return answer.body(booklet.pdf());
  }

  /** The draft's booklet, as it would be published: for its coordinator, never cached. */
  @GetMapping("/manage/sites/{key}/agenda/draft/booklet.pdf")
  ResponseEntity<byte[]> preview(
      @PathVariable String key, @RequestParam(required = false) String format, Locale language) {
    BookletFormat paper = paper(format);
    Site site = sites.byKey(key);
    byte[] pdf = booklets.preview(site, language, paper);
    return ResponseEntity.ok()
        .contentType(PDF)
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.inline()
                .filename(fileName(site, "draft", language, paper))
                .build()
                .toString())
        .cacheControl(CacheControl.noStore())
        .body(pdf);
  }

  private static BookletFormat paper(String format) {
    if (format == null) {
      return BookletFormat.A5;
    }
    return BookletFormat.parse(format)
        .orElseThrow(
            () ->
                new BadRequest(
                    "booklet.format.invalid",
                    format.length() > 20 ? format.substring(0, 20) + "…" : format));
  }

  private static String fileName(Site site, String version, Locale locale, BookletFormat paper) {
    return "tejido-"
        + site.key()
        + "-agenda-"
        + version
        + "-"
        + ("en".equals(locale.getLanguage()) ? "en" : "es")
        + "-"
        + paper.key()
        + ".pdf";
  }
}
