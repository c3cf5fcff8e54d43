package org.tejido.participation;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tejido.agenda.Agenda;
import org.tejido.agenda.AgendaPublished;
import org.tejido.agenda.AgendaVersion;
import org.tejido.agenda.Agendas;
import org.tejido.audit.AuditLog;
import org.tejido.identity.SiteRole;
import org.tejido.identity.StaffMember;
import org.tejido.identity.Team;
import org.tejido.participation.internal.ParticipationStore;
import org.tejido.participation.internal.VoteCodes;
import org.tejido.shared.BadRequest;
import org.tejido.shared.Conflict;
import org.tejido.shared.NotFound;
import org.tejido.shared.Validation;
import org.tejido.sites.Site;

/**
 * Validation rounds: a coordinator sends the draft back to residents, who say of each issue and
 * each proposal "agree", "change" or "remove" (on paper in a workshop, entered here, or on a phone
 * with a one-time code through {@link ResidentValidation}); she reads the comments item by item and
 * answers each. A round is made from the draft that will become version N and counts toward that
 * version once published ({@link #summary}). Coordinators make, close and answer rounds;
 * researchers also enter sheets and make codes. Comment texts are sealed with the site's key and
 * every reading of them is in the audit log.
 */
@Service
@Transactional
public class ValidationRounds {

  static final SiteRole[] RUNNERS = {SiteRole.COORDINATOR, SiteRole.RESEARCHER};

  public static final int TITLE_MAX = 200;
  public static final int ANSWER_MAX = 1000;

  private final ParticipationStore store;
  private final Agendas agendas;
  private final Team team;
  private final AuditLog audit;
  private final ParticipationProperties properties;

  ValidationRounds(
      ParticipationStore store,
      Agendas agendas,
      Team team,
      AuditLog audit,
      ParticipationProperties properties) {
    this.store = store;
    this.agendas = agendas;
    this.team = team;
    this.audit = audit;
    this.properties = properties;
  }

  /**
   * Sends the draft back to residents: copies its spoken issues and its proposals (as the public
   * would see them) into a new open round.
   *
   * @throws BadRequest {@code validation.failed} for a missing or too long title
   * @throws Conflict {@code rounds.no-draft} without a draft, {@code participation.no-issues} when
   *     the draft has no spoken issue
   */
  public UUID create(Site site, String title) {
    StaffMember me = team.require(site.id(), SiteRole.COORDINATOR);
    new Validation().text(title, "title", TITLE_MAX).orThrow();
    Agenda draft =
        agendas
            .draftWithoutSilencedForTeam(site)
            .orElseThrow(() -> new Conflict("rounds.no-draft"));
    List<ValidationRound.Item> items = new ArrayList<>();
    for (var issue : draft.spokenIssues()) {
      items.add(new ValidationRound.Item("issue", issue.ref(), issue.position(), issue.title()));
    }
    if (items.isEmpty()) {
      throw new Conflict("participation.no-issues");
    }
    for (var proposal : draft.proposals()) {
      items.add(
          new ValidationRound.Item(
              "proposal", proposal.ref(), proposal.position(), proposal.text()));
    }
    UUID id = UUID.randomUUID();
    AgendaVersion version = draft.version();
    store.insertRound(
        id,
        site.id().value(),
        title.strip(),
        version.number(),
        version.id(),
        me.id().value(),
        items);
    record(site, "participation.round.created", id, "version " + version.number());
    return id;
  }

  /** The site's rounds, newest first. */
  @Transactional(readOnly = true)
  public List<ValidationRound> list(Site site) {
    team.require(site.id(), RUNNERS);
    return store.rounds(site.id().value());
  }

  /**
   * @throws NotFound {@code rounds.round.not-found} for an id of no round of this site
   */
  @Transactional(readOnly = true)
  public ValidationRound get(Site site, UUID id) {
    team.require(site.id(), RUNNERS);
    return find(site, id);
  }

  /**
   * @throws Conflict {@code rounds.round.closed} when it is closed already
   */
  public void close(Site site, UUID id) {
    team.require(site.id(), SiteRole.COORDINATOR);
    find(site, id);
    if (!store.closeRound(id)) {
      throw new Conflict("rounds.round.closed");
    }
    record(site, "participation.round.closed", id, null);
  }

  /**
   * A batch of one-time codes, returned in clear this once: only their digests are kept.
   *
   * @throws BadRequest {@code validation.failed} for a count out of range
   * @throws Conflict {@code rounds.round.closed}
   */
  public List<String> generateCodes(Site site, UUID id, Integer count) {
    team.require(site.id(), RUNNERS);
    ValidationRound round = find(site, id);
    if (count == null || count < 1 || count > properties.maxCodesPerBatch()) {
      throw new BadRequest("validation.failed", Map.of("count", "participation.codes.range"));
    }
    if (!round.open()) {
      throw new Conflict("rounds.round.closed");
    }
    List<String> codes = new ArrayList<>();
    List<byte[]> digests = new ArrayList<>();
    while (codes.size() < count) {
      String code = VoteCodes.generate();
      codes.add(code);
      digests.add(VoteCodes.digest(VoteCodes.normalise(code)));
    }
    store.insertRoundCodes(id, digests);
    record(site, "participation.round.codes.generated", id, String.valueOf(count));
    return codes;
  }

