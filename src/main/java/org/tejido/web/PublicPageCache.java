package org.tejido.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;
import org.tejido.agenda.AgendaPublished;
import org.tejido.shared.web.Languages;
import org.tejido.shared.web.PublicReads;
import org.tejido.sites.SiteChanged;
import org.tejido.sites.SiteRegistered;

/**
 * Serves the public pages to anonymous visitors from memory. What they show changes only when an
 * agenda is published, official figures are imported, the observatory records anything the tracker
 * shows, the engagement log changes, or a site is added, edited, suspended or reactivated, and
 * these events empty the cache; a short time-to-live bounds anything else. Visitors with a session
 * (staff) always get a freshly rendered page, and so does any response that sets a cookie. Every
 * kept response has a strong ETag (its own, or the SHA-256 of the page), and a conditional request
 * that matches it is answered 304 from here.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class PublicPageCache extends OncePerRequestFilter {

  private static final Pattern CACHEABLE =
      Pattern.compile(
          "^/$|^/principles$|^/national-agenda$|^/api/v1/national-agenda$"
              + "|^/sites/[a-z0-9-]+(/agenda(/versions|/changes)?|/engagement)?$"
              + "|^/sites/[a-z0-9-]+/agenda\\.csv$"
              + "|^/api/v1/sites(/[a-z0-9-]+(/agenda(/changes)?|/engagement)?)?$"
              + "|^/sites/[a-z0-9-]+/tracker(/[0-9a-f-]{36})?$"
              + "|^/api/v1/sites/[a-z0-9-]+/recommendations(/[0-9a-f-]{36})?$");

  @ConfigurationProperties("tejido.web.page-cache")
  record Properties(
      @DefaultValue("true") boolean enabled,
      @DefaultValue("10m") Duration timeToLive,
      @DefaultValue("64MB") org.springframework.util.unit.DataSize maxSize) {}

  private record Page(int status, List<Map.Entry<String, String>> headers, byte[] body) {}

  /** How long a request waits for another one rendering the same page before rendering it too. */
  private static final Duration WAIT_FOR_RENDER = Duration.ofSeconds(10);

  private final Properties properties;
  private final Cache<String, Page> pages;

  /** The pages being rendered now, by key: the first request renders, the others wait. */
  private final ConcurrentHashMap<String, CompletableFuture<Page>> rendering =
      new ConcurrentHashMap<>();

  PublicPageCache(Properties properties) {
    this.properties = properties;
    this.pages =
        Caffeine.newBuilder()
            .expireAfterWrite(properties.timeToLive())
            .maximumWeight(properties.maxSize().toBytes())
            .<String, Page>weigher((k, p) -> p.body().length + 512)
            .build();
  }

  /** Bumped on every invalidation: a page rendered across one is not kept. */
  private final java.util.concurrent.atomic.AtomicLong generation =
      new java.util.concurrent.atomic.AtomicLong();

  // After commit: emptied earlier, a visitor could cache the old page again before the new one
  // is visible to other transactions.
  @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
  void on(AgendaPublished published) {
    invalidate();
  }

  @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
  void on(org.tejido.agenda.NationalAgendaPublished published) {
    invalidate();
  }

  @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
  void on(SiteRegistered registered) {
    invalidate();
  }

  // A suspended site's pages must stop showing its agenda at once, not after the time-to-live.
  @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
  void on(SiteChanged changed) {
    invalidate();
  }

  // A withdrawal or a narrower consent must take a speaker's quotes off the published agenda at
  // once.
  @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
  void on(org.tejido.fieldwork.ConsentChanged changed) {
    invalidate();
  }

  // Site pages show the official figures and when they were imported.
  @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
  void on(org.tejido.indicators.IndicatorsImported imported) {
    invalidate();
  }

  // The engagement log is public: a new or removed event shows at once.
  @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
  void on(org.tejido.participation.EngagementLogged logged) {
    invalidate();
  }

  // The public tracker shows every recommendation, session, commitment and update.
  @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
  void on(org.tejido.observatory.ObservatoryChanged changed) {
    invalidate();
  }

  private void invalidate() {
    generation.incrementAndGet();
    pages.invalidateAll();
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !properties.enabled()
        || !"GET".equals(request.getMethod())
        || request.getSession(false) != null
        || hasSessionCookie(request)
        || request.getHeader("HX-Request") != null
        || !CACHEABLE.matcher(request.getRequestURI()).matches();
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String query = request.getQueryString();
    if (query != null && query.contains("lang=") && !request.getRequestURI().startsWith("/api/")) {
      // Switching language sets a cookie: render it.
      chain.doFilter(request, response);
      return;
    }
    String key =
        language(request)
            + "|"
            + request.getRequestURI()
            + (query == null ? "" : "?" + query)
            + "|"
            + String.valueOf(request.getHeader("Accept"))
            // Access-Control-Allow-Origin is sent only to cross-origin requests.
            + (request.getHeader("Origin") == null ? "" : "|cors");
    Page page = pages.getIfPresent(key);
    if (page != null) {
      serve(page, request, response);
      return;
    }
    // One render per page at a time: after the cache is emptied, the visitors who ask for the
    // same page meanwhile wait for that render instead of each rendering it again (on a site
    // page with official figures, a crowd of renders at once answers none of them in time).
    CompletableFuture<Page> mine = new CompletableFuture<>();
    CompletableFuture<Page> other = rendering.putIfAbsent(key, mine);
    if (other != null) {
      Page rendered = awaitOther(other);
      if (rendered != null) {
        serve(rendered, request, response);
      } else {
        render(request, response, chain, key);
      }
      return;
    }
    Page kept = null;
    try {
      kept = render(request, response, chain, key);
    } finally {
      rendering.remove(key, mine);
      mine.complete(kept);
    }
  }

  /** The page another request is rendering, once kept; null if it was not kept or took too long. */
  private static Page awaitOther(CompletableFuture<Page> other) {
    try {
      return other.get(WAIT_FOR_RENDER.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    } catch (ExecutionException | TimeoutException e) {
      return null;
    }
  }

  private static void serve(Page page, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    response.setStatus(page.status());
    for (Map.Entry<String, String> header : page.headers()) {
      response.addHeader(header.getKey(), header.getValue());
    }
    if (notModified(page, request, response)) {
      return;
    }
    response.setContentLength(page.body().length);
    response.getOutputStream().write(page.body());
  }

  /** Renders the page and keeps it if it may be kept; the page kept, or null. */
  private Page render(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain, String key)
      throws ServletException, IOException {
    Page kept = null;
    long renderedIn = generation.get();
    ContentCachingResponseWrapper wrapper = new ContentCachingResponseWrapper(response);
    chain.doFilter(request, wrapper);
    if (wrapper.getStatus() == 200
        && renderedIn == generation.get()
        && wrapper.getHeader("Set-Cookie") == null
        && request.getSession(false) == null) {
      if (wrapper.getHeader("ETag") == null && !wrapper.isCommitted()) {
        // Pages get an entity tag too: a client that kept the page can revalidate it (304).
        wrapper.setHeader("ETag", PublicReads.strongETag(wrapper.getContentAsByteArray()));
      }
      List<Map.Entry<String, String>> headers = new ArrayList<>();
      for (String name : wrapper.getHeaderNames()) {
        if (!name.equalsIgnoreCase("Content-Length")) {
          for (String value : wrapper.getHeaders(name)) {
            headers.add(Map.entry(name, value));
          }
        }
      }
      if (wrapper.getContentType() != null && wrapper.getHeader("Content-Type") == null) {
        headers.add(Map.entry("Content-Type", wrapper.getContentType()));
      }
      kept = new Page(200, List.copyOf(headers), wrapper.getContentAsByteArray());
      pages.put(key, kept);
    }
    wrapper.copyBodyToResponse();
    return kept;
  }

  /** A conditional request that the kept page satisfies: 304, headers only. */
  private static boolean notModified(
      Page page, HttpServletRequest request, HttpServletResponse response) {
    if (request.getHeader(HttpHeaders.IF_NONE_MATCH) == null
        && request.getHeader(HttpHeaders.IF_MODIFIED_SINCE) == null
        && request.getHeader(HttpHeaders.IF_MATCH) == null
        && request.getHeader(HttpHeaders.IF_UNMODIFIED_SINCE) == null) {
      // Most hits are plain: nothing to compare, so no headers to parse.
      return false;
    }
    HttpHeaders kept = new HttpHeaders();
    page.headers().forEach(header -> kept.add(header.getKey(), header.getValue()));
    String etag = kept.getETag();
    long lastModified = kept.getLastModified();
    if (etag == null && lastModified < 0) {
      return false;
    }
    return new ServletWebRequest(request, response).checkNotModified(etag, lastModified);
  }

  private static boolean hasSessionCookie(HttpServletRequest request) {
    Cookie[] cookies = request.getCookies();
    if (cookies != null) {
      for (Cookie c : cookies) {
        if (c.getName().equals("TEJIDO_SESSION")) {
          return true;
        }
      }
    }
    return false;
  }

  /** The language the page will be rendered in, decided as the locale resolver decides it. */
  private static String language(HttpServletRequest request) {
    Cookie[] cookies = request.getCookies();
    if (cookies != null) {
      for (Cookie c : cookies) {
        if (c.getName().equals("tejido-lang")) {
          // The resolver would use a valid cookie; an invalid one falls through to the header.
          return Languages.parse(c.getValue())
              .map(Locale::getLanguage)
              .orElse("?" + negotiate(request));
        }
      }
    }
    return negotiate(request);
  }

  private static String negotiate(HttpServletRequest request) {
    return Languages.forFirstVisit(request).getLanguage();
  }
}
