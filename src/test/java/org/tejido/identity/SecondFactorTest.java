package org.tejido.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.tejido.sites.Site;
import org.tejido.support.Fixtures;
import org.tejido.support.LogicalDump;
import org.tejido.support.TejidoTest;

/** Administrators and coordinators pass a TOTP second factor before they reach anything. */
@TejidoTest
class SecondFactorTest {

  @Autowired MockMvc mvc;
  @Autowired Fixtures fixtures;
  @Autowired SecondFactors secondFactors;
  @Autowired UserAccounts accounts;
  @Autowired JdbcClient jdbc;
  @Autowired DataSource dataSource;

  @Test
  void aCoordinatorWithoutASecondFactorReachesNothingUnderManageUntilEnrolling() throws Exception {
    Site site = fixtures.freshSite();
    var coordinator = fixtures.withRole(site.key(), SiteRole.COORDINATOR);
    MockHttpSession session = fixtures.signInWithPasswordOnly(mvc, coordinator);

    for (String path :
        List.of("/manage", "/manage/sites/" + site.key() + "/agenda", "/account/password")) {
      mvc.perform(get(path).accept("text/html").session(session))
          .andExpect(redirectedUrl("/account/second-factor"));
    }
    mvc.perform(post("/manage/sites/" + site.key() + "/agenda/draft").session(session).with(csrf()))
        .andExpect(redirectedUrl("/account/second-factor"));

    String page =
        mvc.perform(get("/account/second-factor").accept("text/html").session(session))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString();
    assertThat(page).contains("src=\"data:image/svg+xml;base64,").contains("class=\"secret\"");

    byte[] secret =
        secondFactors.pendingEnrolment(coordinator.id(), coordinator.username()).secret();
    String codes =
        mvc.perform(
                post("/account/second-factor/enrol")
                    .session(session)
                    .with(csrf())
                    .param("code", secondFactors.codeAt(secret, Instant.now())))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString();
    assertThat(codes.split("<li><code>", -1)).hasSize(SecondFactors.RECOVERY_CODES + 1);
    mvc.perform(get("/manage").accept("text/html").session(session)).andExpect(status().isOk());
  }

  @Test
  void aWrongCodeAtEnrolmentIsRefusedAndTheSameSecretIsShownAgain() throws Exception {
    var admin = fixtures.administrator();
    MockHttpSession session = fixtures.signInWithPasswordOnly(mvc, admin);
    byte[] secret = secondFactors.pendingEnrolment(admin.id(), admin.username()).secret();
    mvc.perform(
            post("/account/second-factor/enrol")
                .session(session)
                .with(csrf())
                .param("code", "000000".equals(code(secret)) ? "111111" : "000000"))
        .andExpect(status().is(422));
    assertThat(secondFactors.pendingEnrolment(admin.id(), admin.username()).secret())
        .isEqualTo(secret);
    mvc.perform(get("/admin/users").accept("text/html").session(session))
        .andExpect(redirectedUrl("/account/second-factor"));
  }

  @Test
  void aPersonWhoBecomesCoordinatorWhileSignedInMustEnrolBeforeContinuing() throws Exception {
    Site site = fixtures.freshSite();
    var person = fixtures.person("promoted");
    MockHttpSession session = fixtures.signIn(mvc, person);
    mvc.perform(get("/manage").accept("text/html").session(session)).andExpect(status().isOk());

    accounts.assign(person.id(), site.id(), SiteRole.COORDINATOR);

    mvc.perform(get("/manage").accept("text/html").session(session))
        .andExpect(redirectedUrl("/account/second-factor"));
  }

  @Test
  void aRecoveryCodeWorksOnce() throws Exception {
    var admin = fixtures.administrator();
    List<String> codes = enrol(admin);

    MockHttpSession first = fixtures.signInWithPasswordOnly(mvc, admin);
    mvc.perform(
            post("/account/second-factor").session(first).with(csrf()).param("code", codes.get(0)))
        .andExpect(redirectedUrl("/manage"));
    mvc.perform(get("/admin/users").accept("text/html").session(first)).andExpect(status().isOk());

    MockHttpSession second = fixtures.signInWithPasswordOnly(mvc, admin);
    mvc.perform(
            post("/account/second-factor").session(second).with(csrf()).param("code", codes.get(0)))
        .andExpect(status().is(422));
    mvc.perform(get("/admin/users").accept("text/html").session(second))
        .andExpect(redirectedUrl("/account/second-factor"));
    // Another code still works, typed as people do.
    mvc.perform(
            post("/account/second-factor")
                .session(second)
                .with(csrf())
                .param("code", " " + codes.get(1).toUpperCase() + " "))
        .andExpect(redirectedUrl("/manage"));
  }

