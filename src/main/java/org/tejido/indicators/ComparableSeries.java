package org.tejido.indicators;

import java.util.List;
import org.tejido.shared.LocalizedText;

/**
 * A crime series that can be followed across the two SESNSP catalogues: the subtypes (and, where it
 * matters, modalities) of each catalogue that together count the same crimes. {@code
 * definitionChanged} says that the RNID redrew the series' edges in January 2026, so that a chart
 * crossing that month compares unlike things; {@code note} says how.
 *
 * @param id stable, as in {@code ?series=homicidio-doloso} and {@code
 *     tejido.indicators.high-impact}
 */
public record ComparableSeries(
    String id,
    LocalizedText name,
    boolean definitionChanged,
    LocalizedText note,
    List<Member> members) {

  /** The first month counted in the RNID catalogue. */
  public static final java.time.YearMonth RNID_STARTS = java.time.YearMonth.of(2026, 1);

  /**
   * A subtype of one catalogue in the series.
   *
   * @param modalityEnding {@code null} for every modality, else the lower-case end of the
   *     modalities that count ({@code con violencia})
   */
  public record Member(
      String catalogue, String subtype, String subtypeKey, String modalityEnding) {}

  public ComparableSeries {
    members = List.copyOf(members);
  }
}
