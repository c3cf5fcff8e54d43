package org.tejido.observatory.internal;

import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tejido.agenda.Agenda;
import org.tejido.agenda.Agendas;
import org.tejido.agenda.Proposal;
import org.tejido.agenda.ReferenceData;
import org.tejido.audit.AuditLog;
import org.tejido.identity.SiteRole;
import org.tejido.identity.StaffMember;
import org.tejido.identity.Team;
import org.tejido.observatory.CommitmentId;
import org.tejido.observatory.EvidenceSource;
import org.tejido.observatory.ImplementationStatus;
import org.tejido.observatory.InstitutionId;
import org.tejido.observatory.InstitutionLevel;
import org.tejido.observatory.InstitutionType;
import org.tejido.observatory.LinkedProposal;
import org.tejido.observatory.ObservatoryChanged;
import org.tejido.observatory.ObservatoryTracker;
import org.tejido.observatory.ProgressUpdate;
import org.tejido.observatory.RecommendationId;
import org.tejido.observatory.Sdg16Target;
import org.tejido.observatory.SessionId;
import org.tejido.observatory.TrackedRecommendation;
import org.tejido.observatory.UpdateId;
import org.tejido.observatory.internal.ObservatoryStore.EvidenceFile;
import org.tejido.observatory.internal.ObservatoryStore.InstitutionRecord;
import org.tejido.observatory.internal.ObservatoryStore.RecommendationRow;
import org.tejido.observatory.internal.ObservatoryStore.Revisioned;
import org.tejido.observatory.internal.ObservatoryStore.Subscriber;
import org.tejido.shared.BadRequest;
import org.tejido.shared.Conflict;
import org.tejido.shared.LocalizedText;
import org.tejido.shared.NotFound;
import org.tejido.sites.Site;

/**
 * The observatory's staff side: every change, validated, audited, and announced with {@link
 * ObservatoryChanged}. Only the site's observatory and coordinators may call it; an id of another
 * site is not found. Invalid input fails with one {@link BadRequest} naming every field to fix.
 */
@Service
@Transactional
public class Observatory {

  /** Who works the observatory at a site. */
  public static final SiteRole[] STAFF = {SiteRole.OBSERVATORY, SiteRole.COORDINATOR};

  /** Evidence files: small, and of kinds a browser shows without running anything. */
  public static final int MAX_FILE_BYTES = 2 * 1024 * 1024;

  private static final String REQUIRED = "observatory.error.required";

  /** A form opened before somebody else saved the same record. */
  static final String STALE = "observatory.stale-form";

  /** A commitment already fulfilled or withdrawn, which no form changes any more. */
  static final String CLOSED = "observatory.commitment.closed";

  private final ObservatoryStore store;
  private final Team team;
  private final AuditLog audit;
  private final Agendas agendas;
  private final ReferenceData reference;
  private final ApplicationEventPublisher events;
  private final ObservatoryProperties properties;
  private final ObservatoryTracker tracker;
  Clock clock = Clock.systemUTC();

  Observatory(
      ObservatoryTracker tracker,
      ObservatoryStore store,
      Team team,
      AuditLog audit,
      Agendas agendas,
      ReferenceData reference,
      ApplicationEventPublisher events,
      ObservatoryProperties properties) {
    this.store = store;
    this.team = team;
    this.audit = audit;
    this.agendas = agendas;
    this.reference = reference;
    this.events = events;
    this.properties = properties;
    this.tracker = tracker;
  }

  /**
   * @throws org.tejido.shared.Forbidden unless the signed-in person works the observatory here
   */
  @Transactional(readOnly = true)
  public StaffMember requireStaff(Site site) {
    return team.require(site.id(), STAFF);
  }

  /** Today where the sites are. */
  public LocalDate today() {
    return LocalDate.now(clock.withZone(properties.getZone()));
  }

  // ---- institutions ----

  public record InstitutionInput(String name, String level, String type, String contacts) {}

  public InstitutionId addInstitution(Site site, InstitutionInput input) {
    requireStaff(site);
    Valid v = validInstitution(site, input, null);
    UUID id = UUID.randomUUID();
    store.insertInstitution(site.id().value(), id, v.name, v.level, v.type, v.contacts);
    changed(site, "observatory.institution.added", "institution:" + id, null);
    return new InstitutionId(id);
  }

