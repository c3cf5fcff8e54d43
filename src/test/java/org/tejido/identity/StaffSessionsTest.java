package org.tejido.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.tejido.support.Fixtures;
import org.tejido.support.TejidoTest;

/** Open sessions answer to the account as it is now, not as it was at sign-in. */
@TejidoTest
class StaffSessionsTest {

  @Autowired MockMvc mvc;
  @Autowired Fixtures fixtures;
  @Autowired UserAccounts accounts;
  @Autowired JdbcClient jdbc;

  @Test
  void aDisabledAdministratorsOpenSessionLosesAdministrationAtOnceAndCannotReEnableItself()
      throws Exception {
    var admin = fixtures.administrator();
    MockHttpSession session = fixtures.signIn(mvc, admin);
    mvc.perform(get("/admin/users").accept("text/html").session(session))
        .andExpect(status().isOk());

    accounts.setEnabled(admin.id(), false);

    mvc.perform(get("/admin/users").accept("text/html").session(session))
        .andExpect(redirectedUrl("/login"));
    mvc.perform(
            post("/admin/users/" + admin.id() + "/enabled")
                .accept("text/html")
                .session(session)
                .with(csrf())
                .param("enabled", "true"))
        .andExpect(redirectedUrl("/login"));
    assertThat(accounts.find(admin.id()).enabled()).isFalse();
  }

  @Test
  void aDemotedAdministratorGetsForbiddenOnAdministrationAtOnce() throws Exception {
    var admin = fixtures.administrator();
    MockHttpSession session = fixtures.signIn(mvc, admin);
    mvc.perform(get("/admin/users").accept("text/html").session(session))
        .andExpect(status().isOk());

    jdbc.sql("update app_user set administrator = false where id = ?")
        .param(admin.id().value())
        .update();

    mvc.perform(get("/admin/users").accept("text/html").session(session))
        .andExpect(status().isForbidden());
  }

  @Test
  void aDisabledAccountsOpenSessionCannotChangeItsPasswordNorReachManage() throws Exception {
    var person = fixtures.person("disabled-session");
    MockHttpSession session = fixtures.signIn(mvc, person);
    mvc.perform(get("/manage").accept("text/html").session(session)).andExpect(status().isOk());

    fixtures.disable(person);

    mvc.perform(get("/manage").accept("text/html").session(session))
        .andExpect(redirectedUrl("/login"));
    String before = passwordHash(person);
    mvc.perform(
            post("/account/password")
                .accept("text/html")
                .session(session)
                .with(csrf())
                .param("current", Fixtures.PASSWORD)
                .param("password", "a brand new long passphrase")
                .param("confirmation", "a brand new long passphrase"))
        .andExpect(redirectedUrl("/login"));
    assertThat(passwordHash(person)).isEqualTo(before);
  }

  @Test
  void changingThePasswordEndsTheAccountsOtherSessionsButNotTheOneThatChangedIt() throws Exception {
    var person = fixtures.person("two-sessions");
    MockHttpSession phone = fixtures.signIn(mvc, person);
    MockHttpSession laptop = fixtures.signIn(mvc, person);

    mvc.perform(
            post("/account/password")
                .session(laptop)
                .with(csrf())
                .param("current", Fixtures.PASSWORD)
                .param("password", "a brand new long passphrase")
                .param("confirmation", "a brand new long passphrase"))
        .andExpect(redirectedUrl("/manage"));

    mvc.perform(get("/manage").accept("text/html").session(laptop)).andExpect(status().isOk());
    mvc.perform(get("/manage").accept("text/html").session(phone))
        .andExpect(redirectedUrl("/login"));
  }

  @Test
  void aSessionOlderThanTheAbsoluteLifetimeIsRefusedHoweverActive() throws Exception {
    var person = fixtures.person("old-session");
    MockHttpSession session = fixtures.signIn(mvc, person);
    mvc.perform(get("/manage").accept("text/html").session(session)).andExpect(status().isOk());

    session.setAttribute(
        "tejido.staff.signed-in-at", Instant.now().minus(Duration.ofHours(8).plusMinutes(1)));

    mvc.perform(get("/manage").accept("text/html").session(session))
        .andExpect(redirectedUrl("/login"));
  }

  private String passwordHash(Fixtures.Person person) {
    return jdbc.sql("select password_hash from app_user where id = ?")
        .param(person.id().value())
        .query(String.class)
        .single();
  }
}
