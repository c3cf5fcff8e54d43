package org.tejido.browser;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.AxeResults;
import com.deque.html.axecore.results.CheckedNode;
import com.deque.html.axecore.results.Rule;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.tejido.support.Fixtures;
import org.tejido.support.Fixtures.Person;

/**
 * One Playwright and one headless Chromium per test class, a fresh browser context (cookies,
 * language, viewport) per test. The browser is Debian's Chromium: Playwright never downloads one.
 * Without that Chromium the tests are skipped, not failed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BrowserTestSupport {

  static final Path CHROMIUM =
      Paths.get(System.getProperty("tejido.chromium", "/usr/bin/chromium"));
  static final Path SCREENSHOTS = Paths.get("target", "screenshots");

  /** axe-core's rules for WCAG 2.0 and 2.1, levels A and AA. */
  static final List<String> WCAG_TAGS = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");

  /** Impacts that fail a test; lesser ones are printed. */
  static final Set<String> BLOCKING = Set.of("serious", "critical");

  /** A busy build machine (two cores, other builds running) is slow; be patient but not forever. */
  static final double TIMEOUT_MS = 20_000;

  /**
   * What the page left in the browser's storage: the keys of sessionStorage, how many entries
   * localStorage has, and whether htmx's history cache (copies of replaced pages) exists.
   */
  static final String STORED_BY_THE_PAGE =
      "() => JSON.stringify({session: Object.keys(sessionStorage), local: localStorage.length,"
          + " historyCache: sessionStorage.getItem('htmx-history-cache') !== null})";

  /** htmx remembers the current path (to restore history); nothing else may be stored. */
  static final String ONLY_THE_CURRENT_PATH =
      "{\"session\":[\"htmx-current-path-for-history\"],\"local\":0,\"historyCache\":false}";

  @LocalServerPort int port;

  Playwright playwright;
  Browser browser;
  private final List<BrowserContext> contexts = new ArrayList<>();

  @BeforeAll
  void launchBrowser() {
    if (!chromiumPresent()) {
      return; // every test of the class is skipped in requireBrowser, each with the reason
    }
    playwright =
        Playwright.create(
            new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    browser =
        playwright
            .chromium()
            .launch(
                new BrowserType.LaunchOptions()
                    .setExecutablePath(CHROMIUM)
                    .setHeadless(true)
                    .setArgs(
                        List.of(
                            "--no-sandbox",
                            "--disable-gpu",
                            "--disable-background-networking",
                            "--disable-component-update",
                            "--disable-sync",
                            "--no-first-run")));
    PlaywrightAssertions.setDefaultAssertionTimeout(TIMEOUT_MS);
  }

  /**
   * Skips (never fails) each test when there is no Chromium. Checked per test rather than in
   * {@code @BeforeAll}, so that every test shows up in the reports as skipped, with the reason.
   */
  @BeforeEach
  void requireBrowser() {
    assumeTrue(
        chromiumPresent(),
        () ->
            "Browser test skipped: no Chromium at "
                + CHROMIUM
                + " (install Debian's chromium package or pass -Dtejido.chromium=/path/to/it)");
  }

  private static boolean chromiumPresent() {
    return Files.isExecutable(CHROMIUM);
  }

  @AfterEach
  void closeContexts() {
    for (BrowserContext context : contexts) {
      context.close();
    }
    contexts.clear();
  }

  @AfterAll
  void closeBrowser() {
    if (browser != null) {
      browser.close();
    }
    if (playwright != null) {
      playwright.close();
    }
  }

  String baseUrl() {
    return "http://localhost:" + port;
  }

  /** A new context on this test's server; closed after the test. */
  BrowserContext newContext(Browser.NewContextOptions options) {
    BrowserContext context = browser.newContext(options.setBaseURL(baseUrl()));
    context.setDefaultTimeout(TIMEOUT_MS);
    context.setDefaultNavigationTimeout(TIMEOUT_MS);
    contexts.add(context);
    return context;
  }

  /** A page in a new context whose browser asks for {@code locale} (Accept-Language). */
  Page newPage(String locale) {
    return newContext(new Browser.NewContextOptions().setLocale(locale)).newPage();
  }

  /** The path of the page's current address, without query or fragment. */
  static String pathOf(Page page) {
    return URI.create(page.url()).getPath();
  }

  /**
   * Waits until htmx has finished its requests and swaps. New content is only wired up (boosted
   * forms, hx-get links) when htmx settles it, so clicking it earlier would bypass htmx.
   */
  static void htmxSettled(Page page) {
    page.waitForFunction(
        "() => window.htmx !== undefined && !document.querySelector("
            + "'.htmx-request, .htmx-swapping, .htmx-settling, .htmx-added')");
  }

  /**
   * Signs in through the real login form, as a person would; administrators and coordinators then
   * type the code of the authenticator Fixtures enrolled for them.
   */
  static void signIn(Page page, Person person) {
    String code = Fixtures.instance().secondFactorCode(person);
    page.navigate("/login");
    page.locator("#username").fill(person.username());
    page.locator("#password").fill(Fixtures.PASSWORD);
    page.locator("main form button[type=submit]").click();
    if (code != null) {
      page.waitForURL("**/account/second-factor");
      page.locator("#code").fill(code);
      page.locator("main form.stacked button[type=submit]").click();
    }
    page.waitForURL("**/manage");
  }

  /**
   * Runs axe-core (WCAG 2.0 and 2.1, A and AA) on the page as it is: serious and critical
   * violations fail, lesser ones are printed.
   */
  static void assertAccessible(Page page, String what) {
    AxeResults results = new AxeBuilder(page).withTags(WCAG_TAGS).analyze();
    Assertions.assertThat(results.isErrored())
        .as("axe failed on %s: %s", what, results.getErrorMessage())
        .isFalse();
    // Guards against a silently broken run (say, axe blocked by the Content-Security-Policy).
    Assertions.assertThat(results.getPasses()).as("axe rules passed on %s", what).isNotEmpty();
    List<Rule> blocking = new ArrayList<>();
    for (Rule rule : results.getViolations()) {
      if (BLOCKING.contains(rule.getImpact())) {
        blocking.add(rule);
      } else {
        System.out.println("axe (" + rule.getImpact() + ") on " + what + ": " + describe(rule));
      }
    }
    if (!blocking.isEmpty()) {
      Assertions.fail(
          "Serious or critical accessibility violations on "
              + what
              + ":\n"
              + blocking.stream()
                  .map(BrowserTestSupport::describe)
                  .collect(Collectors.joining("\n")));
    }
  }

  private static String describe(Rule rule) {
    StringBuilder out =
        new StringBuilder()
            .append("- ")
            .append(rule.getId())
            .append(" [")
            .append(rule.getImpact())
            .append("] ")
            .append(rule.getHelp());
    for (CheckedNode node : rule.getNodes()) {
      out.append("\n    target ").append(node.getTarget());
      if (node.getFailureSummary() != null) {
        out.append(": ").append(node.getFailureSummary().replace('\n', ' '));
      }
    }
    return out.toString();
  }

  /**
   * On a 360-pixel-wide window nothing sticks out sideways: the page is no wider than the space
   * inside the window's scroll bar (if it has one).
   */
  static void assertNoHorizontalScroll(Page page) {
    Assertions.assertThat(page.evaluate("() => window.innerWidth")).isEqualTo(360);
    Object overflow =
        page.evaluate(
            "() => ({scrollWidth: document.documentElement.scrollWidth,"
                + " clientWidth: document.documentElement.clientWidth,"
                + " widest: Array.from(document.querySelectorAll('body *'))"
                + ".filter(e => e.getBoundingClientRect().right"
                + " > document.documentElement.clientWidth + 0.5)"
                + ".slice(0, 5).map(e => e.tagName + (e.id ? '#' + e.id : '')"
                + " + (e.className ? '.' + e.className : ''))})");
    Object fits =
        page.evaluate(
            "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth");
    Assertions.assertThat(fits)
        .as("no horizontal scroll on %s: %s", page.url(), overflow)
        .isEqualTo(true);
  }
}