  public void updateInstitution(Site site, InstitutionId id, InstitutionInput input) {
    requireStaff(site);
    institution(site, id);
    Valid v = validInstitution(site, input, id.value());
    store.updateInstitution(site.id().value(), id.value(), v.name, v.level, v.type, v.contacts);
    changed(site, "observatory.institution.changed", "institution:" + id, null);
  }

  /** An institution with its contacts, for editing: a read of staff-only data, so recorded. */
  public InstitutionRecord institutionForEditing(Site site, InstitutionId id) {
    requireStaff(site);
    InstitutionRecord found = institution(site, id);
    audit.record(site.id().value(), "observatory.contacts.read", "institution:" + id, null);
    return found;
  }

  private InstitutionRecord institution(Site site, InstitutionId id) {
    return store
        .institutionWithContacts(site.id().value(), id.value())
        .orElseThrow(() -> new NotFound("observatory.institution.not-found"));
  }

  private record Valid(
      String name, InstitutionLevel level, InstitutionType type, String contacts) {}

  private Valid validInstitution(Site site, InstitutionInput input, UUID except) {
    Map<String, String> errors = new LinkedHashMap<>();
    String name = strip(input.name());
    if (name.isEmpty()) {
      errors.put("name", REQUIRED);
    } else if (name.length() > 200) {
      errors.put("name", "observatory.error.too-long");
    } else if (store.nameTaken(site.id().value(), name, except)) {
      errors.put("name", "observatory.error.name-taken");
    }
    InstitutionLevel level = parse(input.level(), InstitutionLevel::fromCode);
    if (level == null) {
      errors.put("level", "observatory.error.choose");
    }
    InstitutionType type = parse(input.type(), InstitutionType::fromCode);
    if (type == null) {
      errors.put("type", "observatory.error.choose");
    }
    String contacts = strip(input.contacts());
    if (contacts.length() > 2000) {
      errors.put("contacts", "observatory.error.too-long");
    }
    fail(errors);
    return new Valid(name, level, type, contacts);
  }

  // ---- recommendations ----

  /** The recommendation form as sent: strings, checked here. */
  public record RecommendationInput(
      String textEs,
      String textEn,
      String addressee,
      List<String> institutions,
      List<String> domains,
      List<String> targets,
      String specificity,
      String startsOn,
      String dueOn,
      List<String> proposals) {}

  /** The latest published agenda the public sees, whose proposals become recommendations. */
  @Transactional(readOnly = true)
  public Optional<Agenda> publishedAgenda(Site site) {
    requireStaff(site);
    return agendas.latestPublishedAsPublicForTeam(site);
  }

  public RecommendationId addRecommendation(Site site, RecommendationInput in) {
    requireStaff(site);
    ValidRecommendation v = validRecommendation(site, in, List.of());
    UUID id = UUID.randomUUID();
    int number =
        store.insertRecommendation(
            site.id().value(),
            id,
            v.text(),
            v.addressee(),
            v.domains(),
            v.targets(),
            v.specificity(),
            v.startsOn(),
            v.dueOn(),
            v.proposals(),
            v.institutions());
    changed(site, "observatory.recommendation.added", "recommendation:" + id, "R-" + number);
    return new RecommendationId(id);
  }

  /** The revision a recommendation's edit form is opened at. */
  @Transactional(readOnly = true)
  public int recommendationRevision(Site site, RecommendationId id) {
    requireStaff(site);
    return store
        .revision(Revisioned.RECOMMENDATION, site.id().value(), id.value())
        .orElseThrow(() -> new NotFound("observatory.recommendation.not-found"));
  }

  /**
   * Changes every field of the creation form. Proposals it is linked to stay linked to the agenda
   * version they came from; a newly chosen one must be of the latest published agenda.
   *
   * @param revision the revision the form was opened at
   * @throws Conflict when somebody saved the recommendation after the form was opened
   */
  public void updateRecommendation(
      Site site, RecommendationId id, String revision, RecommendationInput in) {
    requireStaff(site);
    UUID s = site.id().value();
    RecommendationRow current =
        store.recommendations(s).stream()
            .filter(r -> r.id().equals(id))
            .findFirst()
            .orElseThrow(() -> new NotFound("observatory.recommendation.not-found"));
    ValidRecommendation v = validRecommendation(site, in, current.proposals());
    if (!store.updateRecommendation(
        s,
        id.value(),
        revision(revision),
        v.text(),
        v.addressee(),
        v.domains(),
        v.targets(),
        v.specificity(),
        v.startsOn(),
        v.dueOn(),
        v.proposals(),
        v.institutions())) {
      throw new Conflict(STALE);
    }
    changed(
        site,
        "observatory.recommendation.changed",
        "recommendation:" + id,
        "R-" + current.number());
  }

