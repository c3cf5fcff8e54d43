package org.tejido.deidentification;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tejido deidentify propose PATH...}: what would be proposed for plain-text files, with no
 * site, no gazetteer and no database, one JSON object per line. Used to see what the recogniser
 * finds and to measure it ({@code bench/deidentify-recall.sh}). It needs no application context, so
 * it starts in well under a second.
 */
@Command(
    name = "deidentify",
    mixinStandardHelpOptions = true,
    description = "De-identification tools that need no site and no database.",
    subcommands = {DeidentifyCommand.Propose.class})
public final class DeidentifyCommand implements Runnable {

  /** The command word that runs this command without the application context. */
  public static final String NAME = "deidentify";

  /**
   * Runs {@code deidentify ...} ({@code args} without the command word) and returns its exit code.
   */
  public static int run(String... args) {
    return new CommandLine(new DeidentifyCommand()).execute(args);
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        new CommandLine(this), "Name a subcommand, e.g. 'deidentify propose notes.txt'.");
  }

  @Command(
      name = "propose",
      mixinStandardHelpOptions = true,
      description = {
        "Prints what would be proposed for each .txt file (directories are searched for them),"
            + " one JSON object per line:",
        "{\"file\":\"x.txt\",\"start\":29,\"end\":34,\"kind\":\"person\",\"confidence\":0.9,"
            + "\"rule\":\"recogniser\",\"text\":\"Pedro\"}",
        "Offsets count Unicode code points of the file's text, end exclusive (as brat does).",
        "The output holds the names found: treat it as the files themselves."
      })
  static final class Propose implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "PATH", description = ".txt files or directories")
    List<Path> paths;

    @Option(
        names = "--min-confidence",
        defaultValue = "0",
        description = "Leave out proposals below this confidence (0 to 1; default: none left out).")
    double minConfidence;

    @Override
    public Integer call() throws IOException {
      List<Path> files = new ArrayList<>();
      for (Path path : paths) {
        if (Files.isDirectory(path)) {
          try (Stream<Path> found = Files.walk(path)) {
            found
                .filter(p -> Files.isRegularFile(p) && p.toString().endsWith(".txt"))
                .sorted()
                .forEach(files::add);
          }
        } else if (Files.isRegularFile(path)) {
          files.add(path);
        } else {
          System.err.println("No such file or directory: " + path);
          return 2;
        }
      }
      Deidentifier deidentifier = Deidentifier.of(List.of());
      PrintWriter out =
          new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), false);
      try {
        for (Path file : files) {
          String text = Files.readString(file, StandardCharsets.UTF_8);
          for (Replacement r : deidentifier.propose(text)) {
            if (r.confidence() >= minConfidence) {
              out.println(json(file.toString(), text, r));
            }
          }
        }
      } catch (UncheckedIOException e) {
        throw e.getCause();
      } finally {
        out.flush();
      }
      return 0;
    }
  }

  static String json(String file, String text, Replacement r) {
    int start = text.codePointCount(0, r.start());
    int end = start + text.codePointCount(r.start(), r.end());
    return "{\"file\":"
        + quote(file)
        + ",\"start\":"
        + start
        + ",\"end\":"
        + end
        + ",\"kind\":"
        + quote(kindName(r))
        + ",\"confidence\":"
        + String.format(Locale.ROOT, "%.2f", r.confidence())
        + ",\"rule\":"
        + quote(r.rule().name().toLowerCase(Locale.ROOT))
        + ",\"text\":"
        + quote(r.original())
        + "}";
  }

  /** The kind as the command prints it: person, place, street, organisation, contact, id... */
  static String kindName(Replacement r) {
    if (r.kind() == null) {
      return switch (r.rule()) {
        case PHONE, EMAIL -> "contact";
        default -> "identifier";
      };
    }
    return switch (r.kind()) {
      case PERSON, ALIAS -> "person";
      case OFFICIAL -> "official";
      case PLACE -> "place";
      case STREET -> "street";
      case NEIGHBOURHOOD -> "neighbourhood";
      case ORGANISATION -> "organisation";
      case OTHER -> r.rule() == Rule.CAPITALISED ? "unknown" : "identifier";
    };
  }

  private static String quote(String s) {
    StringBuilder b = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20 || c == '\u2028' || c == '\u2029') {
            b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }
}
