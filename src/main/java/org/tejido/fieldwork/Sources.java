package org.tejido.fieldwork;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tejido.audit.AuditLog;
import org.tejido.crypto.SiteEncryption;
import org.tejido.fieldwork.internal.Codec;
import org.tejido.fieldwork.internal.text.Turn;
import org.tejido.fieldwork.internal.text.TurnParser;
import org.tejido.identity.SiteRole;
import org.tejido.identity.StaffMember;
import org.tejido.identity.Team;
import org.tejido.shared.BadRequest;
import org.tejido.shared.NotFound;
import org.tejido.shared.Validation;
import org.tejido.sites.Site;
import org.tejido.vault.DataKey;
import org.tejido.vault.Vaults;

/**
 * Sources: the words of transcripts, diaries and workshop notes, split into speaker turns. Raw
 * turns are encrypted per speaker (to the participant's key, or to the site vault); the
 * de-identified turns, once a researcher accepted the replacements, are encrypted with the site's
 * application key for analysis.
 */
@Service
@Transactional
public class Sources {

  public static final int MAX_TEXT = 2_000_000;

  private final JdbcClient jdbc;
  private final JdbcOperations batch;
  private final Team team;
  private final Vaults vaults;
  private final Participants participants;
  private final Activities activities;
  private final SiteEncryption analysis;
  private final AuditLog audit;

  Sources(
      JdbcClient jdbc,
      JdbcOperations batch,
      Team team,
      Vaults vaults,
      Participants participants,
      Activities activities,
      SiteEncryption analysis,
      AuditLog audit) {
    this.jdbc = jdbc;
    this.batch = batch;
    this.team = team;
    this.vaults = vaults;
    this.participants = participants;
    this.activities = activities;
    this.analysis = analysis;
    this.audit = audit;
  }

  public UUID add(Site site, NewSource input) {
    StaffMember me = team.require(site.id(), Participants.WRITERS);
    return add(site, input, me.id().value(), false);
  }

  UUID add(Site site, NewSource input, UUID by, boolean fictional) {
    new Validation()
        .require(Vocabulary.has(Vocabulary.SOURCE_KINDS, input.kind()), "kind", "validation.choose")
        .text(input.title(), "title", 200)
        .require(input.text() != null && !input.text().isBlank(), "text", "validation.required")
        .require(
            input.text() == null || input.text().length() <= MAX_TEXT,
            "text",
            "validation.too-long.source")
        .require(
            input.activityId() == null || activities.find(site, input.activityId()).isPresent(),
            "activityId",
            "validation.activity.unknown")
        .orThrow();
    if (!vaults.exists(site.id())) {
      throw new org.tejido.shared.Conflict("vault.missing");
    }
    List<Turn> turns = TurnParser.parse(input.text());
    if (turns.isEmpty()) {
      throw new BadRequest("validation.failed", Map.of("text", "validation.required"));
    }
    Map<String, UUID> byCode = new HashMap<>();
    Map<UUID, byte[]> publicKeys = new HashMap<>();
    jdbc.sql(
            "select p.id, p.code, k.public_keyset from participant p join participant_key k"
                + " on k.participant_id = p.id where p.site_id = ?")
        .param(site.id().value())
        .query(
            (rs, i) -> {
              UUID id = rs.getObject(1, UUID.class);
              byCode.put(rs.getString(2), id);
              publicKeys.put(id, rs.getBytes(3));
              return id;
            })
        .list();
    UUID source = UUID.randomUUID();
    jdbc.sql(
            "insert into source (id, site_id, activity_id, kind, title, origin, fictional, created_by)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            source,
            site.id().value(),
            input.activityId(),
            input.kind(),
            input.title().strip(),
            input.origin() == null ? "typed" : input.origin(),
            fictional,
            by)
        .update();
    // One data key per speaker; a participant's turns are readable only through their key.
    Map<Optional<UUID>, UUID> keyIds = new HashMap<>();
    Map<Optional<UUID>, DataKey> keys = new HashMap<>();
    List<Object[]> keyRows = new ArrayList<>();
    List<Object[]> rows = new ArrayList<>();
    int position = 0;
    for (Turn turn : turns) {
      UUID participant = turn.speaker() == null ? null : byCode.get(turn.speaker());
      Optional<UUID> speaker = Optional.ofNullable(participant);
      DataKey key = keys.get(speaker);
      if (key == null) {
        key = Vaults.newDataKey();
        UUID keyId = UUID.randomUUID();
        byte[] sealedKey =
            participant == null
                ? vaults.seal(site.id(), key.raw(), keyContext(keyId))
                : vaults.sealTo(publicKeys.get(participant), key.raw(), keyContext(keyId));
        keyRows.add(new Object[] {keyId, source, participant, sealedKey});
        keys.put(speaker, key);
        keyIds.put(speaker, keyId);
      }
      UUID turnId = UUID.randomUUID();
      rows.add(
          new Object[] {
            turnId,
            source,
            keyIds.get(speaker),
            ++position,
            participant,
            key.encrypt(Codec.encode(turn.speaker(), turn.text()), turnContext(turnId))
          });
    }
    // Each table's rows in one JDBC batch (one round trip instead of one per row); the keys
    // first, since the turns reference them.
    batch.batchUpdate(
        "insert into source_key (id, source_id, participant_id, sealed_key) values (?, ?, ?, ?)",
        keyRows);
    batch.batchUpdate(
        "insert into source_turn (id, source_id, key_id, position, participant_id, raw_sealed)"
            + " values (?, ?, ?, ?, ?, ?)",
        rows);
    List<Object[]> speakerRows = new ArrayList<>();
    for (Optional<UUID> speaker : keys.keySet()) {
      speaker.ifPresent(p -> speakerRows.add(new Object[] {source, p}));
    }
    if (!speakerRows.isEmpty()) {
      batch.batchUpdate(
          "insert into source_speaker (source_id, participant_id) values (?, ?)", speakerRows);
    }
    if (input.activityId() != null) {
      for (Object[] speaker : speakerRows) {
        activities.attend(input.activityId(), (UUID) speaker[1]);
      }
    }
    audit.record(site.id().value(), "source.added", source.toString(), input.kind());
    return source;
  }

