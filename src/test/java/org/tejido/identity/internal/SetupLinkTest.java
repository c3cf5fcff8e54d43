package org.tejido.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.tejido.identity.UserAccounts;
import org.tejido.support.TejidoTest;

@TejidoTest
@ExtendWith(OutputCaptureExtension.class)
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

  @Test
  void theLinkGoesToAnOwnerOnlyFileNeverToTheConsoleAndTheFileIsGoneOnceUsed(CapturedOutput output)
      throws Exception {
    jdbc.sql("update app_user set administrator = false where administrator").update();

    token.announce("http://localhost:8080");

    // The console (journald, container logs) says where the link is, never the link itself.
    assertThat(output.getAll())
        .contains("No administrator yet")
        .contains(token.file().toString())
        .contains("users create-admin")
        .doesNotContain("setup?token")
        .doesNotContain("token=");
    assertThat(Files.getPosixFilePermissions(token.file()))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    URI link = URI.create(Files.readString(token.file()).strip());
    assertThat(link.getPath()).isEqualTo("/setup");
    String issued = link.getQuery().substring("token=".length());
    assertThat(output.getAll()).doesNotContain(issued);

    mvc.perform(get("/setup").param("token", issued)).andExpect(status().isOk());
    mvc.perform(
            post("/setup")
                .with(csrf())
                .param("token", issued)
                .param("username", "file-admin")
                .param("displayName", "Desde el archivo")
                .param("password", "a long enough passphrase"))
        .andExpect(redirectedUrl("/login?created"));

    assertThat(token.file()).doesNotExist();
    mvc.perform(get("/setup").param("token", issued)).andExpect(status().isNotFound());
  }

  @Test
  void aStartThatFindsAnAdministratorRemovesALeftoverLinkFile() throws Exception {
    accounts.create("leftover-admin", "Admin", "a long enough passphrase", true);
    org.tejido.shared.PrivateFiles.writeSecret(token.file(), "http://localhost/setup?token=old\n");

    token.announce("http://localhost:8080");

    assertThat(token.file()).doesNotExist();
  }
}
