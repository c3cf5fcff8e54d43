package org.tejido.analysis;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tejido.analysis.agreement.AgreementException;
import org.tejido.analysis.agreement.CodingComparison;
import org.tejido.analysis.agreement.CodingSpan;
import org.tejido.analysis.agreement.KrippendorffAlpha;
import org.tejido.analysis.agreement.MeasurementLevel;
import org.tejido.analysis.internal.AnalysisStore;
import org.tejido.audit.AuditLog;
import org.tejido.fieldwork.SourceTurn;
import org.tejido.fieldwork.Sources;
import org.tejido.identity.SiteRole;
import org.tejido.identity.Team;
import org.tejido.shared.BadRequest;
import org.tejido.sites.Site;

/**
 * Inter-coder agreement between two people who coded at a site, on the site's own codings: each
 * source is its de-identified text as a whole (turns joined by {@link
 * Codings#WHOLE_SOURCE_SEPARATOR}, a turn's coding shifted to where the turn starts), compared
 * character by character with {@link CodingComparison} (percent agreement and Cohen's kappa,
 * NVivo's way, pooled and size-weighted), and Krippendorff's alpha (nominal) on the same
 * characters, each character a unit valued coded or not by each coder. The scope is the sources
 * chosen, or else the sources both coders coded; a source not readable for analysis now is left out
 * and counted. {@link #compareGroup} does the same for two or more coders: alpha over all of them,
 * and every pair as above. Coordinators and researchers; audited with ids only.
 */
@Service
public class CoderAgreement {

  /** Who compares coders. */
  public static final SiteRole[] READERS = {SiteRole.COORDINATOR, SiteRole.RESEARCHER};

  private final AnalysisStore store;
  private final Sources sources;
  private final Team team;
  private final AuditLog audit;

  CoderAgreement(AnalysisStore store, Sources sources, Team team, AuditLog audit) {
    this.store = store;
    this.sources = sources;
    this.team = team;
    this.audit = audit;
  }

  /** A person who coded at the site. */
  public record Coder(UUID id, String name) {}

  /**
   * A code's (or all codes') figures.
   *
   * @param code null for the overall line
   * @param alpha Krippendorff's alpha (nominal); null where it is undefined (no variation)
   */
  public record Line(
      Code code, CodingComparison.Counts counts, double sizeWeightedKappa, Double alpha) {}

  /**
   * @param byCode one line per code either coded, in the codebook's name order
   * @param sources the sources compared
   * @param unreadable sources in scope left out because their text is not readable for analysis
   */
  public record Comparison(
      Coder a, Coder b, List<Line> byCode, Line overall, int sources, int unreadable) {

    /** The line of a code, or null when neither coded with it. */
    public Line line(UUID code) {
      return byCode.stream()
          .filter(l -> l.code() != null && l.code().id().equals(code))
          .findFirst()
          .orElse(null);
    }
  }

  /** The people who coded at the site, by name. */
  @Transactional(readOnly = true)
  public List<Coder> coders(Site site) {
    team.require(site.id(), READERS);
    Map<UUID, String> names = new HashMap<>(store.externalCoderNames(site.id().value()));
    team.membersOf(site.id()).forEach(m -> names.put(m.id().value(), m.displayName()));
    return store.coders(site.id().value()).stream()
        .map(id -> new Coder(id, names.getOrDefault(id, id.toString().substring(0, 8))))
        .sorted(Comparator.comparing(Coder::name))
        .toList();
  }

  /**
   * Compares two coders.
   *
   * @param onlySources the sources to compare; empty: those both coded
   * @param onlyCodes the codes to compare; empty: every code either coded
   * @throws BadRequest {@code agreement.need-two} when the two are the same or either never coded
   *     at the site
   * @throws org.tejido.analysis.agreement.UndefinedAgreementException when there is nothing to
   *     compare
   */
  @Transactional(readOnly = true)
  public Comparison compare(Site site, UUID a, UUID b, Set<UUID> onlySources, Set<UUID> onlyCodes) {
    Comparison c = pair(site, coders(site), a, b, onlySources, onlyCodes, null);
    audit.record(
        site.id().value(), "analysis.agreement.read", a + "/" + b, c.sources() + " sources");
    return c;
  }