  /**
   * Withdraws a recommendation created by mistake: only while nothing happened to it (no progress
   * update, no commitment), since the public may have read that history; deleted in one statement,
   * so the tracker never shows part of it.
   *
   * @throws Conflict when it has updates or commitments
   */
  public void withdrawRecommendation(Site site, RecommendationId id) {
    requireStaff(site);
    UUID s = site.id().value();
    RecommendationRow current =
        store.recommendations(s).stream()
            .filter(r -> r.id().equals(id))
            .findFirst()
            .orElseThrow(() -> new NotFound("observatory.recommendation.not-found"));
    if (store.hasHistory(s, id.value()) || !store.deleteRecommendation(s, id.value())) {
      throw new Conflict("observatory.recommendation.has-history");
    }
    changed(
        site,
        "observatory.recommendation.withdrawn",
        "recommendation:" + id,
        "R-" + current.number());
  }

  /** Whether a recommendation may still be withdrawn (it has no update and no commitment). */
  @Transactional(readOnly = true)
  public boolean withdrawable(Site site, RecommendationId id) {
    requireStaff(site);
    return !store.hasHistory(site.id().value(), id.value());
  }

  private record ValidRecommendation(
      LocalizedText text,
      String addressee,
      List<String> domains,
      List<Sdg16Target> targets,
      int specificity,
      LocalDate startsOn,
      LocalDate dueOn,
      List<LinkedProposal> proposals,
      List<UUID> institutions) {}

  /**
   * @param kept the proposals the recommendation is linked to already: they may stay although a
   *     later agenda version has been published since
   */
  private ValidRecommendation validRecommendation(
      Site site, RecommendationInput in, List<LinkedProposal> kept) {
    Map<String, String> errors = new LinkedHashMap<>();
    List<LinkedProposal> proposals = new ArrayList<>();
    Agenda agenda = agendas.latestPublishedAsPublicForTeam(site).orElse(null);
    for (String raw : distinct(in.proposals())) {
      UUID id = uuid(raw);
      Optional<LinkedProposal> linked =
          kept.stream().filter(k -> k.proposalId().equals(id)).findFirst();
      if (linked.isPresent()) {
        proposals.add(linked.get());
        continue;
      }
      Optional<Proposal> p = id == null || agenda == null ? Optional.empty() : agenda.proposal(id);
      if (p.isEmpty()) {
        errors.put(
            "proposals",
            agenda == null
                ? "observatory.error.no-published-agenda"
                : "observatory.error.proposal-not-published");
        break;
      }
      proposals.add(new LinkedProposal(id, agenda.version().number()));
    }
    if (proposals.isEmpty() && !errors.containsKey("proposals")) {
      errors.put(
          "proposals",
          agenda == null
              ? "observatory.error.no-published-agenda"
              : "observatory.error.choose-proposal");
    }
    String es = strip(in.textEs());
    String en = strip(in.textEn());
    if (es.isEmpty()) {
      errors.put("textEs", REQUIRED);
    } else if (es.length() > 4000) {
      errors.put("textEs", "observatory.error.too-long");
    }
    if (en.length() > 4000) {
      errors.put("textEn", "observatory.error.too-long");
    }
    if (in.addressee() == null || reference.addressee(in.addressee()).isEmpty()) {
      errors.put("addressee", "observatory.error.choose");
    }
    List<UUID> institutions = institutions(site, in.institutions(), "institutions", errors);
    if (institutions.isEmpty() && !errors.containsKey("institutions")) {
      errors.put("institutions", "observatory.error.choose-institution");
    }
    List<String> domains = distinct(in.domains());
    if (domains.isEmpty() || domains.stream().anyMatch(d -> reference.domain(d).isEmpty())) {
      errors.put("domains", "observatory.error.choose-domain");
    }
    List<Sdg16Target> targets = new ArrayList<>();
    for (String t : distinct(in.targets())) {
      Sdg16Target target = parse(t, Sdg16Target::fromCode);
      if (target == null) {
        errors.put("targets", "observatory.error.unknown-target");
        break;
      }
      targets.add(target);
    }
    int specificity = 0;
    try {
      specificity = Integer.parseInt(strip(in.specificity()));
    } catch (NumberFormatException e) {
      // reported below
    }
    if (specificity < 1 || specificity > 5) {
      errors.put("specificity", "observatory.error.specificity");
    }
    LocalDate starts = date(in.startsOn(), "startsOn", errors);
    LocalDate due = date(in.dueOn(), "dueOn", errors);
    if (starts != null && due != null && due.isBefore(starts)) {
      errors.put("dueOn", "observatory.error.due-before-start");
    }
    fail(errors);
    return new ValidRecommendation(
        new LocalizedText(es, en),
        in.addressee(),
        domains,
        targets.stream().sorted().toList(),
        specificity,
        starts,
        due,
        proposals,
        institutions);
  }

