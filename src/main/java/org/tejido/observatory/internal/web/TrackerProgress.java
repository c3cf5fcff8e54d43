package org.tejido.observatory.internal.web;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import org.tejido.agenda.Addressee;
import org.tejido.agenda.Domain;
import org.tejido.observatory.ImplementationStatus;
import org.tejido.observatory.ProgressUpdate;
import org.tejido.observatory.TrackedRecommendation;
import org.tejido.shared.LocalizedText;

/**
 * How far a site's recommendations have come, overall, by domain and by addressee: for each group,
 * the recommendations per latest status and their mean progress, once as the officials report it
 * and once as the community assesses it. A recommendation without a report of a source counts as
 * "no report" for that source and is left out of its mean.
 *
 * @param kind overall, domain or addressee
 * @param key the domain's or addressee's key; "all" overall
 */
public record TrackerProgress(
    String kind,
    String key,
    LocalizedText name,
    int recommendations,
    Side official,
    Side community) {

  /** One source's view of a group. */
  public record Side(
      Map<ImplementationStatus, Integer> byStatus, int unreported, Integer meanProgress) {

    /** The statuses that occur, in the vocabulary's order. */
    public List<Map.Entry<ImplementationStatus, Integer>> present() {
      return byStatus.entrySet().stream().filter(e -> e.getValue() > 0).toList();
    }

    public int count(ImplementationStatus status) {
      return byStatus.getOrDefault(status, 0);
    }
  }

  static List<TrackerProgress> of(
      List<TrackedRecommendation> all, List<Domain> domains, List<Addressee> addressees) {
    List<TrackerProgress> rows = new ArrayList<>();
    rows.add(group("overall", "all", null, all, r -> true));
    for (Domain d : domains) {
      add(rows, "domain", d.key(), d.name(), all, r -> r.domains().contains(d.key()));
    }
    for (Addressee a : addressees) {
      add(rows, "addressee", a.key(), a.name(), all, r -> r.addressee().equals(a.key()));
    }
    return rows;
  }

  private static void add(
      List<TrackerProgress> rows,
      String kind,
      String key,
      LocalizedText name,
      List<TrackedRecommendation> all,
      Predicate<TrackedRecommendation> in) {
    if (all.stream().anyMatch(in)) {
      rows.add(group(kind, key, name, all, in));
    }
  }

  private static TrackerProgress group(
      String kind,
      String key,
      LocalizedText name,
      List<TrackedRecommendation> all,
      Predicate<TrackedRecommendation> in) {
    List<TrackedRecommendation> mine = all.stream().filter(in).toList();
    return new TrackerProgress(
        kind,
        key,
        name,
        mine.size(),
        side(mine, TrackedRecommendation::latestOfficial),
        side(mine, TrackedRecommendation::latestCommunity));
  }

  private static Side side(
      List<TrackedRecommendation> mine,
      Function<TrackedRecommendation, Optional<ProgressUpdate>> latest) {
    Map<ImplementationStatus, Integer> counts = new EnumMap<>(ImplementationStatus.class);
    for (ImplementationStatus s : ImplementationStatus.values()) {
      counts.put(s, 0);
    }
    int reported = 0;
    int sum = 0;
    for (TrackedRecommendation r : mine) {
      Optional<ProgressUpdate> u = latest.apply(r);
      if (u.isPresent()) {
        counts.merge(u.get().status(), 1, Integer::sum);
        reported++;
        sum += u.get().progress();
      }
    }
    return new Side(
        counts,
        mine.size() - reported,
        reported == 0 ? null : (int) Math.round((double) sum / reported));
  }

  public boolean overall() {
    return kind.equals("overall");
  }
}
