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
import org.springframework.jdbc.core.RowMapper;
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
 * nothing; it knows nothing of who is asking. The directory's contacts, the digest's addresses and
 * held evidence are sealed here with the site key, bound to their table, column and row.
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
    Map<UUID, List<LinkedProposal>> proposals =
        grouped(
            "select recommendation_id, proposal_id, agenda_version from"
                + " observatory_recommendation_proposal where site_id = ?"
                + " order by agenda_version, proposal_id",
            site,
            (rs, i) -> new LinkedProposal(rs.getObject(2, UUID.class), rs.getInt(3)));
    Map<UUID, List<InstitutionId>> institutions =
        grouped(
            "select l.recommendation_id, l.institution_id from"
                + " observatory_recommendation_institution l join observatory_institution i on"
                + " i.id = l.institution_id where l.site_id = ? order by lower(i.name)",
            site,
            (rs, i) -> new InstitutionId(rs.getObject(2, UUID.class)));
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
    insertUpdate(
        site,
        id,
        recommendation,
        source,
        status,
        reason,
        progress,
        new Evidence(evidence, link, fileName, file),
        fileType,
        reportedOn,
        source.evidencePublicOnEntry());
  }

  private void insertUpdate(
      UUID site,
      UUID id,
      UUID recommendation,
      EvidenceSource source,
      ImplementationStatus status,
      String reason,
      int progress,
      Evidence evidence,
      String fileType,
      LocalDate reportedOn,
      boolean published) {
    Stored stored = published ? evidence.inClear() : evidence.sealed(encryption, site, id);
    jdbc.sql(
            "insert into observatory_update (id, site_id, recommendation_id, source, status,"
                + " reason, progress, evidence, link, file_name, file_type, file, reported_on,"
                + " evidence_public, evidence_sealed, link_sealed, file_name_sealed, file_sealed)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            id,
            site,
            recommendation,
            source.code(),
            status.code(),
            reason,
            progress,
            stored.evidence(),
            stored.link(),
            stored.fileName(),
            fileType,
            stored.file(),
            reportedOn,
            published,
            stored.evidenceSealed(),
            stored.linkSealed(),
            stored.fileNameSealed(),
            stored.fileSealed())
        .update();
  }

  /** An update's evidence in clear, as staff read it and the public reads it once published. */
  private record Evidence(String text, String link, String fileName, byte[] file) {

    Stored inClear() {
      return new Stored(text == null ? "" : text, link, fileName, file, null, null, null, null);
    }

    /** Sealed with the site key, each field bound to its column and the update's row. */
    Stored sealed(SiteEncryption encryption, UUID site, UUID update) {
      return new Stored(
          "",
          null,
          null,
          null,
          text == null || text.isEmpty()
              ? null
              : encryption.seal(site, text, heldEvidence("evidence", update)),
          link == null ? null : encryption.seal(site, link, heldEvidence("link", update)),
          fileName == null
              ? null
              : encryption.seal(site, fileName, heldEvidence("file_name", update)),
          file == null ? null : encryption.sealBytes(site, file, heldEvidence("file", update)));
    }
  }

  /** An update's evidence columns as written: each field clear or sealed, never both. */
  private record Stored(
      String evidence,
      String link,
      String fileName,
      byte[] file,
      byte[] evidenceSealed,
      byte[] linkSealed,
      byte[] fileNameSealed,
      byte[] fileSealed) {}

  private static String heldEvidence(String column, UUID update) {
    return "observatory_update." + column + "#" + update;
  }

  /**
   * Reads the columns {@link #EVIDENCE_COLUMNS} from {@code first} on, opening each field that is
   * sealed (a held row written before V43 is clear until the start-up re-seal reaches it); the
   * file's content is not among them.
   */
  private Evidence evidence(UUID site, UUID update, ResultSet rs, int first) throws SQLException {
    byte[] text = rs.getBytes(first + 1);
    byte[] link = rs.getBytes(first + 3);
    byte[] name = rs.getBytes(first + 5);
    return new Evidence(
        text == null
            ? rs.getString(first)
            : encryption.open(site, text, heldEvidence("evidence", update)),
        link == null
            ? rs.getString(first + 2)
            : encryption.open(site, link, heldEvidence("link", update)),
        name == null
            ? rs.getString(first + 4)
            : encryption.open(site, name, heldEvidence("file_name", update)),
        null);
  }

  /** The text, link and file name, clear and sealed, in the order {@link #evidence} reads them. */
  private static final String EVIDENCE_COLUMNS =
      "u.evidence, u.evidence_sealed, u.link, u.link_sealed, u.file_name, u.file_name_sealed";

  /** Reads {@code u.file, u.file_sealed} from {@code first} on, opening the sealed form. */
  private byte[] file(UUID site, UUID update, ResultSet rs, int first) throws SQLException {
    byte[] sealed = rs.getBytes(first + 1);
    return sealed == null
        ? rs.getBytes(first)
        : encryption.openBytes(site, sealed, heldEvidence("file", update));
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
    boolean published = source.evidencePublicOnEntry();
    if (file == null && keepFile) {
      // The kept file is opened here and written again under the correction's own row (sealed
      // again when held): a sealed blob copied as it is would not open under another row. A file
      // held on the corrected version stays held on the correction.
      Optional<StaffEvidenceFile> kept = staffEvidenceFile(site, corrects);
      if (kept.isPresent()) {
        fileName = kept.get().file().name();
        fileType = kept.get().file().type();
        file = kept.get().file().content();
        published = published && kept.get().published();
      }
    }
    insertUpdate(
        site,
        id,
        recommendation,
        source,
        status,
        reason,
        progress,
        new Evidence(evidence, link, fileName, file),
        fileType,
        reportedOn,
        published);
    jdbc.sql(
            "update observatory_update set corrects = ?, corrected_by = ?, correction_reason = ?,"
                + " corrected_on = ? where site_id = ? and id = ?")
        .params(corrects, correctedBy, correctionReason, correctedOn, site, id)
        .update();
  }

  private record StaffEvidenceFile(EvidenceFile file, boolean published) {}

  /** An update's file, published or held, opened; with whether it is published. */
  private Optional<StaffEvidenceFile> staffEvidenceFile(UUID site, UUID update) {
    return staffEvidenceFile(site, null, update);
  }

  private Optional<StaffEvidenceFile> staffEvidenceFile(
      UUID site, UUID recommendation, UUID update) {
    return jdbc.sql(
            "select u.file_type, u.evidence_public, u.file, u.file_sealed, "
                + EVIDENCE_COLUMNS
                + " from observatory_update u where u.site_id = ? and u.id = ?"
                + " and u.recommendation_id = coalesce(cast(? as uuid), u.recommendation_id)"
                + " and (u.file is not null or u.file_sealed is not null)")
        .params(site, update, recommendation)
        .query(
            (rs, i) ->
                new StaffEvidenceFile(
                    new EvidenceFile(
                        evidence(site, update, rs, 5).fileName(),
                        rs.getString(1),
                        file(site, update, rs, 3)),
                    rs.getBoolean(2)))
        .optional();
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

  /**
   * The earlier versions an update's correction chain replaced, newest first, held evidence opened.
   */
  public List<ProgressUpdate> supersededBy(UUID site, UUID update) {
    return jdbc.sql(
            "with recursive chain(id, corrects, depth) as (select id, corrects, 0 from"
                + " observatory_update where site_id = ? and id = ? union all select u.id,"
                + " u.corrects, c.depth + 1 from observatory_update u join chain c on"
                + " u.id = c.corrects where u.site_id = ?) select "
                + STAFF_UPDATE_COLUMNS
                + " from chain c join observatory_update u on u.id = c.id where c.depth > 0"
                + " order by c.depth")
        .params(site, update, site)
        .query((rs, i) -> staffUpdate(site, rs))
        .list();
  }

  /**
   * Every current update of a site (superseded versions left out), oldest first: by the day
   * reported, then as the first version of each was entered, so a correction keeps its place; as
   * the public may see it: evidence not yet published is not even read (it reads as none).
   */
  public List<ProgressUpdate> updates(UUID site) {
    // Never a sealed column: held evidence is not even read.
    return updates(
        site,
        "u.id, u.recommendation_id, u.source, u.status, u.reason, u.progress,"
            + " case when evidence_public then evidence else '' end,"
            + " case when evidence_public then link end,"
            + " case when evidence_public then file_name end,"
            + " case when evidence_public then file_type end,"
            + " u.reported_on, u.corrected_on, u.correction_reason, u.evidence_public",
        ObservatoryStore::update);
  }

  /**
   * Every update of a site with its evidence, published or held (opened when sealed): for the staff
   * alone.
   */
  public List<ProgressUpdate> updatesWithHeldEvidence(UUID site) {
    return updates(site, STAFF_UPDATE_COLUMNS, (rs, i) -> staffUpdate(site, rs));
  }

  private List<ProgressUpdate> updates(
      UUID site, String columns, RowMapper<ProgressUpdate> mapper) {
    return jdbc.sql(
            "with recursive chain(id, first_at) as (select id, created_at from"
                + " observatory_update where site_id = ? and corrects is null union all select"
                + " u.id, c.first_at from observatory_update u join chain c on u.corrects = c.id)"
                + " select "
                + columns
                + " from observatory_update u join chain c on c.id = u.id"
                + " where not exists(select 1 from observatory_update n where n.corrects = u.id)"
                + " order by u.reported_on, c.first_at, u.id")
        .param(site)
        .query(mapper)
        .list();
  }

  /** What {@link #staffUpdate} reads: the evidence clear or sealed, never the file's content. */
  private static final String STAFF_UPDATE_COLUMNS =
      "u.id, u.recommendation_id, u.source, u.status, u.reason, u.progress, u.file_type,"
          + " u.reported_on, u.corrected_on, u.correction_reason, u.evidence_public, "
          + EVIDENCE_COLUMNS;

  private ProgressUpdate staffUpdate(UUID site, ResultSet rs) throws SQLException {
    UUID id = rs.getObject(1, UUID.class);
    Evidence e = evidence(site, id, rs, 12);
    return new ProgressUpdate(
        new UpdateId(id),
        new RecommendationId(rs.getObject(2, UUID.class)),
        EvidenceSource.fromCode(rs.getString(3)),
        ImplementationStatus.fromCode(rs.getString(4)),
        rs.getString(5),
        rs.getInt(6),
        e.text(),
        e.link(),
        e.fileName(),
        rs.getString(7),
        rs.getObject(8, LocalDate.class),
        rs.getObject(9, LocalDate.class),
        rs.getString(10),
        rs.getBoolean(11));
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

  /** An update's file for the staff, published or held (opened when sealed). */
  public Optional<EvidenceFile> evidenceFile(UUID site, UUID recommendation, UUID update) {
    return staffEvidenceFile(site, recommendation, update).map(StaffEvidenceFile::file);
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
   * this site, otherwise whether it was published before. Publishing opens the evidence into the
   * clear columns and holding seals it, emptying the other form in the same statement.
   */
  public Optional<Boolean> publishEvidence(
      UUID site, UUID recommendation, UUID update, boolean published) {
    record Row(boolean published, Evidence evidence) {}
    Optional<Row> row =
        jdbc.sql(
                "select u.evidence_public, u.file, u.file_sealed, "
                    + EVIDENCE_COLUMNS
                    + " from observatory_update u where u.site_id = ? and u.recommendation_id = ?"
                    + " and u.id = ? for update")
            .params(site, recommendation, update)
            .query(
                (rs, i) -> {
                  Evidence e = evidence(site, update, rs, 4);
                  return new Row(
                      rs.getBoolean(1),
                      new Evidence(e.text(), e.link(), e.fileName(), file(site, update, rs, 2)));
                })
            .optional();
    row.ifPresent(r -> writeEvidence(site, update, r.evidence(), published));
    return row.map(Row::published);
  }

  private void writeEvidence(UUID site, UUID update, Evidence evidence, boolean published) {
    Stored stored = published ? evidence.inClear() : evidence.sealed(encryption, site, update);
    jdbc.sql(
            "update observatory_update set evidence_public = ?, evidence = ?, link = ?,"
                + " file_name = ?, file = ?, evidence_sealed = ?, link_sealed = ?,"
                + " file_name_sealed = ?, file_sealed = ? where site_id = ? and id = ?")
        .params(
            published,
            stored.evidence(),
            stored.link(),
            stored.fileName(),
            stored.file(),
            stored.evidenceSealed(),
            stored.linkSealed(),
            stored.fileNameSealed(),
            stored.fileSealed(),
            site,
            update)
        .update();
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
    return grouped(
        "select a.session_id, a.institution_id from observatory_session_attendee a join"
            + " observatory_institution i on i.id = a.institution_id where a.site_id = ?"
            + " order by lower(i.name)",
        site,
        (rs, i) -> new InstitutionId(rs.getObject(2, UUID.class)));
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
    Map<UUID, List<RecommendationId>> links =
        grouped(
            "select l.commitment_id, l.recommendation_id from observatory_commitment_recommendation"
                + " l join observatory_recommendation r on r.id = l.recommendation_id"
                + " where l.site_id = ? order by r.number",
            site,
            (rs, i) -> new RecommendationId(rs.getObject(2, UUID.class)));
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

  // ---- rows written before V39 and V43 ----

  /**
   * Seals the directory's contacts, the digest's addresses (before V39) and held evidence (before
   * V43) still kept in clear, emptying the clear columns in the same statement; returns how many
   * rows it sealed.
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
    record Held(UUID site, UUID id, Evidence evidence) {}
    for (Held h :
        jdbc.sql(
                "select u.site_id, u.id, u.file, u.file_sealed, "
                    + EVIDENCE_COLUMNS
                    + " from observatory_update u where not u.evidence_public and (u.evidence <> ''"
                    + " or u.link is not null or u.file_name is not null or u.file is not null)"
                    + " for update")
            .query(
                (rs, i) -> {
                  UUID site = rs.getObject(1, UUID.class);
                  UUID id = rs.getObject(2, UUID.class);
                  Evidence e = evidence(site, id, rs, 5);
                  return new Held(
                      site,
                      id,
                      new Evidence(e.text(), e.link(), e.fileName(), file(site, id, rs, 3)));
                })
            .list()) {
      writeEvidence(h.site(), h.id(), h.evidence(), false);
      sealed++;
    }
    return sealed;
  }

  /**
   * A site's rows grouped by their first column (an id), each group's values read by {@code value}
   * from the other columns, groups and values in the query's order.
   */
  private <T> Map<UUID, List<T>> grouped(String sql, UUID site, RowMapper<T> value) {
    Map<UUID, List<T>> groups = new LinkedHashMap<>();
    jdbc.sql(sql)
        .param(site)
        .query(
            (ResultSet rs) -> {
              groups
                  .computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
                  .add(value.mapRow(rs, rs.getRow()));
            });
    return groups;
  }
}
