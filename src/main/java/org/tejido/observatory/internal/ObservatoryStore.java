package org.tejido.observatory.internal;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.tejido.crypto.SiteEncryption;
import org.tejido.observatory.CommitmentId;
import org.tejido.observatory.EvidenceSource;
import org.tejido.observatory.ImplementationStatus;
import org.tejido.observatory.Institution;
import org.tejido.observatory.InstitutionId;
import org.tejido.observatory.InstitutionLevel;
import org.tejido.observatory.InstitutionType;
import org.tejido.observatory.LinkedProposal;
import org.tejido.observatory.ProgressUpdate;
import org.tejido.observatory.RecommendationId;
import org.tejido.observatory.Sdg16Target;
import org.tejido.observatory.SessionId;
import org.tejido.observatory.UpdateId;
import org.tejido.shared.LocalizedText;

/**
 * The observatory's SQL. Every statement is bounded by the site, so an id of another site finds
 * nothing; it knows nothing of who is asking. The directory's contacts and the digest's addresses
 * are sealed here with the site key, bound to their table and row.
 */
@Repository
public class ObservatoryStore {

  private final JdbcClient jdbc;
  private final SiteEncryption encryption;

  ObservatoryStore(JdbcClient jdbc, SiteEncryption encryption) {
    this.jdbc = jdbc;
    this.encryption = encryption;
  }

  // ---- institutions ----

  /** An institution with its contacts, for the staff's editor alone. */
  public record InstitutionRecord(Institution institution, String contacts) {}

  public List<Institution> institutions(UUID site) {
    return jdbc.sql(
            "select id, name, level, type from observatory_institution where site_id = ?"
                + " order by lower(name)")
        .param(site)
        .query(ObservatoryStore::institution)
        .list();
  }

  public Optional<InstitutionRecord> institutionWithContacts(UUID site, UUID id) {
    return jdbc.sql(
            "select id, name, level, type, contacts, contacts_sealed from observatory_institution"
                + " where site_id = ? and id = ?")
        .params(site, id)
        .query(
            (rs, i) -> {
              byte[] sealed = rs.getBytes(6);
              // A row written before V39 is clear until the start-up re-seal reaches it.
              String contacts =
                  sealed == null ? rs.getString(5) : encryption.open(site, sealed, contacts(id));
              return new InstitutionRecord(institution(rs, i), contacts);
            })
        .optional();
  }

  private static String contacts(UUID institution) {
    return "observatory_institution.contacts#" + institution;
  }

  private byte[] sealedContacts(UUID site, UUID id, String contacts) {
    return contacts == null || contacts.isEmpty()
        ? null
        : encryption.seal(site, contacts, contacts(id));
  }

  public boolean nameTaken(UUID site, String name, UUID except) {
    return jdbc.sql(
            "select exists(select 1 from observatory_institution where site_id = ?"
                + " and lower(name) = lower(?) and id <> ?)")
        .params(site, name, except == null ? new UUID(0, 0) : except)
        .query(Boolean.class)
        .single();
  }

  public void insertInstitution(
      UUID site, UUID id, String name, InstitutionLevel level, InstitutionType type, String c) {
    jdbc.sql(
            "insert into observatory_institution (id, site_id, name, level, type, contacts,"
                + " contacts_sealed) values (?, ?, ?, ?, ?, '', ?)")
        .params(id, site, name, level.code(), type.code(), sealedContacts(site, id, c))
        .update();
  }

  public boolean updateInstitution(
      UUID site, UUID id, String name, InstitutionLevel level, InstitutionType type, String c) {
    return jdbc.sql(
                "update observatory_institution set name = ?, level = ?, type = ?, contacts = '',"
                    + " contacts_sealed = ? where site_id = ? and id = ?")
            .params(name, level.code(), type.code(), sealedContacts(site, id, c), site, id)
            .update()
        == 1;
  }

  private static Institution institution(ResultSet rs, int i) throws SQLException {
    return new Institution(
        new InstitutionId(rs.getObject(1, UUID.class)),
        rs.getString(2),
        InstitutionLevel.fromCode(rs.getString(3)),
        InstitutionType.fromCode(rs.getString(4)));
  }

