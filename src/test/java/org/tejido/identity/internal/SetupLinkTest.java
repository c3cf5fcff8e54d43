package org.tejido.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.tejido.identity.UserAccounts;
import org.tejido.support.TejidoTest;

@TejidoTest
class SetupLinkTest {

  @Autowired MockMvc mvc;
  @Autowired SetupToken token;
  @Autowired UserAccounts accounts;
  @Autowired JdbcClient jdbc;

  @Test
  void theOneTimeLinkCreatesTheFirstAdministratorAndThenStopsWorking() throws Exception {
    // Start from an installation without administrators (other tests may have made some).
    jdbc.sql("update app_user set administrator = false where administrator").update();
    String issued = token.issue();

    mvc.perform(get("/setup").param("token", "wrong")).andExpect(status().isNotFound());
    mvc.perform(get("/setup").param("token", issued)).andExpect(status().isOk());
    mvc.perform(
            post("/setup")
                .with(csrf())
                .param("token", issued)
                .param("username", "first-admin")
                .param("displayName", "Primera")
                .param("password", "short"))
        .andExpect(status().isUnprocessableContent());
    mvc.perform(
            post("/setup")
                .with(csrf())
                .param("token", issued)
                .param("username", "first-admin")
                .param("displayName", "Primera")
                .param("password", "a long enough passphrase"))
        .andExpect(redirectedUrl("/login?created"));

    assertThat(accounts.administratorExists()).isTrue();
    mvc.perform(get("/setup").param("token", issued)).andExpect(status().isNotFound());
  }
}