  private void requireRecommendation(Site site, RecommendationId id) {
    if (!store.recommendationExists(site.id().value(), id.value())) {
      throw new NotFound("observatory.recommendation.not-found");
    }
  }

  // ---- progress updates ----

  /** An update as sent; the file is optional (null name and content when none). */
  public record UpdateInput(
      String source,
      String status,
      String reason,
      String progress,
      String evidence,
      String link,
      String reportedOn,
      String fileName,
      byte[] file) {}

  public UpdateId addUpdate(Site site, RecommendationId recommendation, UpdateInput in) {
    requireStaff(site);
    requireRecommendation(site, recommendation);
    ValidUpdate v = validUpdate(in, new LinkedHashMap<>());
    UUID id = UUID.randomUUID();
    store.insertUpdate(
        site.id().value(),
        id,
        recommendation.value(),
        v.source(),
        v.status(),
        v.reason(),
        v.progress(),
        v.evidence(),
        v.link(),
        v.fileName(),
        v.fileType(),
        v.file(),
        v.reportedOn());
    changed(
        site,
        "observatory.update.added",
        "recommendation:" + recommendation,
        v.source().code() + ", " + v.status().code() + ", " + v.progress() + "%");
    return new UpdateId(id);
  }

  /** The current version of a recommendation's update, to start its correction from. */
  @Transactional(readOnly = true)
  public ProgressUpdate updateForCorrection(
      Site site, RecommendationId recommendation, UpdateId update) {
    requireStaff(site);
    requireCurrent(site, recommendation, update);
    return store.updatesWithHeldEvidence(site.id().value()).stream()
        .filter(u -> u.id().equals(update))
        .findFirst()
        .orElseThrow(() -> new NotFound("observatory.update.not-found"));
  }

  /** The versions an update's corrections replaced, newest first (for the staff's record). */
  @Transactional(readOnly = true)
  public List<ProgressUpdate> earlierVersions(Site site, UpdateId update) {
    requireStaff(site);
    return store.supersededBy(site.id().value(), update.value());
  }

  /**
   * Corrects a published update without rewriting it: the correction is a new update that
   * supersedes it, recording who corrected it, when and why; the original is kept. Only the current
   * version may be corrected, so a form opened before somebody else's correction fails.
   *
   * @param keepFile carry the corrected update's evidence file over when no new one is sent
   * @throws Conflict when the update was corrected already
   */
  public UpdateId correctUpdate(
      Site site,
      RecommendationId recommendation,
      UpdateId update,
      UpdateInput in,
      String why,
      boolean keepFile) {
    StaffMember me = requireStaff(site);
    requireCurrent(site, recommendation, update);
    Map<String, String> errors = new LinkedHashMap<>();
    String correction = strip(why);
    if (correction.isEmpty()) {
      errors.put("correction", "observatory.error.correction-reason");
    } else if (correction.length() > 2000) {
      errors.put("correction", "observatory.error.too-long");
    }
    ValidUpdate v = validUpdate(in, errors);
    UUID id = UUID.randomUUID();
    try {
      store.insertCorrection(
          site.id().value(),
          id,
          recommendation.value(),
          update.value(),
          v.source(),
          v.status(),
          v.reason(),
          v.progress(),
          v.evidence(),
          v.link(),
          v.fileName(),
          v.fileType(),
          v.file(),
          keepFile,
          v.reportedOn(),
          me.id().value(),
          correction,
          today());
    } catch (DuplicateKeyException e) {
      // Somebody corrected the same version a moment ago.
      throw new Conflict("observatory.update.already-corrected");
    }
    changed(
        site,
        "observatory.update.corrected",
        "recommendation:" + recommendation,
        "update:"
            + update
            + " -> update:"
            + id
            + ", "
            + v.source().code()
            + ", "
            + v.status().code()
            + ", "
            + v.progress()
            + "%");
    return new UpdateId(id);
  }

