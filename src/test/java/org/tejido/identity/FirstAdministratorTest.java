package org.tejido.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.tejido.shared.cli.CommandLineEntry;
import org.tejido.support.TejidoTest;

/** The first administrator comes from the command line (or the one-time setup link). */
@TejidoTest
class FirstAdministratorTest {

  @Autowired CommandLineEntry cli;
  @Autowired UserAccounts accounts;

  private int run(String stdin, String... args) {
    InputStream original = System.in;
    try {
      System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
      return cli.execute(args);
    } finally {
      System.setIn(original);
    }
  }

  @Test
  void createAdminReadsThePasswordFromStandardInput() {
    int exit =
        run(
            "a long enough passphrase\n",
            "users",
            "create-admin",
            "--username",
            "cli-admin",
            "--display-name",
            "Ana",
            "--password-stdin");
    assertThat(exit).isZero();
    assertThat(accounts.all())
        .anySatisfy(
            a -> {
              assertThat(a.username()).isEqualTo("cli-admin");
              assertThat(a.administrator()).isTrue();
            });
  }

  @Test
  void aShortPasswordIsRefusedAndNoAccountIsCreated() {
    int exit =
        run("short\n", "users", "create-admin", "--username", "cli-short", "--password-stdin");
    assertThat(exit).isNotZero();
    assertThat(accounts.usernameTaken("cli-short")).isFalse();
  }

  @Test
  void anUnknownCommandFailsWithUsage() {
    assertThat(run("", "frobnicate")).isNotZero();
  }
}