  private Comparison pair(
      Site site,
      List<Coder> coders,
      UUID a,
      UUID b,
      Set<UUID> onlySources,
      Set<UUID> onlyCodes,
      Layout known) {
    Coder coderA = coders.stream().filter(c -> c.id().equals(a)).findFirst().orElse(null);
    Coder coderB = coders.stream().filter(c -> c.id().equals(b)).findFirst().orElse(null);
    if (coderA == null || coderB == null || a.equals(b)) {
      throw new BadRequest("agreement.need-two");
    }
    UUID siteId = site.id().value();
    List<Coding> codings = store.codingsOfCoders(siteId, a, b);
    Set<UUID> scope = new java.util.LinkedHashSet<>(onlySources);
    if (scope.isEmpty()) {
      Set<UUID> byA = new java.util.HashSet<>();
      Set<UUID> byB = new java.util.HashSet<>();
      for (Coding c : codings) {
        (c.coderId().equals(a) ? byA : byB).add(c.sourceId());
      }
      byA.retainAll(byB);
      scope.addAll(byA);
    }
    Layout layout = known == null ? layout(site, scope) : known.only(scope);
    Map<String, Integer> lengths = layout.lengths();
    Map<UUID, Map<Integer, Integer>> starts = layout.starts();
    int unreadable = layout.unreadable();
    List<CodingSpan> spans = new ArrayList<>();
    for (Coding c : codings) {
      Map<Integer, Integer> at = starts.get(c.sourceId());
      if (at == null || (!onlyCodes.isEmpty() && !onlyCodes.contains(c.codeId()))) {
        continue;
      }
      int shift = c.turn() == null ? 0 : at.getOrDefault(c.turn(), -1);
      if (shift < 0) {
        continue; // a turn that is no longer there (withdrawn) has nothing to compare
      }
      spans.add(
          new CodingSpan(
              c.coderId().toString(),
              c.sourceId().toString(),
              c.codeId().toString(),
              shift + c.start(),
              shift + c.end()));
    }
    CodingComparison.Report report;
    try {
      report = CodingComparison.compare(a.toString(), b.toString(), lengths, spans);
    } catch (org.tejido.analysis.agreement.UndefinedAgreementException e) {
      throw e;
    } catch (AgreementException e) {
      // A coding outside its source's text now (text shortened by a new de-identification).
      throw new BadRequest("agreement.stale");
    }
    Map<UUID, Code> codes = new HashMap<>();
    store.codes(siteId).forEach(c -> codes.put(c.id(), c));
    List<Line> lines = new ArrayList<>();
    report
        .byCode()
        .forEach(
            (code, summary) ->
                lines.add(
                    new Line(
                        codes.get(UUID.fromString(code)),
                        summary.pooled(),
                        summary.sizeWeightedMeanKappa(),
                        alpha(summary.pooled()))));
    lines.sort(
        Comparator.comparing(
            l -> l.code() == null ? "" : l.code().name().es(), String.CASE_INSENSITIVE_ORDER));
    CodingComparison.Summary all = report.overall();
    return new Comparison(
        coderA,
        coderB,
        lines,
        new Line(null, all.pooled(), all.sizeWeightedMeanKappa(), alpha(all.pooled())),
        lengths.size(),
        unreadable);
  }

  /**
   * Krippendorff's alpha (nominal) for one code, or for all codes pooled, among several coders.
   *
   * @param code null for the pooled line
   * @param alpha null where it is undefined (no variation)
   */
  public record GroupLine(Code code, Double alpha) {}

  /** Two of the chosen coders compared; {@code comparison} null when they share no source. */
  public record Pair(Coder a, Coder b, Comparison comparison) {}

  /**
   * Agreement among a group of coders.
   *
   * @param byCode alpha per code coded by any of them, in the codebook's name order
   * @param pairs every pair of them, in the order chosen, with Cohen's kappa and the rest
   * @param sources the sources at least two of them coded (or the sources chosen)
   * @param characters the characters of those sources, each a unit for every code
   */
  public record Group(
      List<Coder> coders,
      List<GroupLine> byCode,
      GroupLine overall,
      List<Pair> pairs,
      int sources,
      int unreadable,
      long characters) {}