  // ---- recommendations ----

  /** A recommendation's own columns and links, before its timelines are attached. */
  public record RecommendationRow(
      RecommendationId id,
      int number,
      LocalizedText text,
      String addressee,
      List<String> domains,
      List<Sdg16Target> targets,
      int specificity,
      LocalDate startsOn,
      LocalDate dueOn,
      List<LinkedProposal> proposals,
      List<InstitutionId> institutions) {}

  public int insertRecommendation(
      UUID site,
      UUID id,
      LocalizedText text,
      String addressee,
      List<String> domains,
      List<Sdg16Target> targets,
      int specificity,
      LocalDate startsOn,
      LocalDate dueOn,
      List<LinkedProposal> proposals,
      List<UUID> institutions) {
    // The number is the next one of the site; the unique (site_id, number) makes a concurrent
    // twin fail rather than share it.
    int number =
        jdbc.sql(
                "insert into observatory_recommendation (id, site_id, number, text_es, text_en,"
                    + " addressee, domains, targets, specificity, starts_on, due_on)"
                    + " values (?, ?, (select coalesce(max(number), 0) + 1 from"
                    + " observatory_recommendation where site_id = ?), ?, ?, ?,"
                    + " string_to_array(?, ','), string_to_array(?, ','), ?, ?, ?)"
                    + " returning number")
            .params(
                id,
                site,
                site,
                text.es(),
                text.en(),
                addressee,
                String.join(",", domains),
                String.join(",", targets.stream().map(Sdg16Target::code).toList()),
                specificity,
                startsOn,
                dueOn)
            .query(Integer.class)
            .single();
    insertLinks(site, id, proposals, institutions);
    return number;
  }

  private void insertLinks(
      UUID site, UUID id, List<LinkedProposal> proposals, List<UUID> institutions) {
    for (LinkedProposal p : proposals) {
      jdbc.sql(
              "insert into observatory_recommendation_proposal (site_id, recommendation_id,"
                  + " proposal_id, agenda_version) values (?, ?, ?, ?)")
          .params(site, id, p.proposalId(), p.agendaVersion())
          .update();
    }
    for (UUID institution : institutions) {
      jdbc.sql(
              "insert into observatory_recommendation_institution (site_id, recommendation_id,"
                  + " institution_id) values (?, ?, ?)")
          .params(site, id, institution)
          .update();
    }
  }

  /**
   * Replaces a recommendation's columns and links, only while it still has the revision the form
   * was opened at; false when somebody saved it since (nothing changed then).
   */
  public boolean updateRecommendation(
      UUID site,
      UUID id,
      int revision,
      LocalizedText text,
      String addressee,
      List<String> domains,
      List<Sdg16Target> targets,
      int specificity,
      LocalDate startsOn,
      LocalDate dueOn,
      List<LinkedProposal> proposals,
      List<UUID> institutions) {
    int changed =
        jdbc.sql(
                "update observatory_recommendation set text_es = ?, text_en = ?, addressee = ?,"
                    + " domains = string_to_array(?, ','), targets = string_to_array(?, ','),"
                    + " specificity = ?, starts_on = ?, due_on = ?, revision = revision + 1"
                    + " where site_id = ? and id = ? and revision = ?")
            .params(
                text.es(),
                text.en(),
                addressee,
                String.join(",", domains),
                String.join(",", targets.stream().map(Sdg16Target::code).toList()),
                specificity,
                startsOn,
                dueOn,
                site,
                id,
                revision)
            .update();
    if (changed != 1) {
      return false;
    }
    jdbc.sql(
            "delete from observatory_recommendation_proposal where site_id = ?"
                + " and recommendation_id = ?")
        .params(site, id)
        .update();
    jdbc.sql(
            "delete from observatory_recommendation_institution where site_id = ?"
                + " and recommendation_id = ?")
        .params(site, id)
        .update();
    insertLinks(site, id, proposals, institutions);
    return true;
  }

