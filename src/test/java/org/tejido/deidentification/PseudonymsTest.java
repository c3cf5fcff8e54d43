package org.tejido.deidentification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PseudonymsTest {

  @Test
  void eachKindHasItsSpanishPrefix() {
    assertThat(EntityKind.values())
        .extracting(EntityKind::defaultTokenPrefix)
        .containsExactly("P", "P", "LUGAR", "CALLE", "COLONIA", "FUNCIONARIO", "ORG", "DATO");
  }

  @Test
  void personTokensHaveTwoDigitsAtLeastAndOthersNoPadding() {
    assertThat(Pseudonyms.token(EntityKind.PERSON, 7)).isEqualTo("[P-07]");
    assertThat(Pseudonyms.token(EntityKind.ALIAS, 7)).isEqualTo("[P-07]");
    assertThat(Pseudonyms.token(EntityKind.PERSON, 112)).isEqualTo("[P-112]");
    assertThat(Pseudonyms.token(EntityKind.PLACE, 3)).isEqualTo("[LUGAR-3]");
    assertThat(Pseudonyms.token(EntityKind.NEIGHBOURHOOD, 12)).isEqualTo("[COLONIA-12]");
    assertThat(Pseudonyms.token(EntityKind.OFFICIAL, 1)).isEqualTo("[FUNCIONARIO-1]");
  }

  @Test
  void numbersStartAtOne() {
    assertThatThrownBy(() -> Pseudonyms.token(EntityKind.PERSON, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theNextNumberFollowsTheHighestOfTheKindsPrefix() {
    List<String> existing =
        List.of("[P-07]", "[P-02]", "[LUGAR-9]", "[CALLE-3]", "nonsense", "[PX-50]", "[P-x]");

    assertThat(Pseudonyms.nextNumber(existing, EntityKind.PERSON)).isEqualTo(8);
    assertThat(Pseudonyms.nextNumber(existing, EntityKind.ALIAS)).isEqualTo(8);
    assertThat(Pseudonyms.nextNumber(existing, EntityKind.PLACE)).isEqualTo(10);
    assertThat(Pseudonyms.nextNumber(existing, EntityKind.STREET)).isEqualTo(4);
    assertThat(Pseudonyms.nextNumber(existing, EntityKind.NEIGHBOURHOOD)).isEqualTo(1);
    assertThat(Pseudonyms.nextNumber(List.of(), EntityKind.ORGANISATION)).isEqualTo(1);
  }

  @Test
  void aNewTokenIsNotOneAlreadyInUse() {
    List<String> existing = List.of("[P-01]", "[P-02]", "[P-10]");

    String next =
        Pseudonyms.token(EntityKind.PERSON, Pseudonyms.nextNumber(existing, EntityKind.PERSON));

    assertThat(next).isEqualTo("[P-11]").isNotIn(existing);
  }
}
