package org.tejido.deidentification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApplyTest {

  private static final String TEXT = "Juana Pérez vive en calle Morelos; tel 443 123 4567.";

  private static final Deidentifier DEIDENTIFIER =
      Deidentifier.listedOnly(
          List.of(
              new GazetteerEntry("Juana Pérez", EntityKind.PERSON, "[P-07]"),
              new GazetteerEntry("calle Morelos", EntityKind.STREET, "[CALLE-2]")));

  @Test
  void replacesEveryAcceptedSpanByItsToken() {
    List<Replacement> proposed = DEIDENTIFIER.propose(TEXT);

    assertThat(Deidentifier.apply(TEXT, proposed))
        .isEqualTo("[P-07] vive en [CALLE-2]; tel [TEL].");
  }

  @Test
  void acceptsTheReplacementsInAnyOrder() {
    List<Replacement> reversed = new ArrayList<>(DEIDENTIFIER.propose(TEXT));
    Collections.reverse(reversed);

    assertThat(Deidentifier.apply(TEXT, reversed))
        .isEqualTo("[P-07] vive en [CALLE-2]; tel [TEL].");
  }

  @Test
  void appliesOnlyTheAcceptedOnesWithTheTokensAReviewerChose() {
    Replacement person = DEIDENTIFIER.propose(TEXT).get(0);
    Replacement edited =
        new Replacement(
            person.start(),
            person.end(),
            person.original(),
            "[una vecina]",
            person.rule(),
            person.kind());

    assertThat(Deidentifier.apply(TEXT, List.of(edited)))
        .isEqualTo("[una vecina] vive en calle Morelos; tel 443 123 4567.");
  }

  @Test
  void anEmptyTokenDeletesTheSpan() {
    Replacement phone =
        DEIDENTIFIER.propose(TEXT).stream().filter(r -> r.rule() == Rule.PHONE).findFirst().get();
    Replacement deleted =
        new Replacement(phone.start(), phone.end(), phone.original(), "", Rule.PHONE, null);

    assertThat(Deidentifier.apply(TEXT, List.of(deleted)))
        .isEqualTo("Juana Pérez vive en calle Morelos; tel .");
  }

  @Test
  void nothingAcceptedLeavesTheTextAsItIs() {
    assertThat(Deidentifier.apply(TEXT, List.of())).isEqualTo(TEXT);
  }

  @Test
  void rejectsProposalsMadeForAnotherVersionOfTheText() {
    List<Replacement> proposed = DEIDENTIFIER.propose(TEXT);
    String edited = "Dice que " + TEXT;

    assertThatThrownBy(() -> Deidentifier.apply(edited, proposed))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("another version")
        .message()
        .doesNotContain("Juana")
        .doesNotContain("Morelos");
  }

  @Test
  void rejectsAReplacementReachingPastTheEndOfTheText() {
    Replacement beyond =
        new Replacement(0, 5, "Juana", "[P-07]", Rule.GAZETTEER, EntityKind.PERSON);

    assertThatThrownBy(() -> Deidentifier.apply("Juan", List.of(beyond)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectsOverlappingReplacements() {
    Replacement whole =
        new Replacement(0, 11, "Juana Pérez", "[P-07]", Rule.GAZETTEER, EntityKind.PERSON);
    Replacement surname =
        new Replacement(6, 11, "Pérez", "[P-09]", Rule.GAZETTEER, EntityKind.PERSON);

    assertThatThrownBy(() -> Deidentifier.apply(TEXT, List.of(surname, whole)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("overlaps");
  }

  @Test
  void adjacentReplacementsDoNotOverlap() {
    Replacement first = new Replacement(0, 5, "Juana", "[A]", Rule.GAZETTEER, EntityKind.PERSON);
    Replacement second = new Replacement(5, 11, " Pérez", "[B]", Rule.GAZETTEER, EntityKind.PERSON);

    assertThat(Deidentifier.apply(TEXT, List.of(second, first))).startsWith("[A][B] vive");
  }

  @Test
  void rejectsAReplacementThatSplitsAnEmoji() {
    String text = "ya 😢 no";
    Replacement half = new Replacement(3, 4, text.substring(3, 4), "[X]", Rule.PHONE, null);

    assertThatThrownBy(() -> Deidentifier.apply(text, List.of(half)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("splits");
  }

  @Test
  void aReplacementMustHoldExactlyItsSpan() {
    assertThatThrownBy(() -> new Replacement(0, 4, "Juana", "[P-07]", Rule.PHONE, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Replacement(3, 3, "", "[P-07]", Rule.PHONE, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Replacement(0, 5, "Juana", "[P-07]", Rule.GAZETTEER, null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