  /** The revision an edit form is opened at; empty for an id of another site or none. */
  public Optional<Integer> revision(Revisioned table, UUID site, UUID id) {
    return jdbc.sql("select revision from " + table.table + " where site_id = ? and id = ?")
        .params(site, id)
        .query(Integer.class)
        .optional();
  }

  /** The rows whose edit forms carry a revision. */
  public enum Revisioned {
    RECOMMENDATION("observatory_recommendation"),
    SESSION("observatory_session"),
    COMMITMENT("observatory_commitment");

    private final String table;

    Revisioned(String table) {
      this.table = table;
    }
  }

  /** Whether the public has seen anything happen to it: a progress update or a commitment. */
  public boolean hasHistory(UUID site, UUID recommendation) {
    return jdbc.sql(
            "select exists(select 1 from observatory_update where site_id = ?"
                + " and recommendation_id = ?) or exists(select 1 from"
                + " observatory_commitment_recommendation where site_id = ?"
                + " and recommendation_id = ?)")
        .params(site, recommendation, site, recommendation)
        .query(Boolean.class)
        .single();
  }

  /**
   * Deletes a recommendation without history, with its links, in one statement (the links go by
   * their foreign keys' cascade); false when it is gone, or has history by now.
   */
  public boolean deleteRecommendation(UUID site, UUID id) {
    return jdbc.sql(
                "delete from observatory_recommendation r where site_id = ? and id = ?"
                    + " and not exists(select 1 from observatory_update u where"
                    + " u.recommendation_id = r.id) and not exists(select 1 from"
                    + " observatory_commitment_recommendation c where c.recommendation_id = r.id)")
            .params(site, id)
            .update()
        == 1;
  }

  public boolean recommendationExists(UUID site, UUID id) {
    return jdbc.sql(
            "select exists(select 1 from observatory_recommendation where site_id = ? and id = ?)")
        .params(site, id)
        .query(Boolean.class)
        .single();
  }

  public List<RecommendationRow> recommendations(UUID site) {
    Map<UUID, List<LinkedProposal>> proposals = new LinkedHashMap<>();
    jdbc.sql(
            "select recommendation_id, proposal_id, agenda_version from"
                + " observatory_recommendation_proposal where site_id = ?"
                + " order by agenda_version, proposal_id")
        .param(site)
        .query(
            (rs, i) ->
                proposals
                    .computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
                    .add(new LinkedProposal(rs.getObject(2, UUID.class), rs.getInt(3))))
        .list();
    Map<UUID, List<InstitutionId>> institutions = new LinkedHashMap<>();
    jdbc.sql(
            "select l.recommendation_id, l.institution_id from"
                + " observatory_recommendation_institution l join observatory_institution i on"
                + " i.id = l.institution_id where l.site_id = ? order by lower(i.name)")
        .param(site)
        .query(
            (rs, i) ->
                institutions
                    .computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
                    .add(new InstitutionId(rs.getObject(2, UUID.class))))
        .list();
    return jdbc.sql(
            "select id, number, text_es, text_en, addressee, domains, targets, specificity,"
                + " starts_on, due_on from observatory_recommendation where site_id = ?"
                + " order by number")
        .param(site)
        .query(
            (rs, i) -> {
              UUID id = rs.getObject(1, UUID.class);
              return new RecommendationRow(
                  new RecommendationId(id),
                  rs.getInt(2),
                  new LocalizedText(rs.getString(3), rs.getString(4)),
                  rs.getString(5),
                  strings(rs.getArray(6)),
                  strings(rs.getArray(7)).stream().map(Sdg16Target::fromCode).toList(),
                  rs.getInt(8),
                  rs.getObject(9, LocalDate.class),
                  rs.getObject(10, LocalDate.class),
                  proposals.getOrDefault(id, List.of()),
                  institutions.getOrDefault(id, List.of()));
            })
        .list();
  }

  private static List<String> strings(Array array) throws SQLException {
    return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
  }

  // ---- progress updates ----

