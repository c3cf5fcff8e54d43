package org.tejido.deidentification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What is proposed with an empty gazetteer: the names, places and numbers nobody listed. */
class UnlistedNamesTest {

  private static final Deidentifier NOTHING_LISTED = Deidentifier.of(List.of());

  private static final String TRANSCRIPT =
      """
      Facilitadora: Buenas tardes a todas. ¿Quién quiere empezar a contar cómo se sienten en la \
      colonia?
      APA-001: Yo empiezo. Desde que se fue Don Ramiro Pérez de la calle Morelos, ya nadie cuida \
      la esquina. Mi comadre Juana Martínez dice que en la noche pasan las camionetas.
      APA-002: Es cierto. Mi hijo trabaja en la huerta de limón de los Valencia y le pidieron \
      cuota. Mi número es 453 123 4567 por si quieren hablar.
      Facilitadora: Gracias. ¿Y el comandante Hernández ha hecho algo?
      APA-001: Nada. El comandante Hernández nomás pasa y se va. El Chapulín sigue mandando en el \
      barrio de El Ranchito.
      """;

  @Test
  void everyPersonPlaceAndPhoneOfTheFieldTranscriptIsProposedWithNothingListed() {
    List<Replacement> proposed = NOTHING_LISTED.propose(TRANSCRIPT);

    assertThat(proposed)
        .filteredOn(r -> !r.isLowConfidence())
        .extracting(Replacement::original)
        .contains(
            "Ramiro Pérez",
            "Juana Martínez",
            "Valencia",
            "Hernández",
            "El Chapulín",
            "Morelos",
            "El Ranchito",
            "453 123 4567");
    assertThat(proposed)
        .filteredOn(r -> r.original().equals("Hernández"))
        .as("both mentions of the comandante")
        .hasSize(2);
    assertThat(proposed)
        .filteredOn(
            r -> r.original().equals("Ramiro Pérez") || r.original().equals("Juana Martínez"))
        .extracting(Replacement::kind, Replacement::token)
        .containsOnly(tuple(EntityKind.PERSON, "[PERSONA]"));
    assertThat(proposed)
        .filteredOn(r -> r.original().equals("Morelos"))
        .extracting(Replacement::kind)
        .containsExactly(EntityKind.STREET);
  }

