package org.tejido.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.tejido.analysis.AnalysisFixtures;
import org.tejido.analysis.Codebook;
import org.tejido.analysis.Codings;
import org.tejido.fieldwork.Deidentification;
import org.tejido.fieldwork.NewParticipant;
import org.tejido.fieldwork.NewSource;
import org.tejido.fieldwork.Participant;
import org.tejido.fieldwork.Participants;
import org.tejido.fieldwork.Sources;
import org.tejido.identity.SiteRole;
import org.tejido.sites.Site;
import org.tejido.support.Fixtures;
import org.tejido.support.Fixtures.Person;
import org.tejido.support.TejidoTest;
import org.tejido.vault.Vaults;

/** A researcher runs the codes × population group matrix and opens the quotes behind a cell. */
@TejidoTest
class MatrixQueryBrowserTest extends BrowserTestSupport {

  @Autowired Fixtures fixtures;
  @Autowired Vaults vaults;
  @Autowired Sources sources;
  @Autowired Participants participants;
  @Autowired Deidentification deidentification;
  @Autowired Codebook codebook;
  @Autowired Codings codings;

  @Test
  void aResearcherOpensTheQuotesBehindAMatrixCell() {
    Site site = fixtures.freshSite();
    Person coordinator = fixtures.withRole(site.key(), SiteRole.COORDINATOR);
    Person researcher = fixtures.withRole(site.key(), SiteRole.RESEARCHER);
    fixtures.actAs(coordinator);
    vaults.create(site, AnalysisFixtures.PASSPHRASE);
    vaults.unlock(site, AnalysisFixtures.PASSPHRASE);
    Participant vecina =
        participants.register(
            site, new NewParticipant("women", "woman", "30_44", "mestizo", "Centro", null));
    UUID source =
        sources.add(
            site,
            new NewSource(
                null,
                "transcript",
                "Taller de mujeres",
                "Facilitadora: ¿Qué pasa?\n" + vecina.code() + ": Hay robos en la calle.",
                "typed"));
    deidentification.acceptAll(site, source);
    UUID robo = AnalysisFixtures.codeNamed(codebook, site, "Robo");
    codings.apply(site, source, 2, 4, 21, List.of(robo));
    fixtures.actAsNobody();

    Page page = newPage("es-MX");
    signIn(page, researcher);
    page.navigate("/manage/sites/" + site.key() + "/analysis/queries");
    page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Matriz de codificación"))
        .click();
    assertThat(page.locator("#attribute")).hasValue("population_group");
    assertThat(page.locator("table.query-table thead")).containsText("Mujeres");

    page.locator("table.query-table tbody a[aria-label*='Robo']").first().click();

    assertThat(page.locator("blockquote")).hasText("robos en la calle");
  }
}