  private void requireCurrent(Site site, RecommendationId recommendation, UpdateId update) {
    boolean current =
        store
            .updateIsCurrent(site.id().value(), recommendation.value(), update.value())
            .orElseThrow(() -> new NotFound("observatory.update.not-found"));
    if (!current) {
      throw new Conflict("observatory.update.already-corrected");
    }
  }

  private record ValidUpdate(
      EvidenceSource source,
      ImplementationStatus status,
      String reason,
      int progress,
      String evidence,
      String link,
      LocalDate reportedOn,
      String fileName,
      String fileType,
      byte[] file) {}

  /** Checks an update's fields, adding to {@code errors}; fails when there is any. */
  private ValidUpdate validUpdate(UpdateInput in, Map<String, String> errors) {
    EvidenceSource source = parse(in.source(), EvidenceSource::fromCode);
    if (source == null) {
      errors.put("source", "observatory.error.choose");
    }
    ImplementationStatus status = parse(in.status(), ImplementationStatus::fromCode);
    if (status == null) {
      errors.put("status", "observatory.error.choose");
    }
    String reason = strip(in.reason());
    if (status != null && status.requiresReason() && reason.isEmpty()) {
      errors.put("reason", "observatory.error.reason-required");
    } else if (reason.length() > 2000) {
      errors.put("reason", "observatory.error.too-long");
    }
    int progress = -1;
    try {
      progress = Integer.parseInt(strip(in.progress()));
    } catch (NumberFormatException e) {
      // reported below
    }
    if (progress < 0 || progress > 100) {
      errors.put("progress", "observatory.error.progress");
    }
    String evidence = strip(in.evidence());
    if (evidence.length() > 4000) {
      errors.put("evidence", "observatory.error.too-long");
    }
    String link = strip(in.link());
    if (!link.isEmpty() && !isWebLink(link)) {
      errors.put("link", "observatory.error.link");
    }
    LocalDate on = date(in.reportedOn(), "reportedOn", errors);
    if (on != null && on.isAfter(today())) {
      errors.put("reportedOn", "observatory.error.future");
    }
    String fileName = null;
    String fileType = null;
    byte[] file = in.file() == null || in.file().length == 0 ? null : in.file();
    if (file != null) {
      fileType = EvidenceFiles.type(file);
      if (file.length > MAX_FILE_BYTES) {
        errors.put("file", "observatory.error.file-too-large");
      } else if (fileType == null) {
        errors.put("file", "observatory.error.file-type");
      } else if ((file = EvidenceFiles.withoutMetadata(file, fileType)) == null) {
        errors.put("file", "observatory.error.file-unreadable");
      } else {
        fileName = EvidenceFiles.safeName(in.fileName(), fileType);
      }
    }
    fail(errors);
    return new ValidUpdate(
        source,
        status,
        reason,
        progress,
        evidence,
        link.isEmpty() ? null : link,
        on,
        fileName,
        fileType,
        file);
  }

  /**
   * A recommendation as its staff page shows it: the public read, with every update's evidence
   * whether published or held.
   */
  @Transactional(readOnly = true)
  public TrackedRecommendation recommendationForStaff(Site site, RecommendationId id) {
    requireStaff(site);
    TrackedRecommendation r =
        tracker
            .recommendation(site, id)
            .orElseThrow(() -> new NotFound("observatory.recommendation.not-found"));
    List<ProgressUpdate> mine =
        store.updatesWithHeldEvidence(site.id().value()).stream()
            .filter(u -> u.recommendation().equals(id))
            .toList();
    return r.withTimelines(
        mine.stream().filter(u -> u.source() == EvidenceSource.OFFICIAL).toList(),
        mine.stream().filter(u -> u.source() == EvidenceSource.COMMUNITY).toList());
  }

