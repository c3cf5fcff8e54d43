package org.tejido.deidentification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.junit.jupiter.api.Test;

class GazetteerMatchingTest {

  private static GazetteerEntry entry(String term, EntityKind kind, String token) {
    return new GazetteerEntry(term, kind, token);
  }

  private static List<Replacement> propose(String text, GazetteerEntry... entries) {
    return Deidentifier.listedOnly(List.of(entries)).propose(text);
  }

  @Test
  void findsATermWhateverItsCaseAndAccents() {
    String text = "Pérez, PEREZ, perez y PÉREZ; la GUERA y La güera.";

    List<Replacement> found =
        propose(
            text,
            entry("Pérez", EntityKind.PERSON, "[P-01]"),
            entry("la Güera", EntityKind.ALIAS, "[P-01]"));

    assertThat(found)
        .extracting(Replacement::start, Replacement::original, Replacement::token)
        .containsExactly(
            tuple(0, "Pérez", "[P-01]"),
            tuple(7, "PEREZ", "[P-01]"),
            tuple(14, "perez", "[P-01]"),
            tuple(22, "PÉREZ", "[P-01]"),
            tuple(29, "la GUERA", "[P-01]"),
            tuple(40, "La güera", "[P-01]"));
  }

  @Test
  void anEntryWithoutAccentsFindsTheAccentedSpelling() {
    List<Replacement> found =
        propose("Llegó Ramírez, de Apatzingán.", entry("ramirez", EntityKind.OFFICIAL, "[F-1]"));

    assertThat(found).extracting(Replacement::original).containsExactly("Ramírez");
  }

  @Test
  void keepsExactOffsetsInTextWithAccentsAndEmoji() {
    String text = "🙏 Ayer doña Ñúñez 👩‍👧 habló con JUANA PÉREZ 😢 en Cañadas.";

    List<Replacement> found =
        propose(
            text,
            entry("Ñúñez", EntityKind.PERSON, "[P-03]"),
            entry("Juana Pérez", EntityKind.PERSON, "[P-07]"),
            entry("Cañadas", EntityKind.NEIGHBOURHOOD, "[COLONIA-1]"));

    assertThat(found)
        .extracting(Replacement::start, Replacement::end, Replacement::original)
        .containsExactly(
            tuple(text.indexOf("Ñúñez"), text.indexOf("Ñúñez") + 5, "Ñúñez"),
            tuple(text.indexOf("JUANA"), text.indexOf("JUANA") + 11, "JUANA PÉREZ"),
            tuple(text.indexOf("Cañadas"), text.indexOf("Cañadas") + 7, "Cañadas"));
    assertThat(Deidentifier.apply(text, found))
        .isEqualTo("🙏 Ayer doña [P-03] 👩‍👧 habló con [P-07] 😢 en [COLONIA-1].");
  }

  @Test
  void matchesWholeWordsOnly() {
    String text = "Anabel y Ana vinieron mañana; ANA no, banana tampoco, Ana.";

    List<Replacement> found = propose(text, entry("Ana", EntityKind.PERSON, "[P-04]"));

    assertThat(found)
        .extracting(Replacement::start, Replacement::original)
        .containsExactly(tuple(9, "Ana"), tuple(30, "ANA"), tuple(text.lastIndexOf("Ana"), "Ana"));
  }

  @Test
  void aTermEndingInADigitIsNotFoundInsideALongerNumber() {
    List<Replacement> found =
        propose("la Ruta 52 y la Ruta 523", entry("Ruta 52", EntityKind.ORGANISATION, "[ORG-1]"));

    assertThat(found).extracting(Replacement::start).containsExactly(3);
  }

  @Test
  void theLongestMatchWins() {
    String text = "Juana Pérez vino; Juana no.";

    List<Replacement> found =
        propose(
            text,
            entry("Juana", EntityKind.PERSON, "[P-02]"),
            entry("Juana Pérez", EntityKind.PERSON, "[P-07]"));

    assertThat(found)
        .extracting(Replacement::original, Replacement::token)
        .containsExactly(tuple("Juana Pérez", "[P-07]"), tuple("Juana", "[P-02]"));
  }

