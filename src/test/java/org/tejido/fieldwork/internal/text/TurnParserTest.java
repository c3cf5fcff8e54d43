package org.tejido.fieldwork.internal.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TurnParserTest {

  /** Fictional: written for this test, no real testimony. */
  private static final String TRANSCRIPT =
      """
      Taller de memoria, colonia Las Palmas. Grabación 2 de 3.
      Participan seis vecinas; se omiten nombres.

      Facilitadora: Buenas tardes. ¿Cómo era la colonia cuando llegaron?
      APA-017: Tranquila. Los niños jugaban en la calle hasta las 10:30 de la noche
      y nadie se preocupaba.
      APA-021: Sí, pero eso cambió en 2013. Dijo lo siguiente: que ya no saliéramos.
      Entonces le dije: ¿y de qué vamos a vivir?
      Facilitadora:
      ¿Quién lo dijo?
      APA-017: El comisario. Fecha: no me acuerdo, era en lluvias.
      INV 2: (Se escuchan motos afuera; pausa de un minuto.)
      APA-021:
      GUA-120: Yo no soy de aquí, vengo de Guadalajara.
      """;

  @Test
  void splitsATranscriptIntoTurns() {
    List<Turn> turns = TurnParser.parse(TRANSCRIPT);

    assertThat(turns)
        .extracting(Turn::speaker, Turn::text)
        .containsExactly(
            tuple(
                null,
                "Taller de memoria, colonia Las Palmas. Grabación 2 de 3.\n"
                    + "Participan seis vecinas; se omiten nombres."),
            tuple("Facilitadora", "Buenas tardes. ¿Cómo era la colonia cuando llegaron?"),
            tuple(
                "APA-017",
                "Tranquila. Los niños jugaban en la calle hasta las 10:30 de la noche\n"
                    + "y nadie se preocupaba."),
            tuple(
                "APA-021",
                "Sí, pero eso cambió en 2013. Dijo lo siguiente: que ya no saliéramos.\n"
                    + "Entonces le dije: ¿y de qué vamos a vivir?"),
            tuple("Facilitadora", "¿Quién lo dijo?"),
            tuple("APA-017", "El comisario. Fecha: no me acuerdo, era en lluvias."),
            tuple("INV 2", "(Se escuchan motos afuera; pausa de un minuto.)"),
            tuple("GUA-120", "Yo no soy de aquí, vengo de Guadalajara."));
  }

  @ParameterizedTest
  @ValueSource(strings = {"APA-017", "TIJ-3", "GUA-120", "AB-1", "ABCDE-1234"})
  void recognisesParticipantCodes(String code) {
    assertThat(TurnParser.parse(code + ": Aquí estoy."))
        .extracting(Turn::speaker, Turn::text)
        .containsExactly(tuple(code, "Aquí estoy."));
  }

  @ParameterizedTest
  @ValueSource(strings = {"A-1", "ABCDEF-1", "APA-12345", "APA017", "INV2", "apa-017", "APA_017"})
  void doesNotTakeMalformedCodesForSpeakers(String code) {
    assertThat(TurnParser.parse(code + ": Aquí estoy."))
        .extracting(Turn::speaker)
        .containsExactly((String) null);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Facilitadora",
        "Entrevistador",
        "Moderador",
        "INV 2",
        "ENTREVISTADORA",
        "Participante A",
        "Doña Rosa",
        "Señora Ávila Núñez"
      })
  void recognisesFacilitatorsAndOtherNamedSpeakers(String label) {
    assertThat(TurnParser.parse("APA-017: Antes.\n" + label + ": ¿Y luego?"))
        .extracting(Turn::speaker, Turn::text)
        .containsExactly(tuple("APA-017", "Antes."), tuple(label, "¿Y luego?"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Dijo lo siguiente: que no saliéramos.",
        "Entonces le dije: ya basta.",
        "Entonces Juan: ya basta.",
        "Y ella: ¿qué hacemos?",
        "Fecha: 3 de mayo de 2017",
        "Lugar: salón ejidal",
        "Observaciones: llovió todo el día.",
        "Lunes 3: recorrido por la colonia.",
        "Nota: la grabadora se apagó.",
        "A las 10:30 llegaron las camionetas.",
        "10:30: llegaron las camionetas.",
        "Https://ejemplo.org/nota",
        "P: ¿Cuántos años tiene?",
        "NO: eso no pasó así.",
        "La Señora De Enfrente: nada.",
        "Facilitadora Del Taller De Memoria: hola",
        "Coordinadora Regional Michoacana: hola",
        "\"Facilitadora\": hola",
        "Facilitadora : hola"
      })
  void leavesOrdinarySentencesWithAColonInTheTurn(String line) {
    List<Turn> turns = TurnParser.parse("APA-017: Le cuento.\n" + line);

    assertThat(turns)
        .extracting(Turn::speaker, Turn::text)
        .containsExactly(tuple("APA-017", "Le cuento.\n" + line));
  }

  @Test
  void recognisesALabelOnlyAtTheStartOfALine() {
    List<Turn> turns = TurnParser.parse("Facilitadora: Y usted qué dijo. APA-017: nada.");

    assertThat(turns)
        .extracting(Turn::speaker, Turn::text)
        .containsExactly(tuple("Facilitadora", "Y usted qué dijo. APA-017: nada."));
  }

  @Test
  void acceptsALabelAfterIndentation() {
    assertThat(TurnParser.parse("   APA-017: Sangría.\n\tFacilitadora: Tabulador."))
        .extracting(Turn::speaker, Turn::text)
        .containsExactly(tuple("APA-017", "Sangría."), tuple("Facilitadora", "Tabulador."));
  }

  @Test
  void keepsTextBeforeTheFirstLabelAsATurnWithoutSpeaker() {
    assertThat(TurnParser.parse("Diario de campo, 12 de marzo.\nAPA-017: Hola."))
        .extracting(Turn::speaker, Turn::text)
        .containsExactly(tuple(null, "Diario de campo, 12 de marzo."), tuple("APA-017", "Hola."));
  }

  @Test
  void aTextWithoutLabelsIsOneTurnWithoutSpeaker() {
    assertThat(TurnParser.parse("  Notas del recorrido.\n\nSin grabación.  \n"))
        .containsExactly(new Turn(null, "Notas del recorrido.\n\nSin grabación."));
  }

  @Test
  void dropsEmptyTurnsAndTrimsTheOthers() {
    List<Turn> turns =
        TurnParser.parse("\n\nFacilitadora:   \nAPA-017:    Sí.   \n\n\nAPA-021:\n\n");

    assertThat(turns).containsExactly(new Turn("APA-017", "Sí."));
  }

  @Test
  void readsWindowsAndOldMacLineEnds() {
    assertThat(TurnParser.parse("APA-017: Uno\r\ndos\rFacilitadora: Tres\r\n"))
        .extracting(Turn::speaker, Turn::text)
        .containsExactly(tuple("APA-017", "Uno\ndos"), tuple("Facilitadora", "Tres"));
  }

  @Test
  void writesLabelsWithOneSpaceBetweenWords() {
    assertThat(TurnParser.parse("INV\u00A02: Pausa.")).containsExactly(new Turn("INV 2", "Pausa."));
  }

  @Test
  void givesNoTurnsForAnEmptyText() {
    assertThat(TurnParser.parse("")).isEmpty();
    assertThat(TurnParser.parse(" \n\n \n")).isEmpty();
  }

  @Test
  void rendersOneTurnPerParagraph() {
    String text =
        TurnParser.render(
            List.of(
                new Turn(null, "Grabación 2."),
                new Turn("Facilitadora", "¿Cómo era?"),
                new Turn("APA-017", "Tranquila.\ny bonita.")));

    assertThat(text)
        .isEqualTo("Grabación 2.\n\nFacilitadora: ¿Cómo era?\n\nAPA-017: Tranquila.\ny bonita.");
  }

  @Test
  void parsingWhatWasRenderedGivesTheSameTurns() {
    List<Turn> turns = TurnParser.parse(TRANSCRIPT);

    assertThat(TurnParser.parse(TurnParser.render(turns))).isEqualTo(turns);
  }

  @Test
  void rendersNothingForNoTurns() {
    assertThat(TurnParser.render(List.of())).isEmpty();
  }

  @Test
  void keepsTestimonyOutOfATurnsDescription() {
    assertThat(new Turn("APA-017", "algo delicado").toString())
        .doesNotContain("delicado")
        .contains("APA-017");
  }
}
