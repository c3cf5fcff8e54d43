package org.tejido.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.tejido.fieldwork.Identity;
import org.tejido.fieldwork.NewParticipant;
import org.tejido.fieldwork.Participant;
import org.tejido.fieldwork.Participants;
import org.tejido.identity.SiteRole;
import org.tejido.identity.UserAccounts;
import org.tejido.sites.Site;
import org.tejido.support.Fixtures;
import org.tejido.support.Fixtures.Person;
import org.tejido.support.TejidoTest;
import org.tejido.vault.Vaults;

/**
 * The routes issue 7 added (site administration, the vault ceremony, the withdrawal review) as an
 * attacker tries them: other spellings of their paths, another site's ids, keys that do not exist,
 * and a session kept open after its role was taken away.
 */
@TejidoTest
class NewRoutesResistTamperingTest {

  private static final String PASSPHRASE = "la frase larga de la coordinadora";

  @Autowired MockMvc mvc;
  @Autowired Fixtures fixtures;
  @Autowired Vaults vaults;
  @Autowired Participants participants;
  @Autowired UserAccounts accounts;
  @LocalServerPort int port;

  @AfterEach
  void signOut() {
    fixtures.actAsNobody();
  }

  private Site siteWithVault(Person coordinator) {
    Site site = fixtures.freshSite();
    accounts.assign(coordinator.id(), site.id(), SiteRole.COORDINATOR);
    fixtures.actAs(coordinator);
    vaults.create(site, PASSPHRASE);
    vaults.unlock(site, PASSPHRASE);
    return site;
  }

  private Participant participantOf(Site site) {
    return participants.register(
        site,
        new NewParticipant(
            "women",
            "woman",
            "30_44",
            "mestizo",
            "Centro",
            new Identity("Eulalia Pacheco Ruvalcaba", null, null)));
  }

  private MockHttpServletResponse send(MockHttpServletRequestBuilder request) throws Exception {
    return mvc.perform(request).andReturn().getResponse();
  }

  @Test
  void otherSpellingsOfTheAdministrationPathsAreRefusedToStaffWhoAreNotAdministrators()
      throws Exception {
    Site a = fixtures.freshSite();
    Person coordinator = fixtures.withRole(a.key(), SiteRole.COORDINATOR);
    MockHttpSession session = fixtures.signIn(mvc, coordinator);
    for (String path :
        List.of(
            "/admin/sit%65s",
            "/%61dmin/sites",
            "/admin/sites/",
            "/admin//sites",
            "/admin/sites;jsessionid=0123456789ABCDEF",
            "/admin/sites/" + a.key() + ";x=y",
            "/admin/sites/%2e%2e/users",
            "/manage/../admin/sites",
            "/manage/%2e%2e/admin/sites",
            "/ADMIN/sites")) {
      MockHttpServletResponse response = send(get(URI.create(path)).session(session));
      assertThat(response.getStatus()).as(path).isNotEqualTo(200).isBetween(300, 499);
      assertThat(response.getContentAsString()).as(path).doesNotContain(a.key() + "\"");
    }
  }

  @Test
  void otherSpellingsReachNothingAnonymouslyOnTheRealServer() throws Exception {
    Person coordinator = fixtures.person("coordinator");
    Site a = siteWithVault(coordinator);
    Participant p = participantOf(a);
    for (String path :
        List.of(
            "/admin/sit%65s",
            "/%61dmin/sites",
            "/admin/sites;jsessionid=0123456789ABCDEF",
            "/manage/sites/" + a.key() + "/vault/%2e%2e/",
            "/manage/sites/" + a.key() + "/vault;jsessionid=0123456789ABCDEF",
            "/manage/sites/" + a.key() + "/v%61ult",
            "/m%61nage/sites/" + a.key() + "/fieldwork/participants/" + p.id() + "/withdraw",
            "/manage/sites/" + a.key() + "/fieldwork/participants/" + p.id() + "/withdraw;x",
            "/manage/sites/" + a.key() + "/fieldwork/participants/" + p.id() + "/withdraw/")) {
      String response = raw(path);
      assertThat(response).as(path).doesNotStartWith("HTTP/1.1 200").doesNotStartWith("HTTP/1.1 5");
      assertThat(response).as(path).doesNotContain("Eulalia").doesNotContain("Pacheco");
    }
  }

  @Test
  void theVaultPathWithDotSegmentsIsRefusedEvenToItsCoordinator() throws Exception {
    Person coordinator = fixtures.person("coordinator");
    Site a = siteWithVault(coordinator);
    MockHttpSession session = fixtures.signIn(mvc, coordinator);
    for (String path :
        List.of(
            "/manage/sites/" + a.key() + "/vault/%2e%2e/",
            "/manage/sites/" + a.key() + "/vault/%2E%2E/%2E%2E/",
            "/manage/sites/" + a.key() + "/vault/..;/")) {
      assertThat(send(get(URI.create(path)).session(session)).getStatus())
          .as(path)
          .isBetween(400, 499);
    }
  }