  public void insertUpdate(
      UUID site,
      UUID id,
      UUID recommendation,
      EvidenceSource source,
      ImplementationStatus status,
      String reason,
      int progress,
      String evidence,
      String link,
      String fileName,
      String fileType,
      byte[] file,
      LocalDate reportedOn) {
    jdbc.sql(
            "insert into observatory_update (id, site_id, recommendation_id, source, status,"
                + " reason, progress, evidence, link, file_name, file_type, file, reported_on,"
                + " evidence_public) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            id,
            site,
            recommendation,
            source.code(),
            status.code(),
            reason,
            progress,
            evidence,
            link,
            fileName,
            fileType,
            file,
            reportedOn,
            source.evidencePublicOnEntry())
        .update();
  }

  /**
   * Records a correction: a new update superseding {@code corrects}, which stays as it was. The
   * evidence file of the corrected update is carried over when the correction brings none and
   * {@code keepFile} asks for it.
   *
   * @throws org.springframework.dao.DuplicateKeyException when that update was corrected already
   */
  public void insertCorrection(
      UUID site,
      UUID id,
      UUID recommendation,
      UUID corrects,
      EvidenceSource source,
      ImplementationStatus status,
      String reason,
      int progress,
      String evidence,
      String link,
      String fileName,
      String fileType,
      byte[] file,
      boolean keepFile,
      LocalDate reportedOn,
      UUID correctedBy,
      String correctionReason,
      LocalDate correctedOn) {
    insertUpdate(
        site,
        id,
        recommendation,
        source,
        status,
        reason,
        progress,
        evidence,
        link,
        fileName,
        fileType,
        file,
        reportedOn);
    jdbc.sql(
            "update observatory_update set corrects = ?, corrected_by = ?, correction_reason = ?,"
                + " corrected_on = ? where site_id = ? and id = ?")
        .params(corrects, correctedBy, correctionReason, correctedOn, site, id)
        .update();
    if (file == null && keepFile) {
      jdbc.sql(
              "update observatory_update u set file_name = o.file_name, file_type = o.file_type,"
                  + " file = o.file from observatory_update o where u.site_id = ? and u.id = ?"
                  + " and o.site_id = u.site_id and o.id = ?")
          .params(site, id, corrects)
          .update();
    }
  }

  /**
   * An update of the recommendation as it stands now: empty for one of another site or
   * recommendation; present but not current (false) when a correction superseded it.
   */
  public Optional<Boolean> updateIsCurrent(UUID site, UUID recommendation, UUID update) {
    return jdbc.sql(
            "select not exists(select 1 from observatory_update c where c.corrects = u.id)"
                + " from observatory_update u where u.site_id = ? and u.recommendation_id = ?"
                + " and u.id = ?")
        .params(site, recommendation, update)
        .query(Boolean.class)
        .optional();
  }

  /** The earlier versions an update's correction chain replaced, newest first. */
  public List<ProgressUpdate> supersededBy(UUID site, UUID update) {
    return jdbc.sql(
            "with recursive chain(id, corrects, depth) as (select id, corrects, 0 from"
                + " observatory_update where site_id = ? and id = ? union all select u.id,"
                + " u.corrects, c.depth + 1 from observatory_update u join chain c on"
                + " u.id = c.corrects where u.site_id = ?) select u.id, u.recommendation_id,"
                + " u.source, u.status, u.reason, u.progress, u.evidence, u.link, u.file_name,"
                + " u.file_type, u.reported_on, u.corrected_on, u.correction_reason,"
                + " u.evidence_public from chain c"
                + " join observatory_update u on u.id = c.id where c.depth > 0 order by c.depth")
        .params(site, update, site)
        .query(ObservatoryStore::update)
        .list();
  }

  /**
   * Every current update of a site (superseded versions left out), oldest first: by the day
   * reported, then as the first version of each was entered, so a correction keeps its place; as
   * the public may see it: evidence not yet published is not even read (it reads as none).
   */
  public List<ProgressUpdate> updates(UUID site) {
    return updates(
        site,
        "case when evidence_public then evidence else '' end,"
            + " case when evidence_public then link end,"
            + " case when evidence_public then file_name end,"
            + " case when evidence_public then file_type end");
  }

