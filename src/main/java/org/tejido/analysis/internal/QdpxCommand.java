package org.tejido.analysis.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.tejido.analysis.QdpxExchange;
import org.tejido.analysis.qdpx.Limits;
import org.tejido.shared.TejidoException;
import org.tejido.shared.cli.AdminCommand;
import org.tejido.sites.Site;
import org.tejido.sites.Sites;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code tejido qdpx import --site KEY [--dry-run] FILE.qdpx} and {@code tejido qdpx export --site
 * KEY FILE.qdpx}. Errors are one line on standard error and exit code 2.
 */
@Component
@Command(
    name = "qdpx",
    mixinStandardHelpOptions = true,
    description = "Exchange a site's analysis with other programs as REFI-QDA projects (.qdpx).",
    subcommands = {QdpxCommand.Import.class, QdpxCommand.Export.class})
class QdpxCommand implements AdminCommand {

  static final int FAILED = 2;

  private final QdpxExchange exchange;
  private final Sites sites;
  private final MessageSource messages;

  QdpxCommand(QdpxExchange exchange, Sites sites, MessageSource messages) {
    this.exchange = exchange;
    this.sites = sites;
    this.messages = messages;
  }

  private Site site(String key) {
    return sites.find(key).orElseThrow(() -> new Refused("unknown site: " + key));
  }

  private int fail(Exception e) {
    String line;
    if (e instanceof Refused) {
      line = e.getMessage();
    } else if (e instanceof TejidoException t) {
      line =
          "refused, nothing stored: "
              + messages.getMessage(t.messageKey(), t.args(), t.code(), Locale.ENGLISH);
    } else if (e instanceof IOException) {
      line = "cannot read or write the file: " + e.getMessage();
    } else {
      line = "refused, nothing stored: " + e.getMessage();
    }
    System.err.println(line.replace('\n', ' '));
    return FAILED;
  }

  /** A refusal whose message is the line to print. */
  static final class Refused extends RuntimeException {
    Refused(String message) {
      super(message);
    }
  }

  @Command(
      name = "import",
      mixinStandardHelpOptions = true,
      description =
          "Import a REFI-QDA project into a site, all or nothing: codebook (under a folder named"
              + " after the import's date and time), coders, text sources (to be de-identified), codings, notes.")
  static final class Import implements Callable<Integer> {
    @ParentCommand QdpxCommand parent;

    @Option(names = "--site", required = true, paramLabel = "KEY", description = "The site's key.")
    String site;

    @Option(names = "--dry-run", description = "Read and check everything; store nothing.")
    boolean dryRun;

    @Parameters(paramLabel = "FILE.qdpx", description = "The project to import.")
    Path file;

    @Override
    public Integer call() {
      try {
        Site target = parent.site(site);
        if (Files.size(file) > Limits.defaults().maxTotalBytes()) {
          throw new Refused("refused, nothing stored: the file is larger than the import limit");
        }
        QdpxExchange.ImportResult result =
            parent.exchange.importFromCommandLine(target, Files.readAllBytes(file), dryRun);
        result.lines().forEach(System.out::println);
        return 0;
      } catch (RuntimeException | IOException e) {
        return parent.fail(e);
      }
    }
  }

  @Command(
      name = "export",
      mixinStandardHelpOptions = true,
      description =
          "Write a site's analysis as a REFI-QDA project: codebook, the de-identified text of"
              + " reviewed sources, codings, memos. Never raw testimony, identities or silenced"
              + " issues.")
  static final class Export implements Callable<Integer> {
    @ParentCommand QdpxCommand parent;

    @Option(names = "--site", required = true, paramLabel = "KEY", description = "The site's key.")
    String site;

    @Parameters(
        paramLabel = "FILE.qdpx",
        description = "The file to write (replaced if it exists).")
    Path file;

    @Override
    public Integer call() {
      try {
        byte[] bytes = parent.exchange.exportFromCommandLine(parent.site(site));
        Files.write(file, bytes);
        System.out.println("written: " + file + " (" + bytes.length + " bytes)");
        return 0;
      } catch (RuntimeException | IOException e) {
        return parent.fail(e);
      }
    }
  }
}
