package org.tejido.browser;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

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

  /** A busy build machine (two cores, other builds running) is slow; be patient but not forever. */
  static final double TIMEOUT_MS = 20_000;

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

  /** Signs in through the real login form, as a person would. */
  static void signIn(Page page, Person person) {
    page.navigate("/login");
    page.locator("#username").fill(person.username());
    page.locator("#password").fill(Fixtures.PASSWORD);
    page.locator("main form button[type=submit]").click();
    page.waitForURL("**/manage");
  }
}
