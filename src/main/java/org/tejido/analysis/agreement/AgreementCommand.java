package org.tejido.analysis.agreement;

import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tejido agreement --metric alpha|kappa [--level nominal|ordinal|interval|ratio] FILE.csv}:
 * the agreement of the coders in a CSV file with a header row of coder names, one row per unit and
 * one column per coder (empty = missing). Prints the value to three decimals, then a line saying
 * what it rests on. Needs no site and no database. Exit codes: 0 computed; 1 undefined for these
 * data (no variation, nothing pairable), saying why; 2 bad input (no file, a value that is not a
 * number where one is needed, kappa with other than two coders).
 */
@Command(
    name = AgreementCommand.NAME,
    mixinStandardHelpOptions = true,
    description = {
      "Inter-coder agreement of a CSV file: a header row of coder names, one row per unit, one"
          + " column per coder, empty = missing.",
      "Prints the value to three decimals, then the units and values it rests on."
    })
public final class AgreementCommand implements Callable<Integer> {

  /** The command word that runs this command without the application context. */
  public static final String NAME = "agreement";

  /** The exit code when the coefficient is undefined for the data given. */
  static final int UNDEFINED = 1;

  /** The exit code for bad input, the same as picocli's for a bad option. */
  static final int BAD_INPUT = 2;

  enum Metric {
    alpha,
    kappa
  }

  @Option(
      names = "--metric",
      required = true,
      paramLabel = "alpha|kappa",
      description = "alpha (Krippendorff, any number of coders) or kappa (Cohen, two coders).")
  Metric metric;

  @Option(
      names = "--level",
      defaultValue = "nominal",
      paramLabel = "nominal|ordinal|interval|ratio",
      description =
          "nominal (default), ordinal, interval or ratio; kappa is for nominal data only.")
  String level;

  @Parameters(arity = "1", paramLabel = "FILE.csv", description = "the ratings, one row per unit")
  Path file;

  /**
   * Runs {@code agreement ...} ({@code args} without the command word) and returns its exit code.
   */
  public static int run(String... args) {
    return new CommandLine(new AgreementCommand())
        .setCaseInsensitiveEnumValuesAllowed(true)
        .execute(args);
  }

  @Override
  public Integer call() {
    PrintStream out = System.out;
    PrintStream err = System.err;
    try {
      MeasurementLevel measurement = MeasurementLevel.parse(level);
      Table table = read(file);
      switch (metric) {
        case alpha -> {
          KrippendorffAlpha.Result alpha = KrippendorffAlpha.compute(table.units(), measurement);
          out.println(format(alpha.value()));
          out.printf(
              Locale.ROOT,
              "Krippendorff's alpha (%s): %d units, %d pairable, %d pairable values, %d coders%n",
              measurement.label(),
              alpha.units(),
              alpha.pairableUnits(),
              alpha.pairableValues(),
              alpha.coders());
        }
        case kappa -> {
          if (measurement != MeasurementLevel.NOMINAL) {
            throw new AgreementException(
                "Cohen's kappa is for nominal data; for "
                    + measurement.label()
                    + " data use --metric alpha.");
          }
          if (table.coders().size() != 2) {
            throw new AgreementException(
                "Cohen's kappa compares exactly two coders; "
                    + file
                    + " has "
                    + table.coders().size()
                    + " ("
                    + String.join(", ", table.coders())
                    + "). Use --metric alpha for any number of coders.");
          }
          List<String> a = new ArrayList<>();
          List<String> b = new ArrayList<>();
          for (List<String> unit : table.units()) {
            a.add(unit.get(0));
            b.add(unit.get(1));
          }
          CohenKappa.Result kappa = CohenKappa.nominal(a, b);
          out.println(format(kappa.value()));
          out.printf(
              Locale.ROOT,
              "Cohen's kappa: %d units, %d compared (%d with a missing value left out),"
                  + " percent agreement %.1f%%%n",
              kappa.units() + kappa.skipped(),
              kappa.units(),
              kappa.skipped(),
              kappa.percentAgreement());
        }
      }
      return 0;
    } catch (UndefinedAgreementException e) {
      err.println(e.getMessage());
      return UNDEFINED;
    } catch (AgreementException e) {
      err.println(e.getMessage());
      return BAD_INPUT;
    }
  }

  static String format(double value) {
    return String.format(Locale.ROOT, "%.3f", value);
  }

  /** The coders (header) and, per unit, each coder's value (null when empty). */
  record Table(List<String> coders, List<List<String>> units) {}

  static Table read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new AgreementException("No such file: " + file);
    }
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (CharacterCodingException e) {
      throw new AgreementException(file + " is not UTF-8 text.");
    } catch (IOException e) {
      throw new AgreementException("Cannot read " + file + ": " + e.getMessage());
    }
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    List<CSVRecord> records;
    try (CSVParser parser = CSVFormat.DEFAULT.parse(new StringReader(text))) {
      records = parser.getRecords();
    } catch (IOException | UncheckedIOException | IllegalStateException e) {
      throw new AgreementException(file + " is not valid CSV: " + e.getMessage());
    }
    if (records.isEmpty()) {
      throw new AgreementException(
          file + " is empty: it needs a header row of coder names and one row per unit.");
    }
    List<String> coders = records.get(0).stream().map(String::strip).toList();
    List<List<String>> units = new ArrayList<>();
    for (CSVRecord record : records.subList(1, records.size())) {
      if (record.size() != coders.size()) {
        throw new AgreementException(
            file
                + " row "
                + record.getRecordNumber()
                + ": "
                + record.size()
                + " values for "
                + coders.size()
                + " coders; leave a missing value empty, keeping its comma.");
      }
      List<String> unit = new ArrayList<>();
      for (String value : record) {
        unit.add(value.isBlank() ? null : value.strip());
      }
      units.add(unit);
    }
    if (units.isEmpty()) {
      throw new AgreementException(file + " has a header row but no units.");
    }
    return new Table(coders, units);
  }
}
