package org.tejido.fieldwork;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.tejido.identity.SiteRole;
import org.tejido.sites.Site;
import org.tejido.support.Fixtures;
import org.tejido.support.Fixtures.Person;
import org.tejido.support.TejidoTest;
import org.tejido.vault.Vaults;

/**
 * A phone or laptop that is seized keeps what its browser stored. Pages that show what the vault
 * holds (testimony, identities) tell the browser not to store them at all, in any cache.
 */
@TejidoTest
class VaultPagesAreNotStoredByBrowsersTest {

  private static final String PASSPHRASE = "la frase larga de la coordinadora";
  private static final String NAME = "Estela Ruvalcaba Méndez";
  private static final String WORDS = "me dijo que cerraron la calle otra vez";

  @Autowired MockMvc mvc;
  @Autowired Fixtures fixtures;
  @Autowired Vaults vaults;
  @Autowired Participants participants;
  @Autowired Sources sources;

  @AfterEach
  void nobody() {
    fixtures.actAsNobody();
  }

  @Test
  void pagesShowingVaultDataTellTheBrowserNotToStoreThem() throws Exception {
    Site site = fixtures.freshSite();
    Person coordinator = fixtures.withRole(site.key(), SiteRole.COORDINATOR);
    fixtures.actAs(coordinator);
    vaults.create(site, PASSPHRASE);
    vaults.unlock(site, PASSPHRASE);
    Participant estela =
        participants.register(
            site,
            new NewParticipant(
                "women", "woman", "45_59", "mestizo", null, new Identity(NAME, null, null)));
    UUID source =
        sources.add(
            site,
            new NewSource(
                null, "field_diary", "Visita", estela.code() + ": Ella " + WORDS + ".", "typed"));
    fixtures.actAsNobody();
    MockHttpSession session = fixtures.signIn(mvc, coordinator);
    String fieldwork = "/manage/sites/" + site.key() + "/fieldwork";

    record Page(String url, String shows) {}
    for (Page page :
        new Page[] {
          new Page(fieldwork + "/sources/" + source, WORDS),
          new Page(fieldwork + "/sources/" + source + "/deidentify", WORDS),
          new Page(fieldwork + "/participants/" + estela.id(), NAME),
          new Page(fieldwork + "/gazetteer", "")
        }) {
      mvc.perform(get(page.url()).session(session))
          .andExpect(status().isOk())
          .andExpect(content().string(containsString(page.shows())))
          .andExpect(header().string("Cache-Control", containsString("no-store")));
    }
  }
}
