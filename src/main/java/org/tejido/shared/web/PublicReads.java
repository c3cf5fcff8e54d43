package org.tejido.shared.web;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.util.UrlPathHelper;

/**
 * The public, read-only open data: everything under {@code /api/v1}, every {@code .csv} outside the
 * staff areas and the agendas' printable booklets ({@code /sites/{key}/agenda.pdf}). These
 * addresses answer only GET, HEAD and OPTIONS, may be read by scripts on any origin (without
 * credentials), and are cacheable: a published version for ever, the latest for a minute.
 * Everything else (pages, forms, staff areas) has none of this.
 */
public final class PublicReads {

  /** The methods a public read answers, as sent in {@code Allow}. */
  public static final String ALLOW = "GET, HEAD, OPTIONS";

  /** A published version never changes. */
  public static final CacheControl IMMUTABLE =
      CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable();

  /** "The latest" changes on publication: caches may keep it briefly, then revalidate. */
  public static final CacheControl LATEST =
      CacheControl.maxAge(Duration.ofSeconds(60)).cachePublic();

  /** Request attribute set on every public read, also seen by the error page it forwards to. */
  static final String MARK = "tejido.public-read";

  /** Request attribute set when the language came from {@code ?lang=}, not from the headers. */
  static final String LANGUAGE_FROM_QUERY = "tejido.public-read.lang";

  private static final List<String> STAFF_AREAS =
      List.of("/manage", "/admin", "/account", "/login", "/logout", "/error");

  private static final UrlPathHelper PATHS = new UrlPathHelper();

  static {
    // Decoded and without ;parameters, as the dispatcher sees it: /%6Danage is /manage.
    PATHS.setUrlDecode(true);
    PATHS.setRemoveSemicolonContent(true);
  }

  private PublicReads() {}

  /** Whether a request is for public open data. */
  public static boolean matches(HttpServletRequest request) {
    return isPublicPath(PATHS.getPathWithinApplication(request));
  }

  static boolean isPublicPath(String path) {
    if (path == null) {
      return false;
    }
    if (path.equals("/api/v1") || path.startsWith("/api/v1/")) {
      return true;
    }
    return isCsv(path) || isCsvCompanion(path) || isBooklet(path);
  }

  /**
   * A published agenda's printable booklet, local or national: a download like the CSV, read by the
   * same rules.
   */
  static boolean isBooklet(String path) {
    return path.matches("/sites/[^/]+/agenda\\.pdf") || path.equals("/national-agenda.pdf");
  }

  /** The text that describes a site's agenda CSV, read by the same clients as the CSV. */
  static boolean isCsvCompanion(String path) {
    return path.matches("/sites/[^/]+/agenda-readme\\.txt");
  }

  /** A public CSV download: its errors are problem+json, never an HTML page. */
  static boolean isCsv(String path) {
    if (path == null || !path.endsWith(".csv")) {
      return false;
    }
    for (String staff : STAFF_AREAS) {
      if (path.equals(staff) || path.startsWith(staff + "/")) {
        return false;
      }
    }
    return true;
  }

  /**
   * CORS for the security filter chain: any origin may GET or HEAD public reads, never with
   * credentials; a preflight for any other address is refused, and other requests get no CORS
   * headers at all.
   */
  public static CorsConfigurationSource cors() {
    CorsConfiguration open = new CorsConfiguration();
    open.addAllowedOrigin(CorsConfiguration.ALL);
    open.setAllowedMethods(List.of("GET", "HEAD"));
    open.addAllowedHeader(CorsConfiguration.ALL);
    open.setExposedHeaders(
        List.of(HttpHeaders.ETAG, HttpHeaders.CONTENT_DISPOSITION, HttpHeaders.CONTENT_LANGUAGE));
    open.setAllowCredentials(false);
    open.setMaxAge(Duration.ofHours(1));
    // No allowed origin: the preflight is answered 403.
    CorsConfiguration refused = new CorsConfiguration();
    return request -> {
      if (matches(request)) {
        return open;
      }
      return CorsUtils.isPreFlightRequest(request) ? refused : null;
    };
  }

  /** A strong entity tag: the SHA-256 of exactly the bytes sent. */
  public static String strongETag(byte[] body) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
      return "\"" + HexFormat.of().formatHex(digest) + "\"";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  public static String strongETag(String body) {
    return strongETag(body.getBytes(StandardCharsets.UTF_8));
  }

  /** Whether this request (or the request an error page is rendered for) is a public read. */
  public static boolean isPublicRead(HttpServletRequest request) {
    return request.getAttribute(MARK) != null;
  }

  /** Content-Language of a public body: the one language asked for, or both. */
  public static String contentLanguage(Locale only) {
    return only == null ? "es, en" : only.getLanguage();
  }

  /** The language asked for with {@code ?lang=} on a public read, if any (already validated). */
  public static Locale requestedLanguage(HttpServletRequest request) {
    return request.getAttribute(LANGUAGE_FROM_QUERY) instanceof Locale l ? l : null;
  }

  /** The language a public read answers in, set by {@link PublicReadsFilter}. */
  static Locale language(HttpServletRequest request) {
    return request.getAttribute(CookieLocaleResolver.LOCALE_REQUEST_ATTRIBUTE_NAME)
            instanceof Locale l
        ? l
        : Languages.forFirstVisit(request);
  }

  /**
   * Public reads speak the {@code ?lang} language, else the first supported Accept-Language, else
   * Spanish; never the page cookie (a cross-origin script sends none, and a cache cannot vary on
   * it).
   */
  static void useLanguage(HttpServletRequest request, Locale locale, boolean fromQuery) {
    request.setAttribute(CookieLocaleResolver.LOCALE_REQUEST_ATTRIBUTE_NAME, locale);
    if (fromQuery) {
      request.setAttribute(LANGUAGE_FROM_QUERY, locale);
    }
  }
}
