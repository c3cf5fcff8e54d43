package org.tejido.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.AriaRole;
import java.util.List;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.tejido.agenda.AgendaEditing;
import org.tejido.agenda.Agendas;
import org.tejido.agenda.IssueInput;
import org.tejido.identity.SiteRole;
import org.tejido.sites.Site;
import org.tejido.support.Fixtures;
import org.tejido.support.Fixtures.Person;
import org.tejido.support.TejidoTest;

/**
 * A coordinator builds a first agenda in the browser and publishes it; the public sees it. Each
 * test uses a fresh site, so the demo sites and other tests are not disturbed.
 */
@TejidoTest
class CoordinatorPublishesBrowserTest extends BrowserTestSupport {

  @Autowired Fixtures fixtures;
  @Autowired Agendas agendas;
  @Autowired AgendaEditing editing;

  @Test
  void coordinatorAddsAnIssueInlineAndPublishesIt() {
    Site site = fixtures.freshSite();
    Person coordinator = fixtures.withRole(site.key(), SiteRole.COORDINATOR);
    Page page = newPage("es-MX");
    String team = "/manage/sites/" + site.key() + "/agenda";

    signIn(page, coordinator);
    openTeamPageFromDashboard(page, site);
    startDraft(page);
    htmxSettled(page);

    // htmx loads the form into the page and saves it in place: no full page load happens.
    page.evaluate("() => { window.tejidoNoReload = true; }");
    page.getByRole(AriaRole.LINK, name("Añadir una problemática")).click();
    Locator form = page.locator("#new-issue #issue-form");
    assertThat(form).isVisible();
    htmxSettled(page);
    Assertions.assertThat(pathOf(page)).isEqualTo(team);

    form.locator("#titleEs").fill("Inundaciones en temporada de lluvias");
    form.locator("#titleEn").fill("Flooding in the rainy season");
    form.locator("#descriptionEs").fill("El arroyo se desborda cada año.");
    form.locator("#descriptionEn").fill("The stream overflows every year.");
    form.getByLabel("Seguridad ambiental").check();
    form.locator("input[name=domains][value=community]").check();
    form.getByRole(AriaRole.BUTTON, button("Guardar")).click();

    assertThat(page.locator(".notice")).hasText("Guardado.");
    Locator issues = page.locator("#draft-issues > li");
    assertThat(issues).hasCount(1);
    assertThat(issues.first()).containsText("Inundaciones en temporada de lluvias");
    assertThat(issues.first()).containsText("Flooding in the rainy season");
    assertThat(issues.first().locator(".tag"))
        .hasText(new String[] {"Seguridad comunitaria", "Seguridad ambiental"});
    Assertions.assertThat(page.evaluate("() => window.tejidoNoReload === true"))
        .as("the form was loaded and saved by htmx, without a full page load")
        .isEqualTo(true);
    htmxSettled(page);

    page.getByText("Publicar…", new Page.GetByTextOptions().setExact(true)).click();
    page.getByRole(AriaRole.BUTTON, name("Sí, publicar")).click();
    assertThat(page.locator(".notice")).hasText("Publicaste la versión 1.");
    // htmx keeps no copy of the pages it replaced in the browser's storage: a draft (silenced
    // issues included) must not stay on the coordinator's device.
    Assertions.assertThat(page.evaluate(BrowserTestSupport.STORED_BY_THE_PAGE))
        .as("what the browser stored for the site: the current path only, no page content")
        .isEqualTo(BrowserTestSupport.ONLY_THE_CURRENT_PATH);
    assertThat(page.locator("#draft-heading")).hasCount(0);
    assertThat(page.locator("#published-heading")).containsText("Versión 1, publicada el");

    assertPublishedForEveryone(
        site, "Inundaciones en temporada de lluvias", "Flooding in the rainy season");
  }