  /** Every update of a site with its evidence, published or held: for the staff alone. */
  public List<ProgressUpdate> updatesWithHeldEvidence(UUID site) {
    return updates(site, "evidence, link, file_name, file_type");
  }

  private List<ProgressUpdate> updates(UUID site, String evidenceColumns) {
    return jdbc.sql(
            "with recursive chain(id, first_at) as (select id, created_at from"
                + " observatory_update where site_id = ? and corrects is null union all select"
                + " u.id, c.first_at from observatory_update u join chain c on u.corrects = c.id)"
                + " select u.id, u.recommendation_id, u.source, u.status, u.reason, u.progress, "
                + evidenceColumns
                + ", u.reported_on, u.corrected_on, u.correction_reason, u.evidence_public"
                + " from observatory_update u join chain c on c.id = u.id"
                + " where not exists(select 1 from observatory_update n where n.corrects = u.id)"
                + " order by u.reported_on, c.first_at, u.id")
        .param(site)
        .query(ObservatoryStore::update)
        .list();
  }

  private static ProgressUpdate update(ResultSet rs, int i) throws SQLException {
    return new ProgressUpdate(
        new UpdateId(rs.getObject(1, UUID.class)),
        new RecommendationId(rs.getObject(2, UUID.class)),
        EvidenceSource.fromCode(rs.getString(3)),
        ImplementationStatus.fromCode(rs.getString(4)),
        rs.getString(5),
        rs.getInt(6),
        rs.getString(7),
        rs.getString(8),
        rs.getString(9),
        rs.getString(10),
        rs.getObject(11, LocalDate.class),
        rs.getObject(12, LocalDate.class),
        rs.getString(13),
        rs.getBoolean(14));
  }

  /** An update's evidence file. */
  public record EvidenceFile(String name, String type, byte[] content) {}

  /**
   * The evidence file of an update the tracker shows: none for a version a correction superseded,
   * so a file replaced or dropped by a correction is no longer served to the public, and none while
   * the update's evidence is held.
   */
  public Optional<EvidenceFile> currentEvidenceFile(UUID site, UUID recommendation, UUID update) {
    return jdbc.sql(
            "select file_name, file_type, file from observatory_update u where site_id = ?"
                + " and recommendation_id = ? and id = ? and file is not null and not exists("
                + "select 1 from observatory_update c where c.corrects = u.id)"
                + " and evidence_public")
        .params(site, recommendation, update)
        .query((rs, i) -> new EvidenceFile(rs.getString(1), rs.getString(2), rs.getBytes(3)))
        .optional();
  }

  public Optional<EvidenceFile> evidenceFile(UUID site, UUID recommendation, UUID update) {
    return evidenceFile(site, recommendation, update, "");
  }

  private Optional<EvidenceFile> evidenceFile(
      UUID site, UUID recommendation, UUID update, String condition) {
    return jdbc.sql(
            "select file_name, file_type, file from observatory_update where site_id = ?"
                + " and recommendation_id = ? and id = ? and file is not null"
                + condition)
        .params(site, recommendation, update)
        .query((rs, i) -> new EvidenceFile(rs.getString(1), rs.getString(2), rs.getBytes(3)))
        .optional();
  }

  public boolean updateExists(UUID site, UUID recommendation, UUID update) {
    return jdbc.sql(
            "select exists(select 1 from observatory_update where site_id = ?"
                + " and recommendation_id = ? and id = ?)")
        .params(site, recommendation, update)
        .query(Boolean.class)
        .single();
  }

  /**
   * Publishes or holds an update's evidence; empty when the update is not the recommendation's at
   * this site, otherwise whether it was published before.
   */
  public Optional<Boolean> publishEvidence(
      UUID site, UUID recommendation, UUID update, boolean published) {
    return jdbc.sql(
            "update observatory_update u set evidence_public = ? from observatory_update o"
                + " where o.id = u.id and u.site_id = ? and u.recommendation_id = ? and u.id = ?"
                + " returning o.evidence_public")
        .params(published, site, recommendation, update)
        .query(Boolean.class)
        .optional();
  }

