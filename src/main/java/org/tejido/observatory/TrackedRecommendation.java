package org.tejido.observatory;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.tejido.shared.LocalizedText;

/**
 * A recommendation as the tracker shows it: what it asks of whom, where it comes from, and the two
 * timelines (official reports, community assessments), oldest first.
 *
 * @param number its number within the site (R-1, R-2, …)
 * @param addressee an {@code agenda.Addressee} key
 * @param domains {@code agenda.Domain} keys
 * @param specificity 1–5, UPR Info's scale (1: minimal action … 5: specific action)
 */
public record TrackedRecommendation(
    RecommendationId id,
    int number,
    LocalizedText text,
    String addressee,
    List<Institution> institutions,
    List<String> domains,
    List<Sdg16Target> targets,
    int specificity,
    LocalDate startsOn,
    LocalDate dueOn,
    List<LinkedProposal> proposals,
    List<ProgressUpdate> official,
    List<ProgressUpdate> community,
    List<Commitment> commitments) {

  /** The same recommendation with other timelines (the staff's, with held evidence). */
  public TrackedRecommendation withTimelines(
      List<ProgressUpdate> official, List<ProgressUpdate> community) {
    return new TrackedRecommendation(
        id,
        number,
        text,
        addressee,
        institutions,
        domains,
        targets,
        specificity,
        startsOn,
        dueOn,
        proposals,
        official,
        community,
        commitments);
  }

  public Optional<ProgressUpdate> latestOfficial() {
    return official.isEmpty() ? Optional.empty() : Optional.of(official.get(official.size() - 1));
  }

  public Optional<ProgressUpdate> latestCommunity() {
    return community.isEmpty()
        ? Optional.empty()
        : Optional.of(community.get(community.size() - 1));
  }
}
