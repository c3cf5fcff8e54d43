package org.tejido.analysis.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.tejido.analysis.Codings;

/** A span carried through a change of the text keeps its words (decision 0007). */
class CodingAnchorsTest {

  private static String carried(String before, String after, String words) {
    int from = before.codePointCount(0, before.indexOf(words));
    int to = from + words.codePointCount(0, words.length());
    CodingAnchors.Mapping m = CodingAnchors.Mapping.of(before, after);
    return Codings.cut(after, m.start(from), m.end(to));
  }

  @Test
  void aSpanAfterAReplacedNameMovesWithItsWords() {
    assertThat(
            carried(
                "Doña Rosa Pérez 🙁 dijo que hay robos en la calle Morelos cada noche.",
                "[P-17] 🙁 dijo que hay robos en la [CALLE] cada noche.",
                "hay robos"))
        .isEqualTo("hay robos");
  }

  @Test
  void aSpanThatHeldAReplacedNameNowHoldsItsToken() {
    assertThat(
            carried(
                "Vive en la calle Morelos desde 2019.",
                "Vive en la [CALLE] desde [DATO].",
                "en la calle Morelos desde"))
        .isEqualTo("en la [CALLE] desde");
    assertThat(
            carried(
                "Vive en la calle Morelos desde 2019.",
                "Vive en la [CALLE] desde [DATO].",
                "Morelos"))
        .startsWith("[CALLE]")
        .doesNotContain("desde");
  }

  @Test
  void anUnchangedTextKeepsEverySpan() {
    CodingAnchors.Mapping m = CodingAnchors.Mapping.of("igual", "igual");
    assertThat(m.start(1)).isEqualTo(1);
    assertThat(m.end(4)).isEqualTo(4);
  }
}