  // ---- sessions and commitments ----

  /** A session's own columns. */
  public record SessionRow(SessionId id, LocalDate heldOn, String minutes) {}

  public void insertSession(UUID site, UUID id, LocalDate heldOn, String minutes, List<UUID> who) {
    jdbc.sql("insert into observatory_session (id, site_id, held_on, minutes) values (?, ?, ?, ?)")
        .params(id, site, heldOn, minutes)
        .update();
    for (UUID institution : who) {
      jdbc.sql(
              "insert into observatory_session_attendee (site_id, session_id, institution_id)"
                  + " values (?, ?, ?)")
          .params(site, id, institution)
          .update();
    }
  }

  /** Replaces a session's date, minutes and attendees while it has the given revision. */
  public boolean updateSession(
      UUID site, UUID id, int revision, LocalDate heldOn, String minutes, List<UUID> who) {
    int changed =
        jdbc.sql(
                "update observatory_session set held_on = ?, minutes = ?, revision = revision + 1"
                    + " where site_id = ? and id = ? and revision = ?")
            .params(heldOn, minutes, site, id, revision)
            .update();
    if (changed != 1) {
      return false;
    }
    jdbc.sql("delete from observatory_session_attendee where site_id = ? and session_id = ?")
        .params(site, id)
        .update();
    for (UUID institution : who) {
      jdbc.sql(
              "insert into observatory_session_attendee (site_id, session_id, institution_id)"
                  + " values (?, ?, ?)")
          .params(site, id, institution)
          .update();
    }
    return true;
  }

  public List<SessionRow> sessions(UUID site) {
    return jdbc.sql(
            "select id, held_on, minutes from observatory_session where site_id = ?"
                + " order by held_on desc, created_at desc")
        .param(site)
        .query(
            (rs, i) ->
                new SessionRow(
                    new SessionId(rs.getObject(1, UUID.class)),
                    rs.getObject(2, LocalDate.class),
                    rs.getString(3)))
        .list();
  }

  /** Attendees by session. */
  public Map<UUID, List<InstitutionId>> attendees(UUID site) {
    Map<UUID, List<InstitutionId>> all = new LinkedHashMap<>();
    jdbc.sql(
            "select a.session_id, a.institution_id from observatory_session_attendee a join"
                + " observatory_institution i on i.id = a.institution_id where a.site_id = ?"
                + " order by lower(i.name)")
        .param(site)
        .query(
            (rs, i) ->
                all.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
                    .add(new InstitutionId(rs.getObject(2, UUID.class))))
        .list();
    return all;
  }

  public boolean sessionExists(UUID site, UUID id) {
    return jdbc.sql("select exists(select 1 from observatory_session where site_id = ? and id = ?)")
        .params(site, id)
        .query(Boolean.class)
        .single();
  }

  public void insertCommitment(
      UUID site,
      UUID id,
      UUID session,
      UUID institution,
      String what,
      LocalDate dueOn,
      List<UUID> recommendations) {
    jdbc.sql(
            "insert into observatory_commitment (id, site_id, session_id, institution_id, what,"
                + " due_on) values (?, ?, ?, ?, ?, ?)")
        .params(id, site, session, institution, what, dueOn)
        .update();
    for (UUID r : recommendations) {
      jdbc.sql(
              "insert into observatory_commitment_recommendation (site_id, commitment_id,"
                  + " recommendation_id) values (?, ?, ?)")
          .params(site, id, r)
          .update();
    }
  }