  @Test
  void emptyIssueFormShowsSpanishErrorsNextToTheFieldsAndSavesNothing() {
    Site site = fixtures.freshSite();
    Person coordinator = fixtures.withRole(site.key(), SiteRole.COORDINATOR);
    Page page = newPage("es-MX");

    signIn(page, coordinator);
    openTeamPageFromDashboard(page, site);
    startDraft(page);
    htmxSettled(page);

    page.getByRole(AriaRole.LINK, name("Añadir una problemática")).click();
    assertThat(page.locator("#new-issue #issue-form")).isVisible();
    htmxSettled(page);
    page.locator("#issue-form").getByRole(AriaRole.BUTTON, button("Guardar")).click();

    assertThat(page.locator("#issue-form .error-summary"))
        .hasText("Revisa los campos marcados abajo.");
    assertRequiredNextTo(page, "titleEs");
    assertRequiredNextTo(page, "titleEn");
    assertThat(page.locator("#issue-form fieldset.field.invalid").locator(".field-error"))
        .hasText("Elige al menos una dimensión.");
    Assertions.assertThat(draftIssueCount(site, coordinator)).isZero();

    // Nothing was saved: the draft is still empty.
    page.navigate("/manage/sites/" + site.key() + "/agenda");
    assertThat(page.locator("#draft-issues > li")).hasCount(0);
    assertThat(page.getByText("El borrador aún no tiene problemáticas.")).isVisible();
  }

  @Test
  void withoutJavaScriptTheAddIssueFlowFallsBackToFullPages() {
    Site site = fixtures.freshSite();
    Person coordinator = fixtures.withRole(site.key(), SiteRole.COORDINATOR);
    Page page =
        newContext(new Browser.NewContextOptions().setLocale("es-MX").setJavaScriptEnabled(false))
            .newPage();
    String team = "/manage/sites/" + site.key() + "/agenda";

    signIn(page, coordinator);
    openTeamPageFromDashboard(page, site);
    startDraft(page);

    // The link leads to the form as a page of its own.
    page.getByRole(AriaRole.LINK, name("Añadir una problemática")).click();
    page.waitForURL("**" + team + "/issues/new");
    assertThat(page.locator("h1")).hasText("Añadir una problemática");

    // An empty submission comes back as the same page with the errors (HTTP 422).
    Response invalid =
        page.waitForResponse(
            r -> r.request().method().equals("POST") && r.url().endsWith(team + "/issues"),
            () ->
                page.locator("#issue-form").getByRole(AriaRole.BUTTON, button("Guardar")).click());
    page.waitForLoadState();
    Assertions.assertThat(invalid.status()).isEqualTo(422);
    assertRequiredNextTo(page, "titleEs");
    Assertions.assertThat(draftIssueCount(site, coordinator)).isZero();

    Locator form = page.locator("#issue-form");
    form.locator("#titleEs").fill("Falta de transporte público de noche");
    form.locator("#titleEn").fill("No public transport at night");
    form.getByLabel("Seguridad económica").check();
    form.getByRole(AriaRole.BUTTON, button("Guardar")).click();

    page.waitForURL("**" + team);
    assertThat(page.locator(".notice")).hasText("Guardado.");
    assertThat(page.locator("#draft-issues > li")).hasCount(1);
    assertThat(page.locator("#draft-issues > li").first())
        .containsText("Falta de transporte público de noche");

    page.getByText("Publicar…", new Page.GetByTextOptions().setExact(true)).click();
    page.getByRole(AriaRole.BUTTON, name("Sí, publicar")).click();
    assertThat(page.locator(".notice")).hasText("Publicaste la versión 1.");

    assertPublishedForEveryone(
        site, "Falta de transporte público de noche", "No public transport at night");
  }

