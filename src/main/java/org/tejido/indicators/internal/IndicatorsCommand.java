package org.tejido.indicators.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import org.springframework.stereotype.Component;
import org.tejido.indicators.CrimeIndicators;
import org.tejido.indicators.CrimeIndicators.Measure;
import org.tejido.indicators.ImportRefused;
import org.tejido.indicators.ImportSummary;
import org.tejido.indicators.Indicator;
import org.tejido.indicators.IndicatorImports;
import org.tejido.indicators.Place;
import org.tejido.indicators.UnknownSubtype;
import org.tejido.shared.cli.AdminCommand;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code tejido indicators import FILE} and {@code tejido indicators query ...}. */
@Component
@Command(
    name = "indicators",
    mixinStandardHelpOptions = true,
    description = "Official crime indicators (SESNSP) and population denominators.",
    subcommands = {IndicatorsCommand.Import.class, IndicatorsCommand.Query.class})
class IndicatorsCommand implements AdminCommand {

  private final IndicatorImports imports;
  private final CrimeIndicators indicators;

  IndicatorsCommand(IndicatorImports imports, CrimeIndicators indicators) {
    this.imports = imports;
    this.indicators = indicators;
  }

  @Command(
      name = "import",
      mixinStandardHelpOptions = true,
      description = {
        "Load a SESNSP crime file (state or municipal, crimes or victims, 2015 methodology or"
            + " RNID), a CONAPO municipal projection, the INEGI 2020 census export or a list of"
            + " neighbouring municipalities (header municipality,neighbour).",
        "The series the file holds are replaced in one transaction: a file that fails part-way"
            + " leaves the figures as they were."
      })
  static final class Import implements Callable<Integer> {
    @ParentCommand IndicatorsCommand parent;

    @Parameters(paramLabel = "FILE", description = "The CSV file.")
    Path file;

    @Option(
        names = "--sex",
        description =
            "For a CONAPO wide table: total or women (otherwise read from the file name).")
    String sex;

    @Override
    public Integer call() {
      if (!Files.isRegularFile(file)) {
        System.err.println("No file " + file + ".");
        return 2;
      }
      if (sex != null && !sex.equals("total") && !sex.equals("women")) {
        System.err.println("--sex is total or women.");
        return 2;
      }
      try {
        ImportSummary done = parent.imports.load(file, sex);
        System.out.printf(
            "%s (%s%s): %d rows read, %d rows loaded.%n",
            done.kind(),
            done.encoding(),
            done.catalogues().isEmpty()
                ? ""
                : ", catalogue " + String.join(" + ", done.catalogues()),
            done.rowsRead(),
            done.rowsLoaded());
        return 0;
      } catch (ImportRefused e) {
        System.err.println("Import refused: " + e.getMessage() + " Nothing was changed.");
        return 1;
      } catch (Exception e) {
        System.err.println(
            "Import failed: "
                + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                + " Nothing was changed.");
        return 1;
      }
    }
  }

  @Command(
      name = "query",
      mixinStandardHelpOptions = true,
      description = "Print a count (and its rate per 100,000 when a population is loaded).")
  static final class Query implements Callable<Integer> {
    @ParentCommand IndicatorsCommand parent;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Where where;

    @ArgGroup(exclusive = true, multiplicity = "1")
    When when;

    @Option(names = "--subtype", required = true, description = "e.g. \"Homicidio doloso\"")
    String subtype;

    @Option(names = "--victims", description = "Count victims instead of crimes.")
    boolean victims;

    static final class Where {
      @Option(names = "--state", description = "State code, 1–32 (16 or 016).")
      String state;

      @Option(names = "--municipality", description = "Five-digit municipality code (02004).")
      String municipality;

      @Option(names = "--national", description = "All of Mexico.")
      boolean national;
    }

    static final class When {
      @Option(names = "--year", description = "e.g. 2018")
      Integer year;

      @Option(names = "--month", description = "e.g. 2018-03")
      String month;
    }

    @Override
    public Integer call() {
      Place place;
      try {
        place =
            where.state != null
                ? Place.State.parse(where.state)
                : where.municipality != null
                    ? new Place.Municipality(where.municipality.strip())
                    : new Place.National();
      } catch (IllegalArgumentException e) {
        System.err.println(e.getMessage());
        return 2;
      }
      Measure measure = victims ? Measure.VICTIMS : Measure.CRIMES;
      Indicator result;
      try {
        result =
            when.year != null
                ? parent.indicators.year(place, subtype, when.year, measure)
                : parent.indicators.month(place, subtype, YearMonth.parse(when.month), measure);
      } catch (DateTimeParseException e) {
        System.err.println("'" + when.month + "' is not a month: write it as 2018-03.");
        return 2;
      } catch (UnknownSubtype e) {
        System.err.println(e.getMessage());
        return 1;
      }
      String what = victims ? "victims" : "crimes";
      System.out.printf("%s, %s, %s%n", result.subtype(), describe(place), result.period());
      if (result.count() == null) {
        System.out.println("count: missing (no month of this period is reported)");
        return 0;
      }
      System.out.printf(
          "count: %d %s (%d of %d months reported)%n",
          result.count(), what, result.monthsReported(), result.monthsInPeriod());
      if (result.ratePer100k() != null) {
        System.out.printf(
            "rate: %s per 100,000 inhabitants (%s: %d)%n",
            result.ratePer100k().toPlainString(), result.denominator(), result.population());
      }
      return 0;
    }

    private static String describe(Place place) {
      if (place instanceof Place.State s) {
        return "state " + String.format("%02d", s.code());
      }
      if (place instanceof Place.Municipality m) {
        return "municipality " + m.code() + (m.isUnspecifiedBucket() ? " (no especificado)" : "");
      }
      return "national";
    }
  }
}
