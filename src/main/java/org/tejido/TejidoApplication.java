package org.tejido;

import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;
import org.tejido.analysis.agreement.AgreementCommand;
import org.tejido.deidentification.DeidentifyCommand;
import org.tejido.shared.cli.CommandLineEntry;

/**
 * Tejido's entry point. Without arguments (or with Spring options such as {@code --server.port=})
 * it serves the web application; {@code --demo} adds the fictional demo site; with a command word
 * ({@code users create-admin ...}) it runs that administrative command against the same database
 * and exits.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class TejidoApplication {

  /** The option that adds the fictional demo site, as a person types it. */
  static final String DEMO_OPTION = "--demo";

  public static void main(String[] args) {
    if (CommandLineEntry.isCommand(args)) {
      System.exit(command(args));
    }
    SpringApplication.run(TejidoApplication.class, serverArguments(args));
  }

  /**
   * The server's arguments as Spring reads them: {@code --demo} becomes {@code
   * --tejido.demo.enabled=true} (the same as {@code TEJIDO_DEMO=true}).
   */
  static String[] serverArguments(String[] args) {
    return Arrays.stream(args)
        .map(arg -> arg.equals(DEMO_OPTION) ? "--tejido.demo.enabled=true" : arg)
        .toArray(String[]::new);
  }

  /**
   * Runs an administrative command in a context without a web server, against the configured
   * database, and returns its exit code; {@code deidentify} and {@code agreement} need neither and
   * run without the application context.
   */
  static int command(String[] args) {
    if (args.length > 0 && DeidentifyCommand.NAME.equals(args[0])) {
      // Works on files alone: no database, no vault, no web server to start.
      return DeidentifyCommand.run(Arrays.copyOfRange(args, 1, args.length));
    }
    if (args.length > 0 && AgreementCommand.NAME.equals(args[0])) {
      // Works on a CSV file alone, like deidentify.
      return AgreementCommand.run(Arrays.copyOfRange(args, 1, args.length));
    }
    ConfigurableApplicationContext context =
        commandApplication(args)
            // As command-line properties, so that TEJIDO_DEMO or TEJIDO_REFERENCE_DATA cannot
            // override them: commands act on the database as it is (a restore needs it empty).
            .run("--tejido.demo.enabled=false", "--tejido.reference-data.enabled=false");
    int exit = context.getBean(CommandLineEntry.class).execute(args);
    return SpringApplication.exit(context, () -> exit);
  }

  /**
   * The application an administrative command runs in: no web server, and no more than it needs.
   */
  static SpringApplicationBuilder commandApplication(String[] args) {
    // The indicators commands need only the database and their module: a lighter start.
    Class<?> application =
        args.length > 0 && IndicatorsCommandContext.NAME.equals(args[0])
            ? IndicatorsCommandContext.class
            : TejidoApplication.class;
    return new SpringApplicationBuilder(application)
        .web(WebApplicationType.NONE)
        .properties(
            "spring.main.banner-mode=off",
            // A restore migrates a blank database itself, and only up to its backup's version.
            "spring.flyway.enabled=" + !CommandLineEntry.migratesItself(args))
        .logStartupInfo(false);
  }
}