  @Transactional(readOnly = true)
  public List<SourceSummary> list(Site site) {
    team.require(site.id(), Participants.WRITERS);
    return jdbc.sql(SUMMARY + " where s.site_id = ? order by s.created_at desc")
        .param(site.id().value())
        .query(Sources::summary)
        .list();
  }

  @Transactional(readOnly = true)
  public SourceSummary get(Site site, UUID id) {
    team.require(site.id(), Participants.WRITERS);
    return jdbc.sql(SUMMARY + " where s.site_id = ? and s.id = ?")
        .params(site.id().value(), id)
        .query(Sources::summary)
        .optional()
        .orElseThrow(() -> new NotFound("source.not-found"));
  }

  /** The raw turns: vault unlocked and a reading role; audited. */
  public List<SourceTurn> raw(Site site, UUID id) {
    team.require(site.id(), SiteRole.COORDINATOR, SiteRole.RESEARCHER);
    SourceSummary summary = get(site, id);
    Map<UUID, DataKey> keys = new HashMap<>();
    List<SourceTurn> turns = new ArrayList<>();
    for (StoredTurn t : stored(id)) {
      DataKey key = keys.computeIfAbsent(t.keyId(), k -> openKey(site, k));
      List<String> fields = Codec.decode(key.decrypt(t.rawSealed(), turnContext(t.id())));
      turns.add(
          new SourceTurn(t.id(), t.position(), fields.get(0), t.participantId(), fields.get(1)));
    }
    audit.record(site.id().value(), "source.raw.read", summary.id().toString(), null);
    return turns;
  }

  /** The de-identified turns, for analysis; empty until a researcher de-identified the source. */
  @Transactional(readOnly = true)
  public List<SourceTurn> deidentified(Site site, UUID id) {
    SourceSummary summary = get(site, id);
    if (!summary.deidentified()) {
      return List.of();
    }
    List<SourceTurn> turns = new ArrayList<>();
    for (StoredTurn t : stored(id)) {
      if (t.deidentifiedSealed() == null) {
        continue;
      }
      List<String> fields =
          Codec.decode(
              analysis.openBytes(site.id().value(), t.deidentifiedSealed(), deidContext(t.id())));
      turns.add(
          new SourceTurn(t.id(), t.position(), fields.get(0), t.participantId(), fields.get(1)));
    }
    return turns;
  }

