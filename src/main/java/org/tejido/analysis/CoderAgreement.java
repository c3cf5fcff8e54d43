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
 * and counted. Coordinators and researchers; audited with ids only.
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
      Coder a, Coder b, List<Line> byCode, Line overall, int sources, int unreadable) {}

  /** The people who coded at the site, by name. */
  @Transactional(readOnly = true)
  public List<Coder> coders(Site site) {
    team.require(site.id(), READERS);
    Map<UUID, String> names = new HashMap<>();
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
    List<Coder> coders = coders(site);
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
    audit.record(siteId, "analysis.agreement.read", a + "/" + b, lengths.size() + " sources");
    return new Comparison(
        coderA,
        coderB,
        lines,
        new Line(null, all.pooled(), all.sizeWeightedMeanKappa(), alpha(all.pooled())),
        lengths.size(),
        unreadable);
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