  /**
   * Publishes an update's evidence (text, link, file) on the public tracker, its API and downloads,
   * or holds it back from them again; only a change is recorded and announced.
   *
   * @param choice {@code "true"} to publish, {@code "false"} to hold, as the form sends it
   * @return whether the evidence is published now
   */
  public boolean publishEvidence(
      Site site, RecommendationId recommendation, UpdateId update, String choice) {
    requireStaff(site);
    if (!store.updateExists(site.id().value(), recommendation.value(), update.value())) {
      throw new NotFound("observatory.update.not-found");
    }
    if (!"true".equals(choice) && !"false".equals(choice)) {
      throw new BadRequest("observatory.evidence.choice");
    }
    boolean published = Boolean.parseBoolean(choice);
    boolean before =
        store
            .publishEvidence(site.id().value(), recommendation.value(), update.value(), published)
            .orElseThrow(() -> new NotFound("observatory.update.not-found"));
    if (before != published) {
      changed(
          site,
          published ? "observatory.evidence.published" : "observatory.evidence.held",
          "update:" + update,
          "recommendation:" + recommendation);
    }
    return published;
  }

  @Transactional(readOnly = true)
  public EvidenceFile evidenceFile(Site site, RecommendationId recommendation, UpdateId update) {
    requireStaff(site);
    return store
        .evidenceFile(site.id().value(), recommendation.value(), update.value())
        .orElseThrow(() -> new NotFound("observatory.file.not-found"));
  }

  static boolean isWebLink(String link) {
    if (link.length() > 2000 || !link.matches("(?i)^https?://\\S+$")) {
      return false;
    }
    try {
      URI uri = new URI(link);
      return uri.getHost() != null
          && ("http".equalsIgnoreCase(uri.getScheme())
              || "https".equalsIgnoreCase(uri.getScheme()));
    } catch (java.net.URISyntaxException e) {
      return false;
    }
  }

  // ---- sessions and commitments ----

  public record SessionInput(String heldOn, String minutes, List<String> attendees) {}

  public SessionId addSession(Site site, SessionInput in) {
    requireStaff(site);
    ValidSession v = validSession(site, in);
    UUID id = UUID.randomUUID();
    store.insertSession(site.id().value(), id, v.heldOn(), v.minutes(), v.attendees());
    changed(site, "observatory.session.added", "session:" + id, v.heldOn().toString());
    return new SessionId(id);
  }

  /** The revision a session's edit form is opened at. */
  @Transactional(readOnly = true)
  public int sessionRevision(Site site, SessionId id) {
    requireStaff(site);
    return store
        .revision(Revisioned.SESSION, site.id().value(), id.value())
        .orElseThrow(() -> new NotFound("observatory.session.not-found"));
  }

  /**
   * Changes a session's date, attendees and minutes.
   *
   * @throws Conflict when somebody saved the session after the form was opened
   */
  public void updateSession(Site site, SessionId id, String revision, SessionInput in) {
    requireStaff(site);
    requireSession(site, id);
    ValidSession v = validSession(site, in);
    if (!store.updateSession(
        site.id().value(),
        id.value(),
        revision(revision),
        v.heldOn(),
        v.minutes(),
        v.attendees())) {
      throw new Conflict(STALE);
    }
    changed(site, "observatory.session.changed", "session:" + id, v.heldOn().toString());
  }

  private record ValidSession(LocalDate heldOn, String minutes, List<UUID> attendees) {}

  private ValidSession validSession(Site site, SessionInput in) {
    Map<String, String> errors = new LinkedHashMap<>();
    LocalDate on = date(in.heldOn(), "heldOn", errors);
    String minutes = strip(in.minutes());
    if (minutes.isEmpty()) {
      errors.put("minutes", REQUIRED);
    } else if (minutes.length() > 20000) {
      errors.put("minutes", "observatory.error.too-long");
    }
    List<UUID> attendees = institutions(site, in.attendees(), "attendees", errors);
    if (attendees.isEmpty() && !errors.containsKey("attendees")) {
      errors.put("attendees", "observatory.error.choose-institution");
    }
    fail(errors);
    return new ValidSession(on, minutes, attendees);
  }

  public record CommitmentInput(
      String institution, String what, String dueOn, List<String> recommendations) {}