  /**
   * Replaces an open commitment's institution, text, due date and recommendations while it has the
   * given revision; false when it changed since, or was fulfilled or withdrawn.
   */
  public boolean updateCommitment(
      UUID site,
      UUID session,
      UUID id,
      int revision,
      UUID institution,
      String what,
      LocalDate dueOn,
      List<UUID> recommendations) {
    int changed =
        jdbc.sql(
                "update observatory_commitment set institution_id = ?, what = ?, due_on = ?,"
                    + " revision = revision + 1 where site_id = ? and session_id = ? and id = ?"
                    + " and revision = ? and fulfilled_on is null and withdrawn_on is null")
            .params(institution, what, dueOn, site, session, id, revision)
            .update();
    if (changed != 1) {
      return false;
    }
    jdbc.sql(
            "delete from observatory_commitment_recommendation where site_id = ?"
                + " and commitment_id = ?")
        .params(site, id)
        .update();
    for (UUID r : recommendations) {
      jdbc.sql(
              "insert into observatory_commitment_recommendation (site_id, commitment_id,"
                  + " recommendation_id) values (?, ?, ?)")
          .params(site, id, r)
          .update();
    }
    return true;
  }

  /** Withdraws an open commitment; false when it was fulfilled or withdrawn already. */
  public boolean withdrawCommitment(
      UUID site, UUID session, UUID commitment, LocalDate on, String reason) {
    return jdbc.sql(
                "update observatory_commitment set withdrawn_on = ?, withdrawn_reason = ?,"
                    + " revision = revision + 1 where site_id = ? and session_id = ? and id = ?"
                    + " and fulfilled_on is null and withdrawn_on is null")
            .params(on, reason, site, session, commitment)
            .update()
        == 1;
  }

  public boolean fulfil(UUID site, UUID session, UUID commitment, LocalDate on) {
    return jdbc.sql(
                "update observatory_commitment set fulfilled_on = ?, revision = revision + 1"
                    + " where site_id = ? and session_id = ? and id = ? and fulfilled_on is null"
                    + " and withdrawn_on is null")
            .params(on, site, session, commitment)
            .update()
        == 1;
  }

  public boolean commitmentExists(UUID site, UUID session, UUID commitment) {
    return jdbc.sql(
            "select exists(select 1 from observatory_commitment where site_id = ?"
                + " and session_id = ? and id = ?)")
        .params(site, session, commitment)
        .query(Boolean.class)
        .single();
  }

  /** A commitment's own columns and the recommendations it serves. */
  public record CommitmentRow(
      CommitmentId id,
      SessionId session,
      LocalDate heldOn,
      InstitutionId institution,
      String what,
      LocalDate dueOn,
      LocalDate fulfilledOn,
      LocalDate withdrawnOn,
      String withdrawnReason,
      List<RecommendationId> recommendations) {}

  public List<CommitmentRow> commitments(UUID site) {
    Map<UUID, List<RecommendationId>> links = new LinkedHashMap<>();
    jdbc.sql(
            "select l.commitment_id, l.recommendation_id from observatory_commitment_recommendation"
                + " l join observatory_recommendation r on r.id = l.recommendation_id"
                + " where l.site_id = ? order by r.number")
        .param(site)
        .query(
            (rs, i) ->
                links
                    .computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
                    .add(new RecommendationId(rs.getObject(2, UUID.class))))
        .list();
    return jdbc.sql(
            "select c.id, c.session_id, s.held_on, c.institution_id, c.what, c.due_on,"
                + " c.fulfilled_on, c.withdrawn_on, c.withdrawn_reason from observatory_commitment"
                + " c join observatory_session s on"
                + " s.id = c.session_id where c.site_id = ? order by c.due_on, c.created_at")
        .param(site)
        .query(
            (rs, i) -> {
              UUID id = rs.getObject(1, UUID.class);
              return new CommitmentRow(
                  new CommitmentId(id),
                  new SessionId(rs.getObject(2, UUID.class)),
                  rs.getObject(3, LocalDate.class),
                  new InstitutionId(rs.getObject(4, UUID.class)),
                  rs.getString(5),
                  rs.getObject(6, LocalDate.class),
                  rs.getObject(7, LocalDate.class),
                  rs.getObject(8, LocalDate.class),
                  rs.getString(9),
                  links.getOrDefault(id, List.of()));
            })
        .list();
  }

  /** The sites with at least one open commitment due before the given day. */
  public List<UUID> sitesWithOverdueCommitments(LocalDate today) {
    return jdbc.sql(
            "select distinct site_id from observatory_commitment where fulfilled_on is null"
                + " and withdrawn_on is null and due_on < ?")
        .param(today)
        .query(UUID.class)
        .list();
  }