  @Test
  void visitorsWhoReadTheOldVersionSeeTheNewOneAsSoonAsItIsPublished() {
    Site site = fixtures.freshSite();
    Person coordinator = fixtures.withRole(site.key(), SiteRole.COORDINATOR);
    fixtures.actAs(coordinator);
    try {
      editing.startDraft(site);
      editing.addIssue(
          site,
          new IssueInput(
              "Basura en las calles",
              "Rubbish in the streets",
              null,
              null,
              List.of("environmental"),
              false));
      editing.publish(site);
    } finally {
      fixtures.actAsNobody();
    }
    String agenda = "/sites/" + site.key() + "/agenda";

    // An anonymous visitor reads version 1 (public pages may be served from memory).
    Page visitor = newPage("es-MX");
    visitor.navigate(agenda);
    assertThat(visitor.locator(".version-banner strong")).containsText("Versión 1");
    visitor.reload();
    assertThat(visitor.locator(".issue-title")).hasText(new String[] {"Basura en las calles"});

    // The coordinator adds an issue to a new draft and publishes version 2.
    Page page = newPage("es-MX");
    signIn(page, coordinator);
    page.navigate("/manage/sites/" + site.key() + "/agenda");
    htmxSettled(page);
    page.getByRole(AriaRole.BUTTON, name("Empezar un borrador")).click();
    assertThat(page.locator("#draft-heading")).hasText("Borrador (versión 2)");
    htmxSettled(page);
    page.getByRole(AriaRole.LINK, name("Añadir una problemática")).click();
    Locator form = page.locator("#new-issue #issue-form");
    assertThat(form).isVisible();
    htmxSettled(page);
    form.locator("#titleEs").fill("Parques sin mantenimiento");
    form.locator("#titleEn").fill("Neglected parks");
    form.getByLabel("Seguridad comunitaria").check();
    form.getByRole(AriaRole.BUTTON, button("Guardar")).click();
    assertThat(page.locator("#draft-issues > li")).hasCount(2);
    htmxSettled(page);
    page.getByText("Publicar…", new Page.GetByTextOptions().setExact(true)).click();
    page.getByRole(AriaRole.BUTTON, name("Sí, publicar")).click();
    assertThat(page.locator(".notice")).hasText("Publicaste la versión 2.");

    // The same visitor, same address: the new version at once.
    visitor.reload();
    assertThat(visitor.locator(".version-banner strong")).containsText("Versión 2");
    assertThat(visitor.getByText("Parques sin mantenimiento")).isVisible();
    visitor.navigate("/sites/" + site.key() + "/agenda/versions");
    assertThat(visitor.locator("tbody tr")).hasCount(2);
    visitor.navigate(agenda + "?version=1");
    assertThat(visitor.locator(".version-banner"))
        .containsText("Estás viendo una versión anterior.");
    assertThat(visitor.getByText("Parques sin mantenimiento")).hasCount(0);
  }

  private void openTeamPageFromDashboard(Page page, Site site) {
    assertThat(page.locator("h1")).containsText("Hola");
    page.getByRole(AriaRole.LINK, name("Agenda del sitio")).click();
    page.waitForURL("**/manage/sites/" + site.key() + "/agenda");
    assertThat(page.locator("h1")).hasText("Agenda de " + site.municipality() + " (equipo)");
  }

  private static void startDraft(Page page) {
    assertThat(page.getByText("Este sitio aún no tiene agenda: el borrador empieza vacío."))
        .isVisible();
    page.getByRole(AriaRole.BUTTON, name("Empezar un borrador")).click();
    assertThat(page.locator(".notice")).containsText("Empezaste un borrador");
    assertThat(page.locator("#draft-heading")).hasText("Borrador (versión 1)");
    assertThat(page.locator("#draft-issues > li")).hasCount(0);
  }

  private static void assertRequiredNextTo(Page page, String field) {
    Locator input = page.locator("#" + field);
    assertThat(input).hasAttribute("aria-invalid", "true");
    assertThat(input).hasAttribute("aria-describedby", field + "-error");
    Locator error =
        page.locator(".field.invalid")
            .filter(new Locator.FilterOptions().setHas(input))
            .locator("#" + field + "-error");
    assertThat(error).hasText("Este campo es obligatorio.");
  }

  /** A new, anonymous visitor reads the published agenda, in both languages. */
  private void assertPublishedForEveryone(Site site, String titleEs, String titleEn) {
    Page visitor = newPage("es-MX");
    Response response = visitor.navigate("/sites/" + site.key() + "/agenda");
    Assertions.assertThat(response.status()).isEqualTo(200);
    assertThat(visitor.locator("h1"))
        .hasText("Agenda Local de Seguridad Humana de " + site.municipality());
    assertThat(visitor.locator(".issue-title").first()).hasText(titleEs);
    assertThat(visitor.locator("a[href='/manage']")).hasCount(0);

    visitor.locator("a.lang").click();
    assertThat(visitor.locator("h1"))
        .hasText("Local Human Security Agenda of " + site.municipality());
    assertThat(visitor.locator(".issue-title").first()).hasText(titleEn);
  }

  private int draftIssueCount(Site site, Person coordinator) {
    fixtures.actAs(coordinator);
    try {
      return agendas.draftForTeam(site).map(a -> a.issues().size()).orElse(-1);
    } finally {
      fixtures.actAsNobody();
    }
  }

  private static Page.GetByRoleOptions name(String name) {
    return new Page.GetByRoleOptions().setName(name).setExact(true);
  }

  private static Locator.GetByRoleOptions button(String name) {
    return new Locator.GetByRoleOptions().setName(name).setExact(true);
  }
}