  public CommitmentId addCommitment(Site site, SessionId session, CommitmentInput in) {
    requireStaff(site);
    requireSession(site, session);
    ValidCommitment v = validCommitment(site, in);
    UUID id = UUID.randomUUID();
    store.insertCommitment(
        site.id().value(),
        id,
        session.value(),
        v.institution(),
        v.what(),
        v.dueOn(),
        v.recommendations());
    changed(site, "observatory.commitment.added", "commitment:" + id, "session:" + session);
    return new CommitmentId(id);
  }

  /** The revision a commitment's edit form is opened at. */
  @Transactional(readOnly = true)
  public int commitmentRevision(Site site, SessionId session, CommitmentId commitment) {
    requireStaff(site);
    requireCommitment(site, session, commitment);
    return store
        .revision(Revisioned.COMMITMENT, site.id().value(), commitment.value())
        .orElseThrow(() -> new NotFound("observatory.commitment.not-found"));
  }

  /**
   * Changes an open commitment: who, what, by when, for which recommendations (of this site only).
   *
   * @throws Conflict when it was fulfilled or withdrawn, or saved by somebody else, after the form
   *     was opened
   */
  public void updateCommitment(
      Site site, SessionId session, CommitmentId commitment, String revision, CommitmentInput in) {
    requireStaff(site);
    requireCommitment(site, session, commitment);
    ValidCommitment v = validCommitment(site, in);
    if (!store.updateCommitment(
        site.id().value(),
        session.value(),
        commitment.value(),
        revision(revision),
        v.institution(),
        v.what(),
        v.dueOn(),
        v.recommendations())) {
      throw new Conflict(openCommitment(site, commitment) ? STALE : CLOSED);
    }
    changed(site, "observatory.commitment.changed", "commitment:" + commitment, null);
  }

  /**
   * The Mesa dropped an open commitment: it stays on the record, withdrawn (when and why), and is
   * never overdue again.
   */
  public void withdrawCommitment(
      Site site, SessionId session, CommitmentId commitment, String why) {
    requireStaff(site);
    requireCommitment(site, session, commitment);
    String reason = strip(why);
    Map<String, String> errors = new LinkedHashMap<>();
    if (reason.isEmpty()) {
      errors.put("withdrawnReason", "observatory.error.withdrawal-reason");
    } else if (reason.length() > 2000) {
      errors.put("withdrawnReason", "observatory.error.too-long");
    }
    fail(errors);
    if (!store.withdrawCommitment(
        site.id().value(), session.value(), commitment.value(), today(), reason)) {
      throw new Conflict(CLOSED);
    }
    changed(site, "observatory.commitment.withdrawn", "commitment:" + commitment, null);
  }

  private boolean openCommitment(Site site, CommitmentId commitment) {
    return store.commitments(site.id().value()).stream()
        .anyMatch(
            c -> c.id().equals(commitment) && c.fulfilledOn() == null && c.withdrawnOn() == null);
  }

  private void requireCommitment(Site site, SessionId session, CommitmentId commitment) {
    if (!store.commitmentExists(site.id().value(), session.value(), commitment.value())) {
      throw new NotFound("observatory.commitment.not-found");
    }
  }

  private record ValidCommitment(
      UUID institution, String what, LocalDate dueOn, List<UUID> recommendations) {}

  private ValidCommitment validCommitment(Site site, CommitmentInput in) {
    Map<String, String> errors = new LinkedHashMap<>();
    List<UUID> institution =
        institutions(site, List.of(strip(in.institution())), "institution", errors);
    if (institution.isEmpty() && !errors.containsKey("institution")) {
      errors.put("institution", "observatory.error.choose-institution");
    }
    String what = strip(in.what());
    if (what.isEmpty()) {
      errors.put("what", REQUIRED);
    } else if (what.length() > 2000) {
      errors.put("what", "observatory.error.too-long");
    }
    LocalDate due = date(in.dueOn(), "dueOn", errors);
    List<UUID> recommendations = new ArrayList<>();
    for (String raw : distinct(in.recommendations())) {
      UUID id = uuid(raw);
      if (id == null || !store.recommendationExists(site.id().value(), id)) {
        errors.put("recommendations", "observatory.error.unknown-recommendation");
        break;
      }
      recommendations.add(id);
    }
    if (recommendations.isEmpty() && !errors.containsKey("recommendations")) {
      errors.put("recommendations", "observatory.error.choose-recommendation");
    }
    fail(errors);
    return new ValidCommitment(institution.get(0), what, due, recommendations);
  }