  @Test
  void anotherSitesIdsUnderASitesKeyAreNotFound() throws Exception {
    Person coordinatorOfA = fixtures.person("coordinator-a");
    Person coordinatorOfB = fixtures.person("coordinator-b");
    Site a = siteWithVault(coordinatorOfA);
    Site b = siteWithVault(coordinatorOfB);
    fixtures.actAs(coordinatorOfB);
    Participant ofB = participantOf(b);
    // A ceremony of site B's coordinator.
    String ceremonyOfB = vaults.beginRecoveryKeyReplacement(b).id();

    fixtures.actAsNobody();
    MockHttpSession session = fixtures.signIn(mvc, coordinatorOfA);
    String base = "/manage/sites/" + a.key() + "/fieldwork/participants/" + ofB.id();
    MockHttpServletResponse review = send(get(base + "/withdraw").session(session));
    assertThat(review.getStatus()).isEqualTo(404);
    assertThat(review.getContentAsString()).doesNotContain("Eulalia");
    assertThat(
            send(post(base + "/withdraw")
                    .session(session)
                    .with(csrf())
                    .param("confirm", ofB.code())
                    .param("reviewed", "x"))
                .getStatus())
        .isEqualTo(404);
    fixtures.actAs(coordinatorOfB);
    assertThat(participants.list(b)).extracting(Participant::id).contains(ofB.id());

    // Site B's ceremony id, under site A (whose coordinator A is) or under B by someone else.
    fixtures.actAs(coordinatorOfA);
    assertThat(vaults.ceremony(a, ceremonyOfB)).isEmpty();
    fixtures.actAs(coordinatorOfB);
    assertThat(vaults.ceremony(b, ceremonyOfB)).isPresent();
  }

  @Test
  void editingASiteThatDoesNotExistIsNotFound() throws Exception {
    MockHttpSession admin = fixtures.signIn(mvc, fixtures.administrator());
    assertThat(send(get("/admin/sites/no-such-site").session(admin)).getStatus()).isEqualTo(404);
    for (String action : List.of("", "/suspend", "/reactivate")) {
      assertThat(
              send(post("/admin/sites/no-such-site" + action)
                      .session(admin)
                      .with(csrf())
                      .param("reason", "Riesgo para el equipo")
                      .param("nameEs", "X")
                      .param("nameEn", "X"))
                  .getStatus())
          .as(action)
          .isEqualTo(404);
    }
  }

  @Test
  void aSessionWhoseCoordinatorRoleWasRevokedReachesNeitherTheVaultNorTheWithdrawalReview()
      throws Exception {
    Person coordinator = fixtures.person("coordinator");
    Site a = siteWithVault(coordinator);
    Participant p = participantOf(a);
    MockHttpSession session = fixtures.signIn(mvc, coordinator);
    String vault = "/manage/sites/" + a.key() + "/vault";
    String withdraw =
        "/manage/sites/" + a.key() + "/fieldwork/participants/" + p.id() + "/withdraw";
    assertThat(send(get(vault).session(session)).getStatus()).isEqualTo(200);
    assertThat(send(get(withdraw).session(session)).getStatus()).isEqualTo(200);

    accounts.revoke(coordinator.id(), a.id());

    for (var request :
        List.of(
            get(vault).session(session),
            get(withdraw).session(session),
            post(vault + "/recovery-key").session(session).with(csrf()),
            post(vault + "/key-pair").session(session).with(csrf()).param("passphrase", PASSPHRASE),
            post(withdraw)
                .session(session)
                .with(csrf())
                .param("confirm", p.code())
                .param("reviewed", "x"))) {
      MockHttpServletResponse response = send(request);
      assertThat(response.getStatus()).isEqualTo(403);
      assertThat(response.getContentAsString()).doesNotContain("Eulalia");
    }

    // Demoted to researcher rather than removed: still no vault ceremony, no withdrawal.
    accounts.assign(coordinator.id(), a.id(), SiteRole.RESEARCHER);
    assertThat(send(get(withdraw).session(session)).getStatus()).isEqualTo(403);
    assertThat(send(post(vault + "/recovery-key").session(session).with(csrf())).getStatus())
        .isEqualTo(403);
  }

  /** Sends the request line as is: HTTP clients would normalise these paths before sending. */
  private String raw(String path) throws Exception {
    try (Socket socket = new Socket("localhost", port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("GET "
                  + path
                  + " HTTP/1.1\r\nHost: localhost\r\nAccept: text/html\r\n"
                  + "Connection: close\r\n\r\n")
              .getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      ByteArrayOutputStream response = new ByteArrayOutputStream();
      socket.getInputStream().transferTo(response);
      return response.toString(StandardCharsets.UTF_8);
    }
  }
}