  @Test
  void nothingElseOfTheFieldTranscriptIsProposed() {
    assertThat(NOTHING_LISTED.propose(TRANSCRIPT))
        .extracting(Replacement::original)
        .containsExactlyInAnyOrder(
            "Ramiro Pérez",
            "Morelos",
            "Juana Martínez",
            "Valencia",
            "453 123 4567",
            "Hernández",
            "Hernández",
            "El Chapulín",
            "El Ranchito");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Ingresó en el Servicio de Urgencias para observación.|Servicio de Urgencias",
        "Le hicieron una TAC y salió normal.|TAC",
        "Trae la IgM positiva desde ayer.|IgM",
        "Dice que Mi casa es su casa.|Mi",
        "Le pusieron Prednisona por la mañana.|Prednisona"
      })
  void capitalisedCommonWordsAcronymsAndShortWordsAreNotProposed(String text, String word) {
    assertThat(NOTHING_LISTED.propose(text))
        .extracting(Replacement::original)
        .noneMatch(o -> o.contains(word));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "y luego me dijo Dolores que no.|Dolores",
        "ya ven que Rosa Blanco no vino.|Rosa Blanco",
        "y luego llegó JUAN PÉREZ con su gente.|JUAN PÉREZ",
        "y entonces pasó Tlacuache por la tienda.|Tlacuache"
      })
  void capitalisedWordsThatAreLikelyNamesAreStillProposed(String text, String name) {
    assertThat(NOTHING_LISTED.propose(text)).extracting(Replacement::original).contains(name);
  }

  @Test
  void speakerLabelsAndSentenceInitialWordsAreNotProposedWithHighConfidence() {
    List<Replacement> proposed = NOTHING_LISTED.propose(TRANSCRIPT);

    assertThat(proposed)
        .filteredOn(r -> r.confidence() >= Replacement.HIGH)
        .extracting(Replacement::original)
        .doesNotContain(
            "Facilitadora",
            "APA-001",
            "APA-002",
            "Buenas",
            "Yo",
            "Desde",
            "Mi",
            "Es",
            "Gracias",
            "Nada",
            "Quién",
            "El",
            "Don");
    assertThat(proposed)
        .extracting(Replacement::original)
        .noneMatch(o -> o.contains("Facilitadora") || o.contains("APA-"));
    // A speaker label alone, as the review page proposes for speakers who are not participants.
    assertThat(NOTHING_LISTED.propose("Facilitadora")).allMatch(Replacement::isLowConfidence);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Ayer vino doña Rosa Elena a la junta.|Rosa Elena|PERSON",
        "Le dije al licenciado Gómez que no.|Gómez|PERSON",
        "La licenciada Araceli Ortiz no contestó.|Araceli Ortiz|PERSON",
        "Hablamos con el profe Toño en la escuela.|Toño|PERSON",
        "El padre Chuy ofició la misa.|Chuy|PERSON",
        "Fuimos con el presidente municipal Ortega Ruiz.|Ortega Ruiz|OFFICIAL",
        "Dice el señor Baltazar que no hay agua.|Baltazar|PERSON",
        "Ya ven que los Cervantes no se meten.|Cervantes|PERSON",
        "Ahí anda el Güero con su gente.|el Güero|ALIAS",
        "Vivimos en la avenida Lázaro Cárdenas 120, cerca.|Lázaro Cárdenas 120|STREET",
        "Es en la colonia Obrera, por la vía.|Obrera|NEIGHBOURHOOD",
        "Se fueron al rancho La Esperanza.|La Esperanza|PLACE",
        "Era del ejido San Isidro.|San Isidro|PLACE",
        "Mi folio del INE es 1234 5678 9012, por si acaso.|1234 5678 9012|OTHER"
      })
  void mexicanWaysOfNamingAreProposed(String text, String expected, EntityKind kind) {
    assertThat(NOTHING_LISTED.propose(text))
        .filteredOn(r -> r.original().equals(expected))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.kind()).isEqualTo(kind);
              assertThat(r.isLowConfidence()).isFalse();
              assertThat(text.substring(r.start(), r.end())).isEqualTo(expected);
            });
  }

  @Test
  void datesAndYearsAreNotProposedAsNumbers() {
    assertThat(NOTHING_LISTED.propose("Entre 2016-2018 y el 12-03-2018 fuimos 63."))
        .extracting(Replacement::rule)
        .doesNotContain(Rule.NUMBER);
  }

  @Test
  void aCapitalisedWordNothingElseExplainsIsProposedWithLowConfidence() {
    List<Replacement> proposed = NOTHING_LISTED.propose("y luego pasó Tlacuache por la tienda");

    assertThat(proposed)
        .filteredOn(r -> r.original().equals("Tlacuache"))
        .singleElement()
        .satisfies(r -> assertThat(r.confidenceLevel()).isIn("low", "medium"));
  }

  @Test
  void aListedTermWinsOverAGuessAndKeepsItsToken() {
    Deidentifier withGazetteer =
        Deidentifier.of(List.of(new GazetteerEntry("Ramiro Pérez", EntityKind.PERSON, "[P-03]")));

    assertThat(withGazetteer.propose("Se fue don Ramiro Pérez."))
        .extracting(Replacement::original, Replacement::token, Replacement::rule)
        .containsExactly(tuple("Ramiro Pérez", "[P-03]", Rule.GAZETTEER));
  }

  @Test
  void theModelFindsANameWithoutATitleBeforeIt() {
    assertThat(NOTHING_LISTED.propose("Nombre: Pedro Sánchez López.\nDomicilio: calle Mayor 3."))
        .filteredOn(r -> r.rule() == Rule.RECOGNISER)
        .extracting(Replacement::original, Replacement::kind)
        .contains(tuple("Pedro Sánchez López", EntityKind.PERSON));
  }

  @Test
  void severalCapitalisedWordsInsideASentenceAreNotALowConfidenceGuess() {
    assertThat(NOTHING_LISTED.propose("y entonces me dijo Rosario Bautista Ochoa que no."))
        .extracting(Replacement::original, Replacement::isLowConfidence)
        .contains(tuple("Rosario Bautista Ochoa", false));
  }
}