  public void fulfil(Site site, SessionId session, CommitmentId commitment) {
    requireStaff(site);
    UUID s = site.id().value();
    requireCommitment(site, session, commitment);
    if (store.fulfil(s, session.value(), commitment.value(), today())) {
      changed(site, "observatory.commitment.fulfilled", "commitment:" + commitment, null);
    }
  }

  private void requireSession(Site site, SessionId session) {
    if (!store.sessionExists(site.id().value(), session.value())) {
      throw new NotFound("observatory.session.not-found");
    }
  }

  // ---- the digest ----

  @Transactional(readOnly = true)
  public Optional<Subscriber> digestAddress(Site site, StaffMember me) {
    requireStaff(site);
    return store.subscriber(site.id().value(), me.id().value());
  }

  /**
   * Where (and in which language) the signed-in member gets the digest; a blank address stops it.
   */
  public void saveDigestAddress(Site site, String email, String language) {
    StaffMember me = requireStaff(site);
    String address = strip(email);
    if (address.isEmpty()) {
      store.removeSubscriber(site.id().value(), me.id().value());
      audit.record(
          site.id().value(), "observatory.digest.stopped", "user:" + me.id().value(), null);
      return;
    }
    Map<String, String> errors = new LinkedHashMap<>();
    if (!address.matches("[^@\\s]{1,64}@[^@\\s]{1,190}")) {
      errors.put("email", "observatory.error.email");
    }
    if (!"es".equals(language) && !"en".equals(language)) {
      errors.put("language", "observatory.error.choose");
    }
    fail(errors);
    store.saveSubscriber(site.id().value(), me.id().value(), address, language);
    // The address itself stays out of the log.
    audit.record(
        site.id().value(), "observatory.digest.subscribed", "user:" + me.id().value(), language);
  }

  // ---- helpers ----

  private void changed(Site site, String action, String subject, String detail) {
    audit.record(site.id().value(), action, subject, detail);
    events.publishEvent(new ObservatoryChanged(site.id()));
  }

  private List<UUID> institutions(
      Site site, List<String> raw, String field, Map<String, String> errors) {
    Set<UUID> known =
        new java.util.HashSet<>(
            store.institutions(site.id().value()).stream().map(i -> i.id().value()).toList());
    List<UUID> chosen = new ArrayList<>();
    for (String r : distinct(raw)) {
      UUID id = uuid(r);
      if (id == null || !known.contains(id)) {
        errors.put(field, "observatory.error.unknown-institution");
        return List.of();
      }
      chosen.add(id);
    }
    return chosen;
  }

  /** A form's revision; a missing or malformed one matches no row, so the save is refused. */
  private static int revision(String raw) {
    try {
      return Integer.parseInt(strip(raw));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static LocalDate date(String raw, String field, Map<String, String> errors) {
    String s = strip(raw);
    if (s.isEmpty()) {
      errors.put(field, REQUIRED);
      return null;
    }
    try {
      LocalDate d = LocalDate.parse(s);
      if (d.getYear() < 2000 || d.getYear() > 2100) {
        errors.put(field, "observatory.error.date");
        return null;
      }
      return d;
    } catch (DateTimeParseException e) {
      errors.put(field, "observatory.error.date");
      return null;
    }
  }

  private static <T> T parse(String code, java.util.function.Function<String, T> from) {
    if (code == null || code.isBlank()) {
      return null;
    }
    try {
      return from.apply(code.strip());
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static UUID uuid(String raw) {
    try {
      return raw == null ? null : UUID.fromString(raw.strip());
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static List<String> distinct(List<String> values) {
    if (values == null) {
      return List.of();
    }
    Set<String> set = new LinkedHashSet<>();
    for (String v : values) {
      if (v != null && !v.isBlank()) {
        set.add(v.strip());
      }
    }
    return new ArrayList<>(set);
  }

  private static String strip(String s) {
    return s == null ? "" : s.strip();
  }

  private static void fail(Map<String, String> errors) {
    if (!errors.isEmpty()) {
      throw new BadRequest("validation.failed", errors);
    }
  }
}
