package org.tejido;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@code java -jar tejido.jar agreement ...} as a person runs it: a CSV file in, the value and what
 * it rests on out, a clear message and exit code 2 on bad input; no database.
 */
class AgreementCommandLineTest {

  private static final String PAPER = "src/test/resources/agreement/krippendorff-2011.csv";

  private final Path dir = Path.of("target", "agreement-" + UUID.randomUUID());

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    PrintStream originalOut = System.out;
    PrintStream originalErr = System.err;
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      return TejidoApplication.command(args);
    } finally {
      System.setOut(originalOut);
      System.setErr(originalErr);
    }
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private Path csv(String content) throws Exception {
    Files.createDirectories(dir);
    return Files.writeString(dir.resolve(UUID.randomUUID() + ".csv"), content);
  }

  @Test
  void printsKrippendorffsPublishedAlphasForHisWorkedExample() {
    String[][] expected = {
      {"nominal", "0.743"}, {"ordinal", "0.815"}, {"interval", "0.849"}, {"ratio", "0.797"}
    };
    for (String[] level : expected) {
      out.reset();
      assertThat(run("agreement", "--metric", "alpha", "--level", level[0], PAPER)).isZero();
      assertThat(out().lines())
          .containsExactly(
              level[1],
              "Krippendorff's alpha ("
                  + level[0]
                  + "): 12 units, 11 pairable, 40 pairable values, 4 coders");
    }
  }

  @Test
  void theLevelDefaultsToNominal() {
    assertThat(run("agreement", "--metric", "alpha", PAPER)).isZero();
    assertThat(out().lines().findFirst()).hasValue("0.743");
  }

  @Test
  void printsCohensKappaForTwoCodersLeavingOutMissingValues() throws Exception {
    // Compared: (a,a) (b,b) (b,a); kappa = (2/3 - 4/9) / (5/9) = 0.4.
    Path file = csv("\uFEFFana,beto\na,a\nb,b\n,a\na,\nb,a\n");

    assertThat(run("agreement", "--metric", "kappa", file.toString())).isZero();

    assertThat(out().lines())
        .containsExactly(
            "0.400",
            "Cohen's kappa: 5 units, 3 compared (2 with a missing value left out),"
                + " percent agreement 66.7%");
  }

  @Test
  void refusesKappaForOtherThanTwoCoders() {
    assertThat(run("agreement", "--metric", "kappa", PAPER)).isEqualTo(2);
    assertThat(out()).isEmpty();
    assertThat(err()).contains("exactly two coders").contains("has 4 (A, B, C, D)");
  }

  @Test
  void refusesKappaAtANumericLevel() throws Exception {
    Path file = csv("a,b\n1,2\n2,2\n");
    assertThat(run("agreement", "--metric", "kappa", "--level", "interval", file.toString()))
        .isEqualTo(2);
    assertThat(err()).contains("use --metric alpha");
  }

  @Test
  void refusesAFileThatDoesNotExist() {
    assertThat(run("agreement", "--metric", "alpha", dir.resolve("missing.csv").toString()))
        .isEqualTo(2);
    assertThat(out()).isEmpty();
    assertThat(err()).contains("No such file");
  }

  @Test
  void refusesTextWhereNumbersAreNeeded() throws Exception {
    Path file = csv("a,b\n1,2\nalto,2\n");
    assertThat(run("agreement", "--metric", "alpha", "--level", "interval", file.toString()))
        .isEqualTo(2);
    assertThat(err()).contains("'alto' is not a number");
  }

  @Test
  void refusesARowWithTheWrongNumberOfValues() throws Exception {
    Path file = csv("a,b,c\n1,2,3\n1,2\n");
    assertThat(run("agreement", "--metric", "alpha", file.toString())).isEqualTo(2);
    assertThat(err()).contains("row 3: 2 values for 3 coders");
  }

  @Test
  void refusesAnUnknownMetricOrLevel() {
    assertThat(run("agreement", "--metric", "fleiss", PAPER)).isEqualTo(2);
    assertThat(run("agreement", "--metric", "alpha", "--level", "cardinal", PAPER)).isEqualTo(2);
    assertThat(err()).contains("Unknown level 'cardinal'");
  }

  @Test
  void saysAlphaIsUndefinedWhenThereIsNoVariation() throws Exception {
    Path file = csv("a,b\n3,3\n3,3\n3,\n");
    assertThat(run("agreement", "--metric", "alpha", file.toString())).isEqualTo(1);
    assertThat(out()).isEmpty();
    assertThat(err()).contains("Alpha is undefined").contains("no variation");
  }

  @Test
  void saysAlphaIsUndefinedForOneCoderOrAllMissing() throws Exception {
    assertThat(run("agreement", "--metric", "alpha", csv("a\n1\n2\n").toString())).isEqualTo(2);
    assertThat(err()).contains("at least two coders");
    err.reset();
    assertThat(run("agreement", "--metric", "alpha", csv("a,b\n,\n,\n").toString())).isEqualTo(1);
    assertThat(err()).contains("nothing can be paired");
  }
}