  /** Codes of a round: issued and used. */
  @Transactional(readOnly = true)
  public PrioritisationSessions.CodeCounts codeCounts(Site site, UUID id) {
    team.require(site.id(), RUNNERS);
    int[] counts = store.roundCodeCounts(find(site, id).id());
    return new PrioritisationSessions.CodeCounts(counts[0], counts[1]);
  }

  /**
   * A sheet of comments gathered on paper in a workshop, entered while the round is open.
   *
   * @throws Conflict {@code rounds.round.closed}
   * @throws BadRequest {@code validation.failed}
   */
  public void enterSheet(Site site, UUID id, ValidationResponse response) {
    team.require(site.id(), RUNNERS);
    ValidationRound round = find(site, id);
    ValidationRules.check(round, response);
    if (!store.lockOpenRound(id)) {
      throw new Conflict("rounds.round.closed");
    }
    store.insertResponse(site.id().value(), id, response, "workshop");
    record(site, "participation.round.sheet.entered", id, response.comments().size() + " comments");
  }

  /** A comment as the coordinator reads it. */
  public record Comment(
      UUID id,
      Verdict verdict,
      VoterGroup group,
      String text,
      CommentAnswer answer,
      String answerEs,
      String answerEn) {}

  /** One item with what residents said of it. */
  public record ItemReview(
      ValidationRound.Item item,
      Map<Verdict, Integer> byVerdict,
      Map<VoterGroup, Integer> byGroup,
      List<Comment> comments) {

    public int count(Verdict v) {
      return byVerdict.getOrDefault(v, 0);
    }

    public int count(VoterGroup g) {
      return byGroup.getOrDefault(g, 0);
    }

    public long unanswered() {
      return comments.stream().filter(c -> c.answer() == null).count();
    }
  }

  /** The comments of a round, item by item, and how many residents responded. */
  public record Review(ValidationRound round, int participants, List<ItemReview> items) {}

  /**
   * Every comment of a round, its text opened (an audited read of protected data).
   *
   * @throws NotFound {@code rounds.round.not-found}
   */
  @Transactional
  public Review review(Site site, UUID id) {
    team.require(site.id(), RUNNERS);
    ValidationRound round = find(site, id);
    List<ParticipationStore.StoredComment> stored = store.comments(site.id().value(), id);
    Map<String, ItemReview> items = new LinkedHashMap<>();
    for (ValidationRound.Item item : round.items()) {
      items.put(
          item.field(),
          new ItemReview(
              item,
              new EnumMap<>(Verdict.class),
              new EnumMap<>(VoterGroup.class),
              new ArrayList<>()));
    }
    long texts = 0;
    for (ParticipationStore.StoredComment c : stored) {
      ItemReview review = items.get(c.kind() + "." + c.ref());
      if (review == null) {
        continue;
      }
      review.byVerdict().merge(c.verdict(), 1, Integer::sum);
      review.byGroup().merge(c.group(), 1, Integer::sum);
      review
          .comments()
          .add(
              new Comment(
                  c.id(),
                  c.verdict(),
                  c.group(),
                  c.text(),
                  c.answer(),
                  c.answerEs(),
                  c.answerEn()));
      if (c.text() != null) {
        texts++;
      }
    }
    if (texts > 0) {
      // Residents' own words, opened: a read of protected data, like silenced issues.
      record(site, "participation.round.comments.read", id, texts + " texts");
    }
    return new Review(round, store.responseCount(id), List.copyOf(items.values()));
  }

  /**
   * Answers a comment: accepted, partly or not, with a short answer in Spanish, English or both.
   *
   * @throws NotFound {@code rounds.comment.not-found} for a comment of no round of this site's
   * @throws BadRequest {@code validation.failed} without a decision or with a too long answer
   */
  public void answer(
      Site site, UUID roundId, UUID comment, CommentAnswer answer, String es, String en) {
    team.require(site.id(), SiteRole.COORDINATOR);
    find(site, roundId);
    new Validation()
        .require(answer != null, "answer", "rounds.answer.required")
        .optionalText(es, "answerEs", ANSWER_MAX)
        .optionalText(en, "answerEn", ANSWER_MAX)
        .orThrow();
    if (!store.answer(roundId, comment, answer, blankToNull(es), blankToNull(en))) {
      throw new NotFound("rounds.comment.not-found");
    }
    record(
        site,
        "participation.round.comment.answered",
        roundId,
        "comment:" + comment + " " + answer.code());
  }

  /**
   * How a published version was validated: the rounds made from the draft that became it, and the
   * residents who responded in them. Public: it states nothing but two counts. None for a version
   * not published (or while the site is suspended).
   */
  @Transactional(readOnly = true)
  public ValidationSummary summary(Site site, int versionNumber) {
    return agendas.publishedVersions(site).stream()
        .filter(v -> v.number() == versionNumber)
        .findFirst()
        .map(
            v -> {
              int[] counts = store.validationOf(site.id().value(), v.id());
              return new ValidationSummary(counts[0], counts[1]);
            })
        .orElse(ValidationSummary.NONE);
  }

  /**
   * Publishing the draft ends its rounds: residents commented on a draft that is now a version.
   * Runs inside the publication's transaction.
   */
  @EventListener
  void on(AgendaPublished published) {
    store.closeRoundsOf(published.site().value(), published.number());
  }

  private ValidationRound find(Site site, UUID id) {
    return store
        .round(site.id().value(), id)
        .orElseThrow(() -> new NotFound("rounds.round.not-found"));
  }

  private void record(Site site, String action, UUID round, String detail) {
    audit.record(site.id().value(), action, "round:" + round, detail);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
