package org.tejido.analysis.agreement;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Two coders' coding of the same sources compared character by character, as NVivo's coding
 * comparison query does. For a code and a source of {@code N} characters, each character is coded
 * or not by each coder (overlapping spans of one coder count once); percent agreement is {@code
 * (both coded + neither coded) / N} and Cohen's kappa is {@code (P_o - P_e) / (1 - P_e)} with
 * {@code P_e = (a/N)(b/N) + ((N-a)/N)((N-b)/N)}, where {@code a} and {@code b} are the characters
 * each coder coded. When {@code P_e = 1} (both coded nothing, or both coded everything) the coders
 * agree completely and kappa is 1, as NVivo reports it.
 *
 * <p>NVivo reports only these rows, one per code and source; it shows no figure per code or
 * overall. {@link Report} adds both: pooled (the four counts summed over the sources, or over all
 * codes and sources, and kappa computed once on the sums; the pooled percent agreement equals the
 * size-weighted mean of the rows') and, for comparison with averages taken from NVivo's exported
 * rows, the mean of the rows' kappas weighted by source size.
 */
public final class CodingComparison {

  private CodingComparison() {}

  /**
   * The characters of one source (or many, pooled) classified by the two coders' coding at one code
   * (or many, pooled).
   */
  public record Counts(long bothCoded, long onlyA, long onlyB, long neitherCoded) {

    static final Counts NONE = new Counts(0, 0, 0, 0);

    /** The characters compared, {@code N}. */
    public long size() {
      return bothCoded + onlyA + onlyB + neitherCoded;
    }

    /** {@code P_o}: the share of characters on which the coders agree. */
    public double observedAgreement() {
      return (double) (bothCoded + neitherCoded) / size();
    }

    /** {@code P_e}: the agreement expected by chance from each coder's share of coded text. */
    public double expectedAgreement() {
      double n = size();
      double a = bothCoded + onlyA;
      double b = bothCoded + onlyB;
      return (a / n) * (b / n) + ((n - a) / n) * ((n - b) / n);
    }

    /** Percent agreement, {@code 100 * P_o}. */
    public double percentAgreement() {
      return 100 * observedAgreement();
    }

    /** Cohen's kappa; 1 when chance agreement is 1 (both coded nothing, or everything). */
    public double kappa() {
      long a = bothCoded + onlyA;
      long b = bothCoded + onlyB;
      if (a == b && (a == 0 || a == size())) {
        return 1;
      }
      return CohenKappa.kappa(observedAgreement(), expectedAgreement());
    }

    Counts plus(Counts other) {
      return new Counts(
          bothCoded + other.bothCoded,
          onlyA + other.onlyA,
          onlyB + other.onlyB,
          neitherCoded + other.neitherCoded);
    }
  }

  /** One code in one source: NVivo's row. */
  public record Row(String code, String source, Counts counts) {}

  /**
   * A code (or all codes) over all sources.
   *
   * @param pooled the rows' counts summed; its kappa and percent agreement are the pooled figures
   * @param sizeWeightedMeanKappa the rows' kappas averaged, each weighted by its source's size
   */
  public record Summary(Counts pooled, double sizeWeightedMeanKappa) {}

  /**
   * Rows per code and source, then per code, then overall.
   *
   * @param rows one per code (in name order) and source (in name order)
   * @param byCode one per code
   */
  public record Report(
      String coderA, String coderB, List<Row> rows, Map<String, Summary> byCode, Summary overall) {}

  /**
   * Compares {@code coderA}'s and {@code coderB}'s coding. Every code that either coded is compared
   * on every source named in {@code sourceLengths} (the comparison's scope, each with its length in
   * characters); a source of length 0 has nothing to compare and gives no row. Spans by other
   * coders are not considered.
   *
   * @throws AgreementException when a span lies outside its source, is empty, or names a source
   *     outside the scope, or the two coders are the same
   * @throws UndefinedAgreementException when there is nothing to compare (no code coded, or no
   *     characters in scope)
   */
  public static Report compare(
      String coderA,
      String coderB,
      Map<String, Integer> sourceLengths,
      Collection<CodingSpan> spans) {
    if (coderA.equals(coderB)) {
      throw new AgreementException("Kappa compares two coders; '" + coderA + "' was named twice.");
    }
    // coder -> source -> code -> coded characters; overlapping spans simply set the same bits.
    Map<String, Map<String, Map<String, BitSet>>> coded = new HashMap<>();
    TreeSet<String> codes = new TreeSet<>();
    for (CodingSpan span : spans) {
      if (!span.coder().equals(coderA) && !span.coder().equals(coderB)) {
        continue;
      }
      Integer length = sourceLengths.get(span.source());
      if (length == null) {
        throw new AgreementException(
            "A coding by '"
                + span.coder()
                + "' refers to source '"
                + span.source()
                + "', which is not among the sources compared.");
      }
      if (span.start() < 0 || span.end() > length || span.start() >= span.end()) {
        throw new AgreementException(
            "A coding by '"
                + span.coder()
                + "' at '"
                + span.code()
                + "' spans characters "
                + span.start()
                + " to "
                + span.end()
                + ", outside source '"
                + span.source()
                + "' of "
                + length
                + " characters.");
      }
      codes.add(span.code());
      coded
          .computeIfAbsent(span.coder(), x -> new HashMap<>())
          .computeIfAbsent(span.source(), x -> new HashMap<>())
          .computeIfAbsent(span.code(), x -> new BitSet(length))
          .set(span.start(), span.end());
    }
    List<Row> rows = new ArrayList<>();
    Map<String, Summary> byCode = new TreeMap<>();
    Accumulator overall = new Accumulator();
    TreeMap<String, Integer> sources = new TreeMap<>(sourceLengths);
    for (String code : codes) {
      Accumulator forCode = new Accumulator();
      for (Map.Entry<String, Integer> source : sources.entrySet()) {
        int n = source.getValue();
        if (n <= 0) {
          continue;
        }
        BitSet a = bits(coded, coderA, source.getKey(), code);
        BitSet b = bits(coded, coderB, source.getKey(), code);
        BitSet both = (BitSet) a.clone();
        both.and(b);
        long bothCoded = both.cardinality();
        long onlyA = a.cardinality() - bothCoded;
        long onlyB = b.cardinality() - bothCoded;
        Counts counts = new Counts(bothCoded, onlyA, onlyB, n - bothCoded - onlyA - onlyB);
        rows.add(new Row(code, source.getKey(), counts));
        forCode.add(counts);
        overall.add(counts);
      }
      if (forCode.counts.size() > 0) {
        byCode.put(code, forCode.summary());
      }
    }
    if (overall.counts.size() == 0) {
      throw new UndefinedAgreementException(
          "Nothing to compare: "
              + (codes.isEmpty()
                  ? "neither '" + coderA + "' nor '" + coderB + "' coded anything."
                  : "the sources compared have no characters."));
    }
    return new Report(coderA, coderB, List.copyOf(rows), byCode, overall.summary());
  }

  private static BitSet bits(
      Map<String, Map<String, Map<String, BitSet>>> coded,
      String coder,
      String source,
      String code) {
    return coded
        .getOrDefault(coder, Map.of())
        .getOrDefault(source, Map.of())
        .getOrDefault(code, new BitSet());
  }

  private static final class Accumulator {
    Counts counts = Counts.NONE;
    double weightedKappa;

    void add(Counts row) {
      counts = counts.plus(row);
      weightedKappa += row.size() * row.kappa();
    }

    Summary summary() {
      return new Summary(counts, weightedKappa / counts.size());
    }
  }
}
