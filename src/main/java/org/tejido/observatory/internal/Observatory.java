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
import org.tejido.observatory.internal.ObservatoryStore.Subscriber;
import org.tejido.shared.BadRequest;
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
    Map<String, String> errors = new LinkedHashMap<>();
    List<LinkedProposal> proposals = new ArrayList<>();
    Agenda agenda = agendas.latestPublishedAsPublicForTeam(site).orElse(null);
    if (agenda == null) {
      errors.put("proposals", "observatory.error.no-published-agenda");
    } else {
      for (String raw : distinct(in.proposals())) {
        UUID id = uuid(raw);
        Optional<Proposal> p = id == null ? Optional.empty() : agenda.proposal(id);
        if (p.isEmpty()) {
          errors.put("proposals", "observatory.error.proposal-not-published");
          break;
        }
        proposals.add(new LinkedProposal(id, agenda.version().number()));
      }
      if (proposals.isEmpty() && !errors.containsKey("proposals")) {
        errors.put("proposals", "observatory.error.choose-proposal");
      }
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
    UUID id = UUID.randomUUID();
    int number =
        store.insertRecommendation(
            site.id().value(),
            id,
            new LocalizedText(es, en),
            in.addressee(),
            domains,
            targets.stream().sorted().toList(),
            specificity,
            starts,
            due,
            proposals,
            institutions);
    changed(site, "observatory.recommendation.added", "recommendation:" + id, "R-" + number);
    return new RecommendationId(id);
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
    Map<String, String> errors = new LinkedHashMap<>();
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
      } else {
        fileName = EvidenceFiles.safeName(in.fileName(), fileType);
      }
    }
    fail(errors);
    UUID id = UUID.randomUUID();
    store.insertUpdate(
        site.id().value(),
        id,
        recommendation.value(),
        source,
        status,
        reason,
        progress,
        evidence,
        link.isEmpty() ? null : link,
        fileName,
        fileType,
        file,
        on);
    changed(
        site,
        "observatory.update.added",
        "recommendation:" + recommendation,
        source.code() + ", " + status.code() + ", " + progress + "%");
    return new UpdateId(id);
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
    UUID id = UUID.randomUUID();
    store.insertSession(site.id().value(), id, on, minutes, attendees);
    changed(site, "observatory.session.added", "session:" + id, on.toString());
    return new SessionId(id);
  }

  public record CommitmentInput(
      String institution, String what, String dueOn, List<String> recommendations) {}

  public CommitmentId addCommitment(Site site, SessionId session, CommitmentInput in) {
    requireStaff(site);
    requireSession(site, session);
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
    UUID id = UUID.randomUUID();
    store.insertCommitment(
        site.id().value(), id, session.value(), institution.get(0), what, due, recommendations);
    changed(site, "observatory.commitment.added", "commitment:" + id, "session:" + session);
    return new CommitmentId(id);
  }

  public void fulfil(Site site, SessionId session, CommitmentId commitment) {
    requireStaff(site);
    UUID s = site.id().value();
    if (!store.commitmentExists(s, session.value(), commitment.value())) {
      throw new NotFound("observatory.commitment.not-found");
    }
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
