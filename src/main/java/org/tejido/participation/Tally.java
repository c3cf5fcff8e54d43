package org.tejido.participation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The results of a session: points per issue overall and by population group, side by side, with
 * the voters of each group. A group with fewer voters than the threshold is flagged: its column
 * says too little to read, and shown alone it could point at the few people in it.
 *
 * @param rows issues by points, highest first; ties keep the agenda's order
 * @param voters voters by group, every group present (zero when none voted)
 * @param small the groups under the threshold (with at least one voter)
 */
public record Tally(
    List<Row> rows,
    Map<VoterGroup, Integer> voters,
    int totalVoters,
    List<VoterGroup> small,
    int threshold) {

  /**
   * @param byGroup points by group, every group present
   * @param rank 1 for the most points; tied issues share a rank
   */
  public record Row(
      PrioritisationSession.Issue issue, int points, Map<VoterGroup, Integer> byGroup, int rank) {}

  public boolean isSmall(VoterGroup group) {
    return small.contains(group);
  }

  /** Counts the ballots of a session. */
  public static Tally of(PrioritisationSession session, List<Ballot> ballots, int threshold) {
    Map<VoterGroup, Integer> voters = zeros();
    List<Map<VoterGroup, Integer>> points = new ArrayList<>();
    for (int i = 0; i < session.issues().size(); i++) {
      points.add(zeros());
    }
    for (Ballot ballot : ballots) {
      voters.merge(ballot.group(), 1, Integer::sum);
      for (int i = 0; i < session.issues().size(); i++) {
        Integer value = ballot.marks().get(session.issues().get(i).ref());
        if (value != null) {
          points
              .get(i)
              .merge(
                  ballot.group(),
                  session.method().points(value, session.allowance()),
                  Integer::sum);
        }
      }
    }
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < session.issues().size(); i++) {
      int total = points.get(i).values().stream().mapToInt(Integer::intValue).sum();
      rows.add(new Row(session.issues().get(i), total, points.get(i), 0));
    }
    rows.sort(
        Comparator.comparingInt(Row::points)
            .reversed()
            .thenComparingInt(r -> r.issue().position()));
    List<Row> ranked = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      Row r = rows.get(i);
      int rank = i > 0 && rows.get(i - 1).points() == r.points() ? ranked.get(i - 1).rank() : i + 1;
      ranked.add(new Row(r.issue(), r.points(), r.byGroup(), rank));
    }
    List<VoterGroup> small =
        voters.entrySet().stream()
            .filter(e -> e.getValue() > 0 && e.getValue() < threshold)
            .map(Map.Entry::getKey)
            .toList();
    return new Tally(List.copyOf(ranked), voters, ballots.size(), small, threshold);
  }

  private static Map<VoterGroup, Integer> zeros() {
    Map<VoterGroup, Integer> m = new EnumMap<>(VoterGroup.class);
    for (VoterGroup g : VoterGroup.values()) {
      m.put(g, 0);
    }
    return m;
  }
}
