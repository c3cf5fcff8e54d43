package org.tejido.identity.internal;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.springframework.stereotype.Component;
import org.tejido.identity.UserAccounts;
import org.tejido.shared.TejidoException;
import org.tejido.shared.cli.AdminCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tejido users create-admin} and {@code tejido users list}. */
@Component
@Command(
    name = "users",
    mixinStandardHelpOptions = true,
    description = "Manage staff accounts.",
    subcommands = {UsersCommand.CreateAdmin.class, UsersCommand.ListUsers.class})
class UsersCommand implements AdminCommand {

  private final UserAccounts accounts;

  UsersCommand(UserAccounts accounts) {
    this.accounts = accounts;
  }

  @Command(
      name = "create-admin",
      mixinStandardHelpOptions = true,
      description =
          "Create a platform administrator. The password is asked for on the console, or read"
              + " from standard input with --password-stdin; it is never an argument.")
  static final class CreateAdmin implements Callable<Integer> {
    @picocli.CommandLine.ParentCommand UsersCommand parent;

    @Option(names = "--username", required = true, description = "Sign-in name")
    String username;

    @Option(names = "--display-name", description = "Name shown to colleagues")
    String displayName;

    @Option(names = "--password-stdin", description = "Read the password from standard input")
    boolean passwordStdin;

    @Override
    public Integer call() throws IOException {
      String password = readPassword();
      try {
        parent.accounts.create(
            username, displayName == null ? username : displayName, password, true);
      } catch (TejidoException e) {
        System.err.println("Could not create the administrator: " + e.code());
        return 1;
      }
      System.out.println("Administrator '" + username + "' created. Sign in at /login.");
      return 0;
    }

    private String readPassword() throws IOException {
      Console console = System.console();
      if (!passwordStdin && console != null) {
        char[] first =
            console.readPassword(
                "Password (at least %d characters): ", UserAccounts.MIN_PASSWORD_LENGTH);
        char[] second = console.readPassword("Repeat the password: ");
        if (first == null || second == null || !new String(first).equals(new String(second))) {
          throw new picocli.CommandLine.ParameterException(
              new picocli.CommandLine(this), "The passwords do not match.");
        }
        return new String(first);
      }
      BufferedReader in =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      String line = in.readLine();
      return line == null ? "" : line;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List staff accounts.")
  static final class ListUsers implements Callable<Integer> {
    @picocli.CommandLine.ParentCommand UsersCommand parent;

    @Override
    public Integer call() {
      for (UserAccounts.Account a : parent.accounts.all()) {
        System.out.printf(
            "%-24s %-30s %s%s%n",
            a.username(),
            a.displayName(),
            a.administrator() ? "administrator" : "staff",
            a.enabled() ? "" : " (disabled)");
      }
      return 0;
    }
  }
}