  @Test
  void aTotpCodeCannotBeReplayed() throws Exception {
    var admin = fixtures.administrator();
    byte[] secret = secondFactors.pendingEnrolment(admin.id(), admin.username()).secret();
    secondFactors.confirm(admin.id(), code(secret));
    // The next step's code, which the authenticator shows within 30 seconds.
    String code = secondFactors.codeAt(secret, Instant.now().plus(SecondFactors.STEP));

    MockHttpSession first = fixtures.signInWithPasswordOnly(mvc, admin);
    mvc.perform(post("/account/second-factor").session(first).with(csrf()).param("code", code))
        .andExpect(redirectedUrl("/manage"));

    MockHttpSession second = fixtures.signInWithPasswordOnly(mvc, admin);
    mvc.perform(post("/account/second-factor").session(second).with(csrf()).param("code", code))
        .andExpect(status().is(422));
    mvc.perform(get("/admin/users").accept("text/html").session(second))
        .andExpect(redirectedUrl("/account/second-factor"));
  }

  @Test
  void wrongCodesAreThrottledLikePasswords() throws Exception {
    var admin = fixtures.administrator();
    byte[] secret = secondFactors.pendingEnrolment(admin.id(), admin.username()).secret();
    secondFactors.confirm(admin.id(), code(secret));
    MockHttpSession session = fixtures.signInWithPasswordOnly(mvc, admin);
    String right = secondFactors.codeAt(secret, Instant.now().plus(SecondFactors.STEP));
    String wrong = right.equals("123456") ? "654321" : "123456";
    for (int i = 0; i < 5; i++) {
      mvc.perform(post("/account/second-factor").session(session).with(csrf()).param("code", wrong))
          .andExpect(status().is(422));
    }
    mvc.perform(
            post("/account/second-factor")
                .session(session)
                .with(csrf())
                .param("code", right)
                .header("Accept-Language", "en"))
        .andExpect(status().is(422))
        .andExpect(content().string(org.hamcrest.Matchers.containsString("Too many wrong codes")));
    mvc.perform(get("/admin/users").accept("text/html").session(session))
        .andExpect(redirectedUrl("/account/second-factor"));
  }

  @Test
  void theSecretIsStoredEncryptedAndRecoveryCodesOnlyAsHashes() {
    var admin = fixtures.administrator();
    byte[] secret = secondFactors.pendingEnrolment(admin.id(), admin.username()).secret();
    List<String> codes = secondFactors.confirm(admin.id(), code(secret));
    byte[] stored =
        jdbc.sql("select sealed_secret from staff_second_factor where user_id = ?")
            .param(admin.id().value())
            .query(byte[].class)
            .single();
    assertThat(new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1))
        .doesNotContain(new String(secret, java.nio.charset.StandardCharsets.ISO_8859_1));
    List<String> hashes =
        jdbc.sql("select code_hash from staff_recovery_code where user_id = ?")
            .param(admin.id().value())
            .query(String.class)
            .list();
    assertThat(hashes)
        .hasSize(SecondFactors.RECOVERY_CODES)
        .allMatch(h -> h.startsWith("$argon2id$"));
    assertThat(String.join(" ", hashes)).doesNotContain(codes.get(0).replace("-", ""));
  }

  @Test
  void anAdministratorResetsAPersonsSecondFactorAndTheirSessionsEnd() throws Exception {
    var admin = fixtures.administrator();
    var other = fixtures.administrator();
    MockHttpSession otherSession = fixtures.signIn(mvc, other);
    MockHttpSession adminSession = fixtures.signIn(mvc, admin);

    mvc.perform(
            post("/admin/users/" + other.id() + "/second-factor/reset")
                .session(adminSession)
                .with(csrf()))
        .andExpect(redirectedUrl("/admin/users/" + other.id()));

    assertThat(secondFactors.enrolled(other.id())).isFalse();
    mvc.perform(get("/admin/users").accept("text/html").session(otherSession))
        .andExpect(redirectedUrl("/login"));
  }

  private List<String> enrol(Fixtures.Person person) {
    byte[] secret = secondFactors.pendingEnrolment(person.id(), person.username()).secret();
    return secondFactors.confirm(person.id(), code(secret));
  }

  @Test
  @ExtendWith(OutputCaptureExtension.class)
  void neitherTheSecretNorTheRecoveryCodesAreInTheLogsOrADump(CapturedOutput output)
      throws Exception {
    var admin = fixtures.administrator();
    MockHttpSession session = fixtures.signInWithPasswordOnly(mvc, admin);
    mvc.perform(get("/account/second-factor").session(session)).andExpect(status().isOk());
    var enrolment = secondFactors.pendingEnrolment(admin.id(), admin.username());
    List<String> codes = secondFactors.confirm(admin.id(), code(enrolment.secret()));
    // One recovery code spent, through the page.
    MockHttpSession second = fixtures.signInWithPasswordOnly(mvc, admin);
    mvc.perform(
            post("/account/second-factor").session(second).with(csrf()).param("code", codes.get(0)))
        .andExpect(redirectedUrl("/manage"));

    List<String> secrets = new ArrayList<>(codes);
    secrets.add(enrolment.secretText());
    secrets.add(enrolment.secretText().toUpperCase(Locale.ROOT));
    secrets.add(HexFormat.of().formatHex(enrolment.secret()));
    assertThat(LogicalDump.of(dataSource).findAll(secrets)).isEmpty();
    for (String secret : secrets) {
      assertThat(output.getAll()).doesNotContain(secret);
    }
  }

  private String code(byte[] secret) {
    return secondFactors.codeAt(secret, Instant.now());
  }
}
