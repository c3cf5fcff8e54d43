package org.tejido.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.tejido.identity.SiteRole;
import org.tejido.sites.Site;
import org.tejido.support.Fixtures;
import org.tejido.support.Fixtures.Person;
import org.tejido.support.LogicalDump;
import org.tejido.support.TejidoTest;

/**
 * The key ceremony in the browser's terms: the recovery key is shown (never cached), two of its
 * groups are asked back by position, a wrong answer says so and creates nothing, the right one
 * creates the vault; and the key never reaches a log or the database.
 */
@TejidoTest
@ExtendWith(OutputCaptureExtension.class)
class VaultCeremonyPagesTest {

  private static final String PASSPHRASE = "la frase larga de la coordinadora";
  private static final Pattern GROUP = Pattern.compile("<code>([0-9A-Z]{4})</code>");

  @Autowired MockMvc mvc;
  @Autowired Fixtures fixtures;
  @Autowired Vaults vaults;
  @Autowired DataSource dataSource;

  private final LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());

  @AfterEach
  void quietAgain() {
    logging.setLogLevel("org.tejido", LogLevel.INFO);
    logging.setLogLevel("org.springframework.web", null);
    logging.setLogLevel("org.springframework.jdbc", null);
    logging.setLogLevel("org.springframework.security", null);
    fixtures.actAsNobody();
  }

  @Test
  void theVaultIsCreatedOnlyWhenTheAskedGroupsAreTypedBackAndTheKeyIsNeverLoggedOrStored(
      CapturedOutput output) throws Exception {
    // Everything that could print a request, a parameter or a statement, as loud as it gets.
    logging.setLogLevel("org.tejido", LogLevel.TRACE);
    logging.setLogLevel("org.springframework.web", LogLevel.TRACE);
    logging.setLogLevel("org.springframework.jdbc", LogLevel.TRACE);
    logging.setLogLevel("org.springframework.security", LogLevel.DEBUG);
    Site site = fixtures.freshSite();
    Person coordinator = fixtures.withRole(site.key(), SiteRole.COORDINATOR);
    MockHttpSession session = fixtures.signIn(mvc, coordinator);
    String vault = "/manage/sites/" + site.key() + "/vault";

    MockHttpServletResponse started =
        send(
            post(vault)
                .param("passphrase", PASSPHRASE)
                .param("confirmation", PASSPHRASE)
                .session(session));
    assertThat(started.getRedirectedUrl()).isEqualTo(vault + "/recovery-key");
    assertThat(vaults.exists(site.id())).isFalse();

    MockHttpServletResponse shown = send(get(vault + "/recovery-key").session(session));
    assertThat(shown.getStatus()).isEqualTo(200);
    assertThat(shown.getHeader("Cache-Control")).isEqualTo("no-store");
    List<String> groups = groups(shown.getContentAsString());
    assertThat(groups).hasSize(13);
    String key = String.join("-", groups);
    assertThat(shown.getContentAsString()).contains("La bóveda todavía no existe");

    MockHttpServletResponse asked = send(get(vault + "/recovery-key/confirm").session(session));
    assertThat(asked.getHeader("Cache-Control")).isEqualTo("no-store");
    String form = asked.getContentAsString();
    assertThat(form).doesNotContain(groups.get(0) + "-" + groups.get(1)).doesNotContain(key);
    List<Integer> positions = positions(form, "Grupo");
    assertThat(positions).hasSize(2);

    // Wrong: said in Spanish, then in English; nothing created; the same ceremony goes on.
    String first = groups.get(positions.get(0) - 1);
    String wrong = groups.get(positions.get(1) % 13);
    MockHttpServletResponse refused =
        send(
            post(vault + "/recovery-key/confirm")
                .param("first", first)
                .param("second", wrong.equals(groups.get(positions.get(1) - 1)) ? "ZZZZ" : wrong)
                .session(session));
    assertThat(refused.getStatus()).isEqualTo(422);
    assertThat(refused.getContentAsString()).contains("Eso no es lo que dice la clave");
    MockHttpServletResponse refusedEn =
        send(
            post(vault + "/recovery-key/confirm")
                .param("lang", "en")
                .param("first", "0000")
                .param("second", "0000")
                .session(session));
    assertThat(refusedEn.getStatus()).isEqualTo(422);
    assertThat(refusedEn.getContentAsString()).contains("That is not what the key says");
    assertThat(vaults.exists(site.id())).isFalse();

    MockHttpServletResponse confirmed =
        send(
            post(vault + "/recovery-key/confirm")
                .param("lang", "es")
                .param("first", first.toLowerCase(Locale.ROOT))
                .param("second", groups.get(positions.get(1) - 1))
                .session(session));
    assertThat(confirmed.getRedirectedUrl()).isEqualTo(vault);
    assertThat(vaults.exists(site.id())).isTrue();
    String page = send(get(vault).session(session)).getContentAsString();
    assertThat(page)
        .contains("La bóveda está creada y abierta")
        .contains("Test coordinator (coordinación)")
        .contains("La clave de recuperación");
    // The ceremony is over: the key is not shown again.
    assertThat(send(get(vault + "/recovery-key").session(session)).getRedirectedUrl())
        .isEqualTo(vault);

    String compact = key.replace("-", "");
    assertThat(output.getAll()).as("the log").doesNotContain(key).doesNotContain(compact);
    assertThat(output.getAll()).as("the log shows requests at all").contains(site.key());
    LogicalDump dump = LogicalDump.of(dataSource);
    assertThat(dump.findAll(List.of(key, compact, PASSPHRASE))).isEmpty();
  }

  @Test
  void startingOverForgetsTheKeyAndCreatesNothing() throws Exception {
    Site site = fixtures.freshSite();
    MockHttpSession session =
        fixtures.signIn(mvc, fixtures.withRole(site.key(), SiteRole.COORDINATOR));
    String vault = "/manage/sites/" + site.key() + "/vault";
    send(
        post(vault)
            .param("passphrase", PASSPHRASE)
            .param("confirmation", PASSPHRASE)
            .session(session));

    MockHttpServletResponse cancelled = send(post(vault + "/recovery-key/cancel").session(session));

    assertThat(cancelled.getRedirectedUrl()).isEqualTo(vault);
    assertThat(send(get(vault + "/recovery-key").session(session)).getRedirectedUrl())
        .isEqualTo(vault);
    assertThat(vaults.exists(site.id())).isFalse();
  }

  @Test
  void anotherSessionOfTheSameCoordinatorCannotFinishTheCeremony() throws Exception {
    Site site = fixtures.freshSite();
    Person coordinator = fixtures.withRole(site.key(), SiteRole.COORDINATOR);
    MockHttpSession session = fixtures.signIn(mvc, coordinator);
    MockHttpSession other = fixtures.signIn(mvc, coordinator);
    String vault = "/manage/sites/" + site.key() + "/vault";
    send(
        post(vault)
            .param("passphrase", PASSPHRASE)
            .param("confirmation", PASSPHRASE)
            .session(session));

    assertThat(send(get(vault + "/recovery-key").session(other)).getRedirectedUrl())
        .isEqualTo(vault);
    assertThat(send(get(vault + "/recovery-key").session(session)).getStatus()).isEqualTo(200);
  }

  private MockHttpServletResponse send(
      org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request)
      throws Exception {
    if (request
        .buildRequest(new org.springframework.mock.web.MockServletContext())
        .getMethod()
        .equals("POST")) {
      request.with(csrf());
    }
    return mvc.perform(request.accept("text/html")).andReturn().getResponse();
  }

  private static List<String> groups(String html) {
    List<String> found = new ArrayList<>();
    Matcher m = GROUP.matcher(html);
    while (m.find()) {
      found.add(m.group(1));
    }
    return found;
  }

  private static List<Integer> positions(String html, String word) {
    List<Integer> found = new ArrayList<>();
    Matcher m = Pattern.compile(word + " (\\d+)</label>").matcher(html);
    while (m.find()) {
      found.add(Integer.parseInt(m.group(1)));
    }
    return found;
  }
}