  /**
   * Compares two or more coders: Krippendorff's alpha (nominal) over all of them, each character of
   * each source a unit that each coder valued coded or not, per code and pooled over codes; a coder
   * who did not code a source is missing data there (unless sources were chosen: then every chosen
   * coder who coded any of them is taken to have read them all, as for two coders); and every
   * pair's comparison as {@link #compare} gives it.
   *
   * @throws BadRequest {@code agreement.need-two} when fewer than two different coders of the site
   *     are chosen and {@code agreement.fewer-than-two-coded} when fewer than two of them coded the
   *     sources chosen (or any source in common)
   * @throws org.tejido.analysis.agreement.UndefinedAgreementException when none of them coded with
   *     the codes chosen
   */
  @Transactional(readOnly = true)
  public Group compareGroup(
      Site site, List<UUID> chosen, Set<UUID> onlySources, Set<UUID> onlyCodes) {
    List<Coder> all = coders(site);
    List<Coder> group = new ArrayList<>();
    for (UUID id : new java.util.LinkedHashSet<>(chosen)) {
      all.stream().filter(c -> c.id().equals(id)).findFirst().ifPresent(group::add);
    }
    if (group.size() < 2 || group.size() < new java.util.HashSet<>(chosen).size()) {
      throw new BadRequest("agreement.need-two");
    }
    UUID siteId = site.id().value();
    List<Coding> codings = new ArrayList<>();
    for (Coder c : group) {
      codings.addAll(store.codingsOfCoders(siteId, c.id(), c.id()));
    }
    // Who coded what, and so which coders take part in each source.
    Map<UUID, Set<UUID>> codersOf = new LinkedHashMap<>();
    for (Coding c : codings) {
      codersOf.computeIfAbsent(c.sourceId(), k -> new java.util.HashSet<>()).add(c.coderId());
    }
    Map<UUID, Set<UUID>> taking = new LinkedHashMap<>();
    if (!onlySources.isEmpty()) {
      Set<UUID> readers = new java.util.HashSet<>();
      onlySources.forEach(s -> readers.addAll(codersOf.getOrDefault(s, Set.of())));
      onlySources.forEach(s -> taking.put(s, readers));
    } else {
      codersOf.forEach(
          (source, who) -> {
            if (who.size() >= 2) {
              taking.put(source, who);
            }
          });
    }
    taking.values().removeIf(who -> who.size() < 2);
    if (taking.isEmpty()) {
      throw new BadRequest("agreement.fewer-than-two-coded");
    }
    Layout layout = layout(site, taking.keySet());

    // Per code, per source: each coder's spans merged, then swept for how many coded each stretch.
    Map<UUID, Map<UUID, Map<UUID, List<int[]>>>> spans = new HashMap<>();
    for (Coding c : codings) {
      Map<Integer, Integer> at = layout.starts().get(c.sourceId());
      Set<UUID> who = taking.get(c.sourceId());
      if (at == null
          || who == null
          || !who.contains(c.coderId())
          || (!onlyCodes.isEmpty() && !onlyCodes.contains(c.codeId()))) {
        continue;
      }
      int[] span = placed(c, at);
      if (span == null) {
        continue;
      }
      spans
          .computeIfAbsent(c.codeId(), k -> new HashMap<>())
          .computeIfAbsent(c.sourceId(), k -> new HashMap<>())
          .computeIfAbsent(c.coderId(), k -> new ArrayList<>())
          .add(span);
    }
    Map<UUID, Code> codes = new HashMap<>();
    store.codes(siteId).forEach(c -> codes.put(c.id(), c));
    List<GroupLine> lines = new ArrayList<>();
    double[] pooled = new double[3];
    for (var byCode : spans.entrySet()) {
      double[] sums = new double[3];
      for (UUID source : layout.starts().keySet()) {
        int length = layout.lengths().get(source.toString());
        int m = taking.get(source).size();
        Map<UUID, List<int[]>> bySource = byCode.getValue().getOrDefault(source, Map.of());
        java.util.TreeMap<Integer, Integer> changes = new java.util.TreeMap<>();
        for (List<int[]> ofCoder : bySource.values()) {
          for (int[] merged : merge(ofCoder, length)) {
            changes.merge(merged[0], 1, Integer::sum);
            changes.merge(merged[1], -1, Integer::sum);
          }
        }
        int k = 0;
        int from = 0;
        for (var change : changes.entrySet()) {
          add(sums, m, k, change.getKey() - from);
          k += change.getValue();
          from = change.getKey();
        }
        add(sums, m, k, length - from);
      }
      for (int i = 0; i < 3; i++) {
        pooled[i] += sums[i];
      }
      lines.add(new GroupLine(codes.get(byCode.getKey()), alpha(sums)));
    }
    lines.sort(
        Comparator.comparing(
            l -> l.code() == null ? "" : l.code().name().es(), String.CASE_INSENSITIVE_ORDER));
    long characters = 0;
    for (UUID source : layout.starts().keySet()) {
      characters += layout.lengths().get(source.toString());
    }
    if (lines.isEmpty()) {
      throw new org.tejido.analysis.agreement.UndefinedAgreementException(
          "none of the coders coded with the codes chosen");
    }
    List<Pair> pairs = new ArrayList<>();
    for (int i = 0; i < group.size(); i++) {
      for (int j = i + 1; j < group.size(); j++) {
        Coder a = group.get(i);
        Coder b = group.get(j);
        Comparison c;
        try {
          c = pair(site, all, a.id(), b.id(), onlySources, onlyCodes, layout);
        } catch (org.tejido.analysis.agreement.UndefinedAgreementException e) {
          c = null;
        }
        pairs.add(new Pair(a, b, c));
      }
    }
    audit.record(
        siteId,
        "analysis.agreement.read",
        subject(group),
        group.size() + " coders, " + layout.lengths().size() + " sources");
    return new Group(
        List.copyOf(group),
        lines,
        new GroupLine(null, alpha(pooled)),
        pairs,
        layout.lengths().size(),
        layout.unreadable(),
        characters);
  }