  // ---- the digest ----

  /** Where one member wants the digest. */
  public record Subscriber(UUID userId, String email, String language) {}

  public Optional<Subscriber> subscriber(UUID site, UUID user) {
    return jdbc.sql(
            "select user_id, email, email_sealed, language from observatory_subscriber"
                + " where site_id = ? and user_id = ?")
        .params(site, user)
        .query((rs, i) -> subscriber(site, rs))
        .optional();
  }

  public void saveSubscriber(UUID site, UUID user, String email, String language) {
    jdbc.sql(
            "insert into observatory_subscriber (site_id, user_id, email_sealed, language)"
                + " values (?, ?, ?, ?) on conflict (site_id, user_id) do update"
                + " set email = null, email_sealed = excluded.email_sealed,"
                + " language = excluded.language")
        .params(site, user, encryption.seal(site, email, address(user)), language)
        .update();
  }

  private static String address(UUID user) {
    return "observatory_subscriber.email#" + user;
  }

  private Subscriber subscriber(UUID site, ResultSet rs) throws SQLException {
    UUID user = rs.getObject(1, UUID.class);
    byte[] sealed = rs.getBytes(3);
    // A row written before V39 is clear until the start-up re-seal reaches it.
    String email = sealed == null ? rs.getString(2) : encryption.open(site, sealed, address(user));
    return new Subscriber(user, email, rs.getString(4));
  }

  public void removeSubscriber(UUID site, UUID user) {
    jdbc.sql("delete from observatory_subscriber where site_id = ? and user_id = ?")
        .params(site, user)
        .update();
  }

  /**
   * The digest's recipients at a site: enabled members who hold the observatory or coordinator role
   * there now and gave an address (a role taken away stops the digest at once).
   */
  public List<Subscriber> recipients(UUID site) {
    return jdbc.sql(
            "select s.user_id, s.email, s.email_sealed, s.language from observatory_subscriber s"
                + " join site_membership m on m.site_id = s.site_id and m.user_id = s.user_id"
                + " join app_user u on u.id = s.user_id"
                + " where s.site_id = ? and u.enabled and m.role in ('observatory', 'coordinator')"
                + " order by s.user_id")
        .param(site)
        .query((rs, i) -> subscriber(site, rs))
        .list();
  }

  /** Claims today's digest for a member; false when it was already claimed (sent) today. */
  public boolean claimDigest(UUID site, UUID user, LocalDate day) {
    return jdbc.sql(
                "insert into observatory_digest_sent (site_id, user_id, day) values (?, ?, ?)"
                    + " on conflict do nothing")
            .params(site, user, day)
            .update()
        == 1;
  }

  // ---- rows written before V39 ----

  /**
   * Seals the directory's contacts and the digest's addresses still held in clear, emptying the
   * clear column in the same statement; returns how many rows it sealed.
   */
  public int sealClearRows() {
    record Clear(UUID site, UUID id, String text) {}
    int sealed = 0;
    for (Clear c :
        jdbc.sql(
                "select site_id, id, contacts from observatory_institution where contacts <> ''"
                    + " for update")
            .query(
                (rs, i) ->
                    new Clear(
                        rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3)))
            .list()) {
      sealed +=
          jdbc.sql(
                  "update observatory_institution set contacts = '', contacts_sealed = ?"
                      + " where id = ?")
              .params(sealedContacts(c.site(), c.id(), c.text()), c.id())
              .update();
    }
    for (Clear c :
        jdbc.sql(
                "select site_id, user_id, email from observatory_subscriber where email is not"
                    + " null for update")
            .query(
                (rs, i) ->
                    new Clear(
                        rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3)))
            .list()) {
      sealed +=
          jdbc.sql(
                  "update observatory_subscriber set email = null, email_sealed = ?"
                      + " where site_id = ? and user_id = ?")
              .params(encryption.seal(c.site(), c.text(), address(c.id())), c.site(), c.id())
              .update();
    }
    return sealed;
  }
}
