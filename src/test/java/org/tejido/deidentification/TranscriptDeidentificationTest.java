package org.tejido.deidentification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TranscriptDeidentificationTest {

  private static final List<GazetteerEntry> GAZETTEER =
      List.of(
          new GazetteerEntry("Juana Pérez", EntityKind.PERSON, "[P-07]"),
          new GazetteerEntry("la Güera", EntityKind.ALIAS, "[P-07]"),
          new GazetteerEntry("calle Morelos", EntityKind.STREET, "[CALLE-2]"),
          new GazetteerEntry("Los Olivos", EntityKind.NEIGHBOURHOOD, "[COLONIA-1]"),
          new GazetteerEntry("comandante Ramírez", EntityKind.OFFICIAL, "[FUNCIONARIO-1]"),
          new GazetteerEntry("Ramírez", EntityKind.PERSON, "[P-12]"),
          new GazetteerEntry("el Pozo", EntityKind.PLACE, "[LUGAR-3]"));

  @Test
  void aTranscriptFragmentWithSpeakerTurnsIsDeidentified() {
    String transcript =
        """
        APA-017: Mi vecina Juana Pérez, la Güera, vive en calle Morelos, su cel es 443 123 4567.
        APA-022: Sí, a la güera la conocen en la colonia Los Olivos. Escríbele a guera.perez@correo.mx.
        APA-017: Entre 2016-2018 fuimos 63 participantes; el COMANDANTE RAMIREZ pasaba en la \
        camioneta ABC-123-D, rumbo a El Pozo.
        APA-022: Ramírez también pidió mi CURP, PEPJ800101MMNRRN09. Mañana hablamos 🙏
        """;

    Deidentifier deidentifier = Deidentifier.listedOnly(GAZETTEER);
    String deidentified = Deidentifier.apply(transcript, deidentifier.propose(transcript));

    assertThat(deidentified)
        .isEqualTo(
            """
            APA-017: Mi vecina [P-07], [P-07], vive en [CALLE-2], su cel es [TEL].
            APA-022: Sí, a [P-07] la conocen en la colonia [COLONIA-1]. Escríbele a [CORREO].
            APA-017: Entre 2016-2018 fuimos 63 participantes; el [FUNCIONARIO-1] pasaba en la \
            camioneta [PLACA], rumbo a [LUGAR-3].
            APA-022: [P-12] también pidió mi CURP, [CURP]. Mañana hablamos 🙏
            """);
  }

  @Test
  void proposalsAreSortedNonOverlappingAndPointIntoTheOriginal() {
    String text = "APA-017: Juana Pérez y Ramírez; 443 123 4567 y el comandante Ramírez.";

    List<Replacement> proposed = Deidentifier.listedOnly(GAZETTEER).propose(text);

    assertThat(proposed)
        .extracting(Replacement::token)
        .containsExactly("[P-07]", "[P-12]", "[TEL]", "[FUNCIONARIO-1]");
    for (int i = 0; i < proposed.size(); i++) {
      Replacement r = proposed.get(i);
      assertThat(text.substring(r.start(), r.end())).isEqualTo(r.original());
      if (i > 0) {
        assertThat(r.start()).isGreaterThanOrEqualTo(proposed.get(i - 1).end());
      }
    }
  }
}