  /** The coders compared, by the start of their ids, within what an audit subject holds. */
  private static String subject(List<Coder> group) {
    StringBuilder ids = new StringBuilder();
    for (Coder c : group) {
      String id = c.id().toString().substring(0, 8);
      if (ids.length() + id.length() + 1 > 200) {
        break;
      }
      ids.append(ids.isEmpty() ? "" : "/").append(id);
    }
    return ids.toString();
  }

  /**
   * Adds {@code length} characters that {@code k} of {@code m} coders coded: {@code sums[0]} and
   * {@code [1]} the values "not coded" and "coded" (n₀, n₁ of the coincidence matrix, in units of
   * characters × coders / coders, i.e. pairable values), {@code [2]} the coincidences o₀₁.
   */
  private static void add(double[] sums, int m, int k, int length) {
    if (length <= 0) {
      return;
    }
    sums[0] += (double) length * (m - k);
    sums[1] += (double) length * k;
    sums[2] += (double) length * k * (m - k) / (m - 1);
  }

  /** Nominal alpha on two values from n₀, n₁ and o₀₁: 1 − (n − 1)·o₀₁ / (n₀·n₁). */
  private static Double alpha(double[] sums) {
    double n0 = sums[0];
    double n1 = sums[1];
    if (n0 <= 0 || n1 <= 0) {
      return null;
    }
    return 1 - (n0 + n1 - 1) * sums[2] / (n0 * n1);
  }

