package org.tejido.shared.cli;

import java.util.List;
import org.springframework.stereotype.Component;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The administrative command line, {@code java -jar tejido.jar <command> ...}. Modules contribute
 * top-level commands by declaring beans that implement {@link AdminCommand}.
 */
@Component
public class CommandLineEntry {

  private final List<AdminCommand> commands;

  CommandLineEntry(List<AdminCommand> commands) {
    this.commands = commands;
  }

  /**
   * True when the first argument is a command word rather than a server option ({@code --demo},
   * {@code --server.port=...}, any other {@code -}-prefixed argument).
   */
  public static boolean isCommand(String[] args) {
    return args.length > 0 && !args[0].startsWith("-");
  }

  /**
   * True for the command that brings its own schema ({@code restore}): the database is not migrated
   * to the latest version before it runs.
   */
  public static boolean migratesItself(String[] args) {
    return args.length > 0 && "restore".equals(args[0]);
  }

  public int execute(String... args) {
    CommandLine root = new CommandLine(new Root());
    for (AdminCommand command : commands) {
      root.addSubcommand(new CommandLine(command));
    }
    return root.execute(args);
  }

  @Command(
      name = "tejido",
      mixinStandardHelpOptions = true,
      description =
          "Tejido administrative commands. Without a command, Tejido serves the web application.")
  static final class Root implements Runnable {
    @Override
    public void run() {
      throw new CommandLine.ParameterException(
          new CommandLine(this), "Name a command, e.g. 'users create-admin'.");
    }
  }
}
