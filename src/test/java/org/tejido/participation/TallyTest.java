package org.tejido.participation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.tejido.shared.LocalizedText;

/**
 * Tallies on small fixtures whose expected totals are worked out by hand here, not by the code
 * under test.
 */
class TallyTest {

  private static PrioritisationSession session(VotingMethod method, int allowance) {
    return new PrioritisationSession(
        UUID.randomUUID(),
        UUID.randomUUID(),
        "Taller",
        method,
        allowance,
        SessionState.OPEN,
        1,
        List.of(issue("a-1", 1), issue("a-2", 2), issue("a-3", 3)));
  }

  private static PrioritisationSession.Issue issue(String ref, int position) {
    return new PrioritisationSession.Issue(ref, position, new LocalizedText(ref, ref));
  }

  private static Ballot ballot(VoterGroup group, Map<String, Integer> marks) {
    return new Ballot(group, marks);
  }

  @Test
  void dotsAddUpOverallAndByGroupSideBySide() {
    List<Ballot> ballots = new ArrayList<>();
    // Six women: 3 dots on a-2 and 2 on a-3 each → a-2: 18, a-3: 12.
    for (int i = 0; i < 6; i++) {
      ballots.add(ballot(VoterGroup.WOMEN, Map.of("a-2", 3, "a-3", 2)));
    }
    // Two youths: 5 dots on a-1 each → a-1: 10.
    ballots.add(ballot(VoterGroup.YOUTH, Map.of("a-1", 5)));
    ballots.add(ballot(VoterGroup.YOUTH, Map.of("a-1", 5)));
    // One who prefers not to say: 1 dot on a-3.
    ballots.add(ballot(VoterGroup.NOT_STATED, Map.of("a-3", 1)));

    Tally tally = Tally.of(session(VotingMethod.DOTS, 5), ballots, 5);

    // Overall: a-2 18, a-3 13, a-1 10.
    assertThat(tally.rows())
        .extracting(r -> r.issue().ref(), Tally.Row::points, Tally.Row::rank)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("a-2", 18, 1),
            org.assertj.core.groups.Tuple.tuple("a-3", 13, 2),
            org.assertj.core.groups.Tuple.tuple("a-1", 10, 3));
    Tally.Row a3 = tally.rows().get(1);
    assertThat(a3.byGroup())
        .containsEntry(VoterGroup.WOMEN, 12)
        .containsEntry(VoterGroup.NOT_STATED, 1)
        .containsEntry(VoterGroup.YOUTH, 0)
        .containsEntry(VoterGroup.ELDERLY, 0);
    assertThat(tally.voters())
        .containsEntry(VoterGroup.WOMEN, 6)
        .containsEntry(VoterGroup.YOUTH, 2)
        .containsEntry(VoterGroup.NOT_STATED, 1)
        .containsEntry(VoterGroup.ADULT_MEN, 0);
    assertThat(tally.totalVoters()).isEqualTo(9);
    // Under five voters and not empty: youths and "prefer not to say"; women (6) are readable.
    assertThat(tally.small()).containsExactlyInAnyOrder(VoterGroup.YOUTH, VoterGroup.NOT_STATED);
  }

  @Test
  void rankingScoresBordaPointsOverTheTopK() {
    // K = 2: first place 2 points, second 1.
    List<Ballot> ballots =
        List.of(
            ballot(VoterGroup.ELDERLY, Map.of("a-3", 1, "a-1", 2)), // a-3 +2, a-1 +1
            ballot(VoterGroup.ELDERLY, Map.of("a-1", 1)), // a-1 +2
            ballot(VoterGroup.ADULT_MEN, Map.of("a-3", 1, "a-2", 2))); // a-3 +2, a-2 +1
    Tally tally = Tally.of(session(VotingMethod.RANKING, 2), ballots, 5);
    // a-3: 4, a-1: 3, a-2: 1.
    assertThat(tally.rows()).extracting(r -> r.issue().ref()).containsExactly("a-3", "a-1", "a-2");
    assertThat(tally.rows()).extracting(Tally.Row::points).containsExactly(4, 3, 1);
    assertThat(tally.rows().get(0).byGroup())
        .containsEntry(VoterGroup.ELDERLY, 2)
        .containsEntry(VoterGroup.ADULT_MEN, 2);
  }

  @Test
  void tiedIssuesShareARankAndKeepTheAgendaOrder() {
    List<Ballot> ballots = List.of(ballot(VoterGroup.WOMEN, Map.of("a-3", 1, "a-2", 1)));
    Tally tally = Tally.of(session(VotingMethod.DOTS, 2), ballots, 5);
    assertThat(tally.rows()).extracting(r -> r.issue().ref()).containsExactly("a-2", "a-3", "a-1");
    assertThat(tally.rows()).extracting(Tally.Row::rank).containsExactly(1, 1, 3);
  }

  @Test
  void ballotsTheMethodDoesNotAllowAreRefusedWithAReason() {
    PrioritisationSession dots = session(VotingMethod.DOTS, 3);
    assertThat(problem(dots, Map.of("a-1", 2, "a-2", 2)))
        .isEqualTo("participation.ballot.too-many-dots");
    assertThat(problem(dots, Map.of("a-9", 1))).isEqualTo("participation.ballot.unknown-issue");
    assertThat(problem(dots, Map.of())).isEqualTo("participation.ballot.empty");
    assertThat(problem(dots, Map.of("a-1", 3))).isNull();
    PrioritisationSession ranking = session(VotingMethod.RANKING, 2);
    assertThat(problem(ranking, Map.of("a-1", 1, "a-2", 1)))
        .isEqualTo("participation.ballot.ranks");
    assertThat(problem(ranking, Map.of("a-1", 2))).isEqualTo("participation.ballot.ranks");
    assertThat(problem(ranking, Map.of("a-1", 1, "a-2", 2, "a-3", 3)))
        .isEqualTo("participation.ballot.ranks");
    assertThat(problem(ranking, Map.of("a-2", 1, "a-3", 2))).isNull();
  }

  private static String problem(PrioritisationSession session, Map<String, Integer> marks) {
    try {
      BallotRules.check(session, new Ballot(VoterGroup.WOMEN, marks));
      return null;
    } catch (org.tejido.shared.BadRequest e) {
      return e.fieldErrors().get("marks");
    }
  }
}