  /** One coder's spans of one code in one source, overlaps joined, clipped to the text. */
  private static List<int[]> merge(List<int[]> spans, int length) {
    List<int[]> sorted = new ArrayList<>(spans);
    sorted.sort(Comparator.comparingInt(x -> x[0]));
    List<int[]> merged = new ArrayList<>();
    for (int[] s : sorted) {
      int start = Math.max(0, s[0]);
      int end = Math.min(length, s[1]);
      if (end <= start) {
        continue;
      }
      if (!merged.isEmpty() && start <= merged.get(merged.size() - 1)[1]) {
        int[] last = merged.get(merged.size() - 1);
        last[1] = Math.max(last[1], end);
      } else {
        merged.add(new int[] {start, end});
      }
    }
    return merged;
  }

  /**
   * The sources' texts as the comparison sees them: each source's length in code points (turns
   * joined), and where each turn starts in it; sources not readable now are counted apart.
   */
  private record Layout(
      Map<String, Integer> lengths, Map<UUID, Map<Integer, Integer>> starts, int unreadable) {

    /** The part of this layout for some of its sources (the others counted unreadable). */
    Layout only(Set<UUID> scope) {
      Map<String, Integer> l = new LinkedHashMap<>();
      Map<UUID, Map<Integer, Integer>> s = new HashMap<>();
      int missing = 0;
      for (UUID source : scope) {
        if (starts.containsKey(source)) {
          l.put(source.toString(), lengths.get(source.toString()));
          s.put(source, starts.get(source));
        } else {
          missing++;
        }
      }
      return new Layout(l, s, missing);
    }
  }

  private Layout layout(Site site, Set<UUID> scope) {
    Map<String, Integer> lengths = new LinkedHashMap<>();
    Map<UUID, Map<Integer, Integer>> starts = new HashMap<>();
    int unreadable = 0;
    for (UUID source : scope) {
      List<SourceTurn> turns = sources.deidentified(site, source);
      if (turns.isEmpty()) {
        unreadable++;
        continue;
      }
      Map<Integer, Integer> at = new HashMap<>();
      int offset = 0;
      for (int i = 0; i < turns.size(); i++) {
        SourceTurn t = turns.get(i);
        at.put(t.position(), offset);
        String text = t.text() == null ? "" : t.text();
        offset += text.codePointCount(0, text.length());
        if (i < turns.size() - 1) {
          offset += WHOLE_SEPARATOR_LENGTH;
        }
      }
      starts.put(source, at);
      lengths.put(source.toString(), offset);
    }
    return new Layout(lengths, starts, unreadable);
  }

  /** Where a coding lies in its source's whole text; null when its turn is no longer there. */
  private static int[] placed(Coding c, Map<Integer, Integer> at) {
    int shift = c.turn() == null ? 0 : at.getOrDefault(c.turn(), -1);
    return shift < 0 ? null : new int[] {shift + c.start(), shift + c.end()};
  }

  private static final int WHOLE_SEPARATOR_LENGTH =
      Codings.WHOLE_SOURCE_SEPARATOR.codePointCount(0, Codings.WHOLE_SOURCE_SEPARATOR.length());

  private static final List<String> BOTH = List.of("1", "1");
  private static final List<String> ONLY_A = List.of("1", "0");
  private static final List<String> ONLY_B = List.of("0", "1");
  private static final List<String> NEITHER = List.of("0", "0");

  /**
   * Krippendorff's alpha (nominal) with each character a unit and each coder's value "coded" or
   * not, computed by {@link KrippendorffAlpha} on the characters as counted (a view, nothing
   * copied); null where it is undefined.
   */
  static Double alpha(CodingComparison.Counts counts) {
    long both = counts.bothCoded();
    long onlyA = counts.onlyA();
    long onlyB = counts.onlyB();
    long size = counts.size();
    if (size > Integer.MAX_VALUE) {
      return null;
    }
    List<List<String>> units =
        new AbstractList<>() {
          @Override
          public List<String> get(int i) {
            if (i < both) {
              return BOTH;
            }
            if (i < both + onlyA) {
              return ONLY_A;
            }
            if (i < both + onlyA + onlyB) {
              return ONLY_B;
            }
            return NEITHER;
          }

          @Override
          public int size() {
            return (int) size;
          }
        };
    try {
      return KrippendorffAlpha.compute(units, MeasurementLevel.NOMINAL).value();
    } catch (AgreementException e) {
      return null;
    }
  }
}