  /** A turn as it will be analysed: the speaker label and words after de-identification. */
  public record CleanTurn(String speaker, String text) {}

  /**
   * Stores the de-identified speaker label and words of every turn (by turn id) and marks the
   * source ready for analysis. Raw words stay in the vault.
   */
  public void saveDeidentified(Site site, UUID id, Map<UUID, CleanTurn> clean) {
    StaffMember me = team.require(site.id(), SiteRole.COORDINATOR, SiteRole.RESEARCHER);
    get(site, id);
    List<Object[]> updates = new ArrayList<>();
    for (StoredTurn t : stored(id)) {
      CleanTurn turn = clean.get(t.id());
      if (turn == null || turn.text() == null) {
        throw new BadRequest("source.deidentify.incomplete");
      }
      updates.add(
          new Object[] {
            analysis.sealBytes(
                site.id().value(), Codec.encode(turn.speaker(), turn.text()), deidContext(t.id())),
            t.id()
          });
    }
    // One JDBC batch: one round trip instead of one per turn.
    batch.batchUpdate("update source_turn set deidentified_sealed = ? where id = ?", updates);
    jdbc.sql(
            "update source set state = 'deidentified', deidentified_by = ?, deidentified_at = now()"
                + " where id = ?")
        .params(me.id().value(), id)
        .update();
    audit.record(site.id().value(), "source.deidentified", id.toString(), null);
  }

  private DataKey openKey(Site site, UUID keyId) {
    record KeyRow(UUID participant, byte[] sealed) {}
    KeyRow row =
        jdbc.sql("select participant_id, sealed_key from source_key where id = ?")
            .param(keyId)
            .query((rs, i) -> new KeyRow(rs.getObject(1, UUID.class), rs.getBytes(2)))
            .single();
    byte[] raw =
        row.participant() == null
            ? vaults.open(site.id(), row.sealed(), keyContext(keyId))
            : vaults.openWith(
                site.id(),
                participants.key(row.participant()),
                Participants.keyContext(row.participant()),
                row.sealed(),
                keyContext(keyId));
    return DataKey.of(raw);
  }

  record StoredTurn(
      UUID id,
      UUID keyId,
      int position,
      UUID participantId,
      byte[] rawSealed,
      byte[] deidentifiedSealed) {}

  private List<StoredTurn> stored(UUID source) {
    return jdbc.sql(
            "select id, key_id, position, participant_id, raw_sealed, deidentified_sealed"
                + " from source_turn where source_id = ? order by position")
        .param(source)
        .query(
            (rs, i) ->
                new StoredTurn(
                    rs.getObject(1, UUID.class),
                    rs.getObject(2, UUID.class),
                    rs.getInt(3),
                    rs.getObject(4, UUID.class),
                    rs.getBytes(5),
                    rs.getBytes(6)))
        .list();
  }

  static String keyContext(UUID keyId) {
    return "source_key:" + keyId;
  }

  static String turnContext(UUID turnId) {
    return "source_turn:" + turnId;
  }

  static String deidContext(UUID turnId) {
    return "source_turn_deidentified:" + turnId;
  }

  private static final String SUMMARY =
      "select s.id, s.kind, s.title, s.activity_id, a.title as activity_title, s.origin, s.state,"
          + " s.fictional, s.created_at,"
          + " array(select p.code from source_speaker x join participant p on p.id = x.participant_id"
          + " where x.source_id = s.id order by p.number) as speakers,"
          + " (select count(*) from source_turn t where t.source_id = s.id) as turns"
          + " from source s left join activity a on a.id = s.activity_id";

  private static SourceSummary summary(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
    return new SourceSummary(
        rs.getObject("id", UUID.class),
        rs.getString("kind"),
        rs.getString("title"),
        rs.getObject("activity_id", UUID.class),
        rs.getString("activity_title"),
        rs.getString("origin"),
        "deidentified".equals(rs.getString("state")),
        rs.getBoolean("fictional"),
        List.copyOf(new LinkedHashSet<>(List.of((String[]) rs.getArray("speakers").getArray()))),
        rs.getInt("turns"),
        rs.getTimestamp("created_at").toInstant());
  }
}
