package org.tejido.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.tejido.sites.Site;
import org.tejido.support.Fixtures;
import org.tejido.support.Fixtures.Person;
import org.tejido.support.TejidoTest;

/**
 * An administrator resets a forgotten password: the person's open sessions end, the temporary
 * password is shown once, and at sign-in the person must choose their own before anything else.
 */
@TejidoTest
@TestInstance(Lifecycle.PER_CLASS)
class PasswordResetTest {

  private static final Pattern TEMPORARY = Pattern.compile("<code class=\"secret\">([^<]+)</code>");

  @Autowired MockMvc mvc;
  @Autowired Fixtures fixtures;
  @Autowired JdbcClient jdbc;
  @Autowired UserAccounts accounts;

  private Site site;
  private Person admin;
  private MockHttpSession adminSession;

  @BeforeAll
  void setUp() throws Exception {
    site = fixtures.freshSite();
    admin = fixtures.administrator();
    adminSession = fixtures.signIn(mvc, admin);
  }

  private MockHttpServletResponse reset(Person person, String typed) throws Exception {
    var request =
        post("/admin/users/" + person.id().value() + "/password/reset")
            .session(adminSession)
            .with(csrf())
            .header("Accept-Language", "es");
    if (typed != null) {
      request.param("password", typed);
    }
    return mvc.perform(request).andReturn().getResponse();
  }

  private static String temporaryIn(MockHttpServletResponse response) throws Exception {
    Matcher m = TEMPORARY.matcher(response.getContentAsString(StandardCharsets.UTF_8));
    assertThat(m.find()).as("the temporary password is shown").isTrue();
    return m.group(1);
  }

  private MockHttpSession signIn(Person person, String password) throws Exception {
    return (MockHttpSession)
        mvc.perform(formLogin("/login").user(person.username()).password(password))
            .andReturn()
            .getRequest()
            .getSession(false);
  }

  private MockHttpServletResponse getAs(String path, MockHttpSession session) throws Exception {
    return mvc.perform(
            get(path).session(session).accept("text/html").header("Accept-Language", "es"))
        .andReturn()
        .getResponse();
  }

  @Test
  void theResetEndsTheOpenSessionAndThePersonMustChooseANewPasswordBeforeAnythingElse()
      throws Exception {
    Person person = fixtures.withRole(site.key(), SiteRole.RESEARCHER);
    MockHttpSession open = fixtures.signIn(mvc, person);
    assertThat(getAs("/manage", open).getStatus()).isEqualTo(200);
    long mark = lastSequence();

    MockHttpServletResponse shown = reset(person, null);
    assertThat(shown.getStatus()).isEqualTo(200);
    assertThat(shown.getHeader("Cache-Control")).contains("no-store");
    String temporary = temporaryIn(shown);
    assertThat(temporary).matches("[a-z2-9]{5}(-[a-z2-9]{5}){3}");

    // The open session has ended.
    MockHttpServletResponse stale = getAs("/manage", open);
    assertThat(stale.getStatus()).isEqualTo(302);
    assertThat(stale.getRedirectedUrl()).endsWith("/login");

    // The old password no longer works; the temporary one does, but reaches only the change.
    assertThat(
            mvc.perform(formLogin("/login").user(person.username()).password(Fixtures.PASSWORD))
                .andReturn()
                .getResponse()
                .getRedirectedUrl())
        .contains("/login?error");
    MockHttpSession session = signIn(person, temporary);
    for (String page :
        List.of(
            "/manage", "/manage/sites/" + site.key() + "/fieldwork", "/account/second-factor")) {
      MockHttpServletResponse r = getAs(page, session);
      assertThat(r.getStatus()).as(page).isEqualTo(302);
      assertThat(r.getRedirectedUrl()).as(page).isEqualTo("/account/password");
    }
    String form = getAs("/account/password", session).getContentAsString(StandardCharsets.UTF_8);
    assertThat(form)
        .contains("La administración restableció tu contraseña", "Cerrar sesión sin cambiarla")
        .doesNotContain(">Iniciar sesión<");

    // Keeping the temporary password is refused.
    MockHttpServletResponse same =
        mvc.perform(
                post("/account/password")
                    .session(session)
                    .with(csrf())
                    .header("Accept-Language", "es")
                    .param("current", temporary)
                    .param("password", temporary)
                    .param("confirmation", temporary))
            .andReturn()
            .getResponse();
    assertThat(same.getStatus()).isEqualTo(422);
    assertThat(same.getContentAsString(StandardCharsets.UTF_8))
        .contains("debe ser distinta de la actual");

    String own = "una contraseña propia y larga";
    MockHttpServletResponse changed =
        mvc.perform(
                post("/account/password")
                    .session(session)
                    .with(csrf())
                    .param("current", temporary)
                    .param("password", own)
                    .param("confirmation", own))
            .andReturn()
            .getResponse();
    assertThat(changed.getRedirectedUrl()).isEqualTo("/manage");
    assertThat(getAs("/manage", session).getStatus()).isEqualTo(200);
    assertThat(accounts.passwordChangeRequired(person.id())).isFalse();

    assertThat(actionsAfter(mark))
        .containsSubsequence(
            "staff.password.reset by " + admin.id().value() + " on user:" + person.id().value(),
            "staff.password.changed by " + person.id().value() + " on user:" + person.id().value());
  }

