package org.tejido.fieldwork.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tejido.fieldwork.internal.MentionMatcher.Kind;
import org.tejido.fieldwork.internal.MentionMatcher.Match;

class MentionMatcherTest {

  private static final MentionMatcher MARIA =
      MentionMatcher.of(
          "María de la Luz Ortega Villaseñor",
          "la Güera",
          "044 33 1234 5678 / luz.ortega@correo.example",
          Map.of("Luz Ortega Ramos", "GDL-004"));

  @Test
  void findsTheFullNameWhateverItsCaseAccentsAndSpacing() {
    assertThat(kinds("Vino MARIA DE LA LUZ  ORTEGA VILLASENOR ayer."))
        .containsExactly(Kind.FULL_NAME);
  }

  @Test
  void findsPhoneNumbersAndAddressesInOtherFormats() {
    String text =
        "Llámale al 33-1234-5678 o al +52 1 33 12 34 56 78; escribe a Luz.Ortega@correo.example";
    assertThat(find(text)).extracting(Match::kind).containsOnly(Kind.CONTACT).hasSize(3);
    assertThat(find("Su vecino tiene el 33 1234 9999.")).isEmpty();
  }

  @Test
  void proposesTheGivenNameWithTheFirstSurnameAndTheSurnamesTogether() {
    assertThat(find("Habló María Luz Ortega, y los Ortega Villaseñor asintieron."))
        .extracting(Match::kind, Match::preselected)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(Kind.NAME, true),
            org.assertj.core.groups.Tuple.tuple(Kind.NAME, true));
  }

  @Test
  void listsLoneNamesUnselectedAndNeverParticlesOrPartsOfWords() {
    List<Match> found = find("María dijo que Ortega no vino; Marisol y Luzma, de la colonia, sí.");
    assertThat(found).extracting(Match::kind).containsOnly(Kind.NAME_PART).hasSize(2);
    assertThat(found).noneMatch(Match::preselected);
  }

  @Test
  void aPartOfAnotherParticipantsNameIsNotSelected() {
    assertThat(find("Luz Ortega Ramos llegó tarde."))
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.preselected()).isFalse();
              assertThat(m.otherParticipant()).isEqualTo("GDL-004");
            });
  }

  @Test
  void theAliasIsAlwaysRedactedAndANameOfOneWordOnlyListed() {
    assertThat(kinds("Le dicen LA GÜERA.")).containsExactly(Kind.ALIAS);
    MentionMatcher one = MentionMatcher.of("Chuy", null, null, Map.of());
    assertThat(one.find("Chuy vino.")).extracting(Match::kind).containsExactly(Kind.NAME_PART);
  }

  private static List<Match> find(String text) {
    return MARIA.find(text);
  }

  private static List<Kind> kinds(String text) {
    return find(text).stream().map(Match::kind).toList();
  }
}