  @Test
  void ofTwoOverlappingTermsTheLongerIsKept() {
    String text = "en calle Morelos Sur Poniente";

    List<Replacement> found =
        propose(
            text,
            entry("calle Morelos", EntityKind.STREET, "[CALLE-1]"),
            entry("Morelos Sur Poniente", EntityKind.STREET, "[CALLE-2]"));

    assertThat(found)
        .extracting(Replacement::original, Replacement::token)
        .containsExactly(tuple("Morelos Sur Poniente", "[CALLE-2]"));
  }

  @Test
  void anAliasIsReplacedByThePersonsToken() {
    String text = "Juana Pérez, la Güera, no volvió.";

    List<Replacement> found =
        propose(
            text,
            entry("Juana Pérez", EntityKind.PERSON, "[P-07]"),
            entry("la Güera", EntityKind.ALIAS, "[P-07]"));

    assertThat(found)
        .extracting(Replacement::kind, Replacement::rule)
        .containsExactly(
            tuple(EntityKind.PERSON, Rule.GAZETTEER), tuple(EntityKind.ALIAS, Rule.GAZETTEER));
    assertThat(Deidentifier.apply(text, found)).isEqualTo("[P-07], [P-07], no volvió.");
  }

  @Test
  void findsATermBrokenAcrossALineOrWithDoubleSpaces() {
    String text = "la vecina Juana\n   Pérez dijo";

    List<Replacement> found = propose(text, entry("Juana  Pérez", EntityKind.PERSON, "[P-07]"));

    assertThat(found)
        .extracting(Replacement::start, Replacement::original)
        .containsExactly(tuple(10, "Juana\n   Pérez"));
  }

  @Test
  void findsDecomposedAccentsAndSoftHyphensAndReplacesThemWhole() {
    String decomposed = "Pe\u0301rez";
    String hyphenated = "Pé\u00ADrez";
    String trailingAccent = "Jose\u0301";
    String text = "dijo " + decomposed + " y " + hyphenated + " a " + trailingAccent + ".";

    List<Replacement> found =
        propose(
            text,
            entry("Pérez", EntityKind.PERSON, "[P-01]"),
            entry("José", EntityKind.PERSON, "[P-02]"));

    assertThat(found)
        .extracting(Replacement::start, Replacement::original)
        .containsExactly(tuple(5, decomposed), tuple(14, hyphenated), tuple(23, trailingAccent));
    assertThat(Deidentifier.apply(text, found)).isEqualTo("dijo [P-01] y [P-01] a [P-02].");
  }

  @Test
  void typographicApostrophesMatchStraightOnes() {
    List<Replacement> found =
        propose("en la calle O’Higgins", entry("calle O'Higgins", EntityKind.STREET, "[CALLE-4]"));

    assertThat(found).extracting(Replacement::original).containsExactly("calle O’Higgins");
  }

  @Test
  void ofTermsThatFoldAlikeTheFirstEntryKeepsTheTerm() {
    List<Replacement> found =
        propose(
            "Pérez",
            entry("Pérez", EntityKind.PERSON, "[P-01]"),
            entry("PEREZ", EntityKind.PERSON, "[P-02]"));

    assertThat(found).extracting(Replacement::token).containsExactly("[P-01]");
  }

  @Test
  void anEmptyGazetteerProposesNothingForPlainText() {
    assertThat(Deidentifier.listedOnly(List.of()).propose("Juana Pérez vive en calle Morelos."))
        .isEmpty();
  }

  @Test
  void entriesNeedATermOfTwoCharactersAndAToken() {
    assertThatThrownBy(() -> entry("  ", EntityKind.PERSON, "[P-01]"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> entry(" A ", EntityKind.PERSON, "[P-01]"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> entry("Ana", EntityKind.PERSON, " "))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> entry("Ana", null, "[P-01]")).isInstanceOf(NullPointerException.class);
    assertThat(entry("Al", EntityKind.PERSON, "[P-01]").term()).isEqualTo("Al");
  }

  @Test
  void entriesAndReplacementsKeepTheirTextOutOfLogs() {
    GazetteerEntry juana = entry("Juana Pérez", EntityKind.PERSON, "[P-07]");
    Replacement replacement =
        Deidentifier.listedOnly(List.of(juana)).propose("vino Juana Pérez").get(0);

    assertThat(juana.toString()).doesNotContain("Juana").contains("[P-07]");
    assertThat(replacement.toString()).doesNotContain("Juana").contains("[P-07]");
  }
}