  @Test
  void aCoordinatorPassesTheSecondFactorFirstThenChangesThePassword() throws Exception {
    Person person = fixtures.withRole(site.key(), SiteRole.COORDINATOR);
    String code = fixtures.secondFactorCode(person); // enrols them
    String temporary = temporaryIn(reset(person, "una temporal escrita por la administración"));
    assertThat(temporary).isEqualTo("una temporal escrita por la administración");
    MockHttpSession session = signIn(person, temporary);
    assertThat(getAs("/manage", session).getRedirectedUrl()).isEqualTo("/account/second-factor");
    assertThat(getAs("/account/password", session).getRedirectedUrl())
        .isEqualTo("/account/second-factor");
    mvc.perform(post("/account/second-factor").session(session).with(csrf()).param("code", code));
    assertThat(getAs("/manage", session).getRedirectedUrl()).isEqualTo("/account/password");
    assertThat(getAs("/account/password", session).getStatus()).isEqualTo(200);
  }

  @Test
  void aTypedTemporaryPasswordFollowsThePasswordRules() throws Exception {
    Person person = fixtures.person("shortreset");
    long mark = lastSequence();
    MockHttpServletResponse refused = reset(person, "corta");
    assertThat(refused.getStatus()).isEqualTo(422);
    assertThat(refused.getContentAsString(StandardCharsets.UTF_8))
        .contains("La contraseña debe tener entre 12 y 128 caracteres");
    assertThat(accounts.passwordChangeRequired(person.id())).isFalse();
    assertThat(actionsAfter(mark)).isEmpty();
  }

  @Test
  void onlyTheAdministratorMayResetAPassword() throws Exception {
    Person person = fixtures.person("victim");
    Person other = fixtures.withRole(site.key(), SiteRole.COORDINATOR);
    MockHttpSession coordinator = fixtures.signIn(mvc, other);
    MockHttpServletResponse refused =
        mvc.perform(
                post("/admin/users/" + person.id().value() + "/password/reset")
                    .session(coordinator)
                    .with(csrf()))
            .andReturn()
            .getResponse();
    assertThat(refused.getStatus()).isEqualTo(403);
    assertThat(accounts.passwordChangeRequired(person.id())).isFalse();
  }

  @Test
  void theRolePickerPreselectsNoRoleAndTheListShowsRolesBySiteName() throws Exception {
    Person person = fixtures.withRole(site.key(), SiteRole.RESEARCHER);
    String page =
        getAs("/admin/users/" + person.id().value(), adminSession)
            .getContentAsString(StandardCharsets.UTF_8);
    String picker = page.substring(page.indexOf("<select id=\"role\""));
    picker = picker.substring(0, picker.indexOf("</select>"));
    assertThat(picker)
        .contains("required")
        .contains("<option value=\"\" selected disabled>Elige un rol");
    assertThat(picker.split("selected").length - 1)
        .as("one preselected option, the prompt")
        .isOne();
    assertThat(page).contains("<strong>" + site.municipality() + "</strong>");

    String list = getAs("/admin/users", adminSession).getContentAsString(StandardCharsets.UTF_8);
    assertThat(list)
        .contains("Roles en los sitios", site.municipality() + "</span>: <span>Investigación");
    // A role with no choice made is refused, not defaulted.
    assertThat(
            mvc.perform(
                    post("/admin/users/" + person.id().value() + "/memberships")
                        .session(adminSession)
                        .with(csrf())
                        .param("site", site.key())
                        .param("role", ""))
                .andReturn()
                .getResponse()
                .getStatus())
        .isEqualTo(400);
  }

  private long lastSequence() {
    return jdbc.sql("select coalesce(max(sequence), 0) from audit_entry")
        .query(Long.class)
        .single();
  }

  private List<String> actionsAfter(long mark) {
    return jdbc.sql(
            "select action || ' by ' || coalesce(actor_id::text, '-') || ' on ' || subject"
                + " from audit_entry where sequence > ? and action like 'staff.password.%'"
                + " order by sequence")
        .param(mark)
        .query(String.class)
        .list();
  }
}
