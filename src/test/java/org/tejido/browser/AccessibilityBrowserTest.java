package org.tejido.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.tejido.agenda.AgendaEditing;
import org.tejido.agenda.IssueInput;
import org.tejido.agenda.ProposalInput;
import org.tejido.identity.SiteRole;
import org.tejido.sites.Site;
import org.tejido.support.Fixtures;
import org.tejido.support.Fixtures.Person;
import org.tejido.support.TejidoTest;

/**
 * axe-core (WCAG 2.0 and 2.1, levels A and AA) on every public page in both languages and on a
 * coordinator's editor. Serious and critical violations fail; lesser ones are printed.
 */
@TejidoTest
class AccessibilityBrowserTest extends BrowserTestSupport {

  @Autowired Fixtures fixtures;
  @Autowired AgendaEditing editing;

  static Stream<Arguments> publicPages() {
    List<String> paths = new ArrayList<>(List.of("/", "/principles"));
    Fixtures.demoSiteKeys().forEach(key -> paths.add("/sites/" + key));
    for (String key : List.of("apatzingan", "tijuana", "guadalupe")) {
      paths.add("/sites/" + key + "/agenda");
    }
    paths.add("/sites/tijuana/agenda/versions");
    paths.add("/login");
    paths.add("/sites/nope");
    return paths.stream()
        .flatMap(path -> Stream.of(Arguments.of(path, "es"), Arguments.of(path, "en")));
  }

  @ParameterizedTest(name = "{0} ({1})")
  @MethodSource("publicPages")
  void publicPageHasNoSeriousViolations(String path, String lang) {
    Page page = newPage(locale(lang));
    Response response = page.navigate(path);
    Assertions.assertThat(response.status()).isEqualTo(path.equals("/sites/nope") ? 404 : 200);
    assertAccessible(page, path + " (" + lang + ")");
    assertThat(page.locator("html")).hasAttribute("lang", lang);
  }

  @ParameterizedTest(name = "team page and forms ({0})")
  @ValueSource(strings = {"es", "en"})
  void coordinatorsEditorHasNoSeriousViolations(String lang) {
    Site site = publishedSiteWithDraft();
    Person coordinator = fixtures.withRole(site.key(), SiteRole.COORDINATOR);
    Page page = newPage(locale(lang));
    signIn(page, coordinator);
    String team = "/manage/sites/" + site.key() + "/agenda";

    page.navigate(team);
    htmxSettled(page);
    assertThat(page.locator("#draft-heading")).isVisible();
    assertThat(page.locator("#published-heading")).isVisible();
    assertThat(page.locator("#draft-issues > li")).hasCount(2);
    assertAccessible(page, team + " with a draft (" + lang + ")");

    // The issue form, opened inline by htmx.
    page.locator("a.button[href$='/issues/new']").click();
    assertThat(page.locator("#new-issue #issue-form")).isVisible();
    htmxSettled(page);
    assertAccessible(page, team + " with the inline issue form (" + lang + ")");

    // The same form after an empty submission, with its error messages.
    page.locator("#issue-form button[type=submit]").click();
    assertThat(page.locator("#titleEs-error")).isVisible();
    htmxSettled(page);
    assertAccessible(page, team + " issue form with errors (" + lang + ")");

    // The proposal form, inline, and the issue form as a full page (the no-JavaScript path).
    page.navigate(team);
    htmxSettled(page);
    page.locator("a.button[href$='/proposals/new']").click();
    assertThat(page.locator("#new-proposal #proposal-form")).isVisible();
    htmxSettled(page);
    assertAccessible(page, team + " with the inline proposal form (" + lang + ")");

    page.navigate(team + "/issues/new");
    assertThat(page.locator("#issue-form")).isVisible();
    assertAccessible(page, team + "/issues/new (" + lang + ")");
  }

  /** A fresh site with a published agenda (one silenced issue) and a new draft copied from it. */
  private Site publishedSiteWithDraft() {
    Site site = fixtures.freshSite();
    Person setup = fixtures.withRole(site.key(), SiteRole.COORDINATOR);
    fixtures.actAs(setup);
    try {
      editing.startDraft(site);
      UUID spoken =
          editing.addIssue(
              site,
              new IssueInput(
                  "Calles sin alumbrado",
                  "Streets without lighting",
                  "Las calles quedan a oscuras por la noche.",
                  "The streets are dark at night.",
                  List.of("community", "personal"),
                  false));
      editing.addIssue(
          site,
          new IssueInput(
              "Algo de lo que no se habla",
              "Something not spoken of",
              null,
              null,
              List.of("personal"),
              true));
      editing.addProposal(
          site,
          new ProposalInput(
              "authorities",
              "Reparar el alumbrado público.",
              "Repair the street lighting.",
              List.of(spoken)));
      editing.publish(site);
      editing.startDraft(site);
    } finally {
      fixtures.actAsNobody();
    }
    return site;
  }

  private static String locale(String lang) {
    return "en".equals(lang) ? "en-US" : "es-MX";
  }
}
