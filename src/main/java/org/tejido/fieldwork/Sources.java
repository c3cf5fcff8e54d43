package org.tejido.fieldwork;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tejido.audit.AuditLog;
import org.tejido.crypto.SiteEncryption;
import org.tejido.deidentification.Deidentifier;
import org.tejido.fieldwork.internal.Codec;
import org.tejido.fieldwork.internal.PackedTurns;
import org.tejido.fieldwork.internal.text.Turn;
import org.tejido.fieldwork.internal.text.TurnParser;
import org.tejido.identity.SiteRole;
import org.tejido.identity.StaffMember;
import org.tejido.identity.Team;
import org.tejido.shared.BadRequest;
import org.tejido.shared.Conflict;
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
  private final org.springframework.context.ApplicationEventPublisher events;

  Sources(
      JdbcClient jdbc,
      JdbcOperations batch,
      Team team,
      Vaults vaults,
      Participants participants,
      Activities activities,
      SiteEncryption analysis,
      AuditLog audit,
      org.springframework.context.ApplicationEventPublisher events) {
    this.events = events;
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

  /** The checks of a new source's fields, for callers that add checks of their own. */
  Validation check(Site site, NewSource input) {
    return new Validation()
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
            "validation.activity.unknown");
  }

  UUID add(Site site, NewSource input, UUID by, boolean fictional) {
    check(site, input).orThrow();
    // Throws vault.missing before anything is stored when the site has no vault yet.
    byte[] vaultKey = vaults.publicKeyset(site.id());
    // A withdrawal under way finishes first (it would not see this source's words before they are
    // committed); then they are stored and any later withdrawal finds them.
    lockSiteSources(site, false);
    List<Turn> turns = TurnParser.parse(input.text());
    if (turns.isEmpty()) {
      throw new BadRequest("validation.failed", Map.of("text", "validation.required"));
    }
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
    storeParts(site, source, turns, input.activityId(), vaultKey);
    audit.record(site.id().value(), "source.added", source.toString(), input.kind());
    return source;
  }

  /**
   * Seals a source's turns into its parts: one data key per speaker, sealed to that participant (or
   * to the site vault), and records the speakers' attendance of the activity.
   */
  private void storeParts(
      Site site, UUID source, List<Turn> turns, UUID activityId, byte[] vaultKey) {
    // The participants who spoke: speaker labels that are this site's participant codes.
    Set<String> labels = new HashSet<>();
    for (Turn turn : turns) {
      if (turn.speaker() != null) {
        labels.add(turn.speaker());
      }
    }
    Map<String, UUID> byCode = new HashMap<>();
    Map<UUID, byte[]> publicKeys = new HashMap<>();
    if (!labels.isEmpty()) {
      jdbc.sql(
              "select p.id, p.code, k.public_keyset from participant p join participant_key k"
                  + " on k.participant_id = p.id where p.site_id = ? and p.code = any(?)")
          .params(site.id().value(), labels.toArray(String[]::new))
          .query(
              (rs, i) -> {
                UUID id = rs.getObject(1, UUID.class);
                byCode.put(rs.getString(2), id);
                publicKeys.put(id, rs.getBytes(3));
                return id;
              })
          .list();
    }
    // One data key per speaker; a participant's turns are readable only through their key. Each
    // speaker's turns go into one row (a "part"), encrypted together with that key.
    Map<Optional<UUID>, List<PackedTurns.Entry>> bySpeaker = new LinkedHashMap<>();
    int position = 0;
    for (Turn turn : turns) {
      Optional<UUID> speaker =
          Optional.ofNullable(turn.speaker() == null ? null : byCode.get(turn.speaker()));
      bySpeaker
          .computeIfAbsent(speaker, s -> new ArrayList<>())
          .add(
              new PackedTurns.Entry(
                  UUID.randomUUID(), ++position, Codec.encode(turn.speaker(), turn.text())));
    }
    List<Object[]> parts = new ArrayList<>();
    List<UUID> speakers = new ArrayList<>();
    for (var entry : bySpeaker.entrySet()) {
      UUID participant = entry.getKey().orElse(null);
      UUID partId = UUID.randomUUID();
      DataKey key = Vaults.newDataKey();
      byte[] sealedKey =
          vaults.sealTo(
              participant == null ? vaultKey : publicKeys.get(participant),
              key.raw(),
              keyContext(partId));
      parts.add(
          new Object[] {
            partId,
            source,
            participant,
            sealedKey,
            entry.getValue().size(),
            WHOLE,
            key.encrypt(PackedTurns.pack(entry.getValue()), partContext(partId))
          });
      if (participant != null) {
        speakers.add(participant);
      }
    }
    // One JDBC batch: one round trip for all the parts.
    batch.batchUpdate(
        "insert into source_part (id, source_id, participant_id, sealed_key, turns, format,"
            + " raw_turns) values (?, ?, ?, ?, ?, ?, ?)",
        parts);
    if (activityId != null) {
      for (UUID speaker : speakers) {
        activities.attend(activityId, speaker);
      }
    }
  }

  /**
   * Replaces the words of a source by {@code text} (its author correcting it): the former parts are
   * deleted, the new ones sealed as {@link #add} seals them. A source already marked ready for
   * analysis loses its de-identified words (they were made from the former text) and is flagged for
   * another review ({@code source.review-needed}). No role check here: the caller decides who may
   * correct what.
   */
  void replaceText(Site site, UUID source, String text, UUID activityId) {
    byte[] vaultKey = vaults.publicKeyset(site.id());
    lockSiteSources(site, false);
    jdbc.sql("select id from source_part where source_id = ? order by id for update")
        .param(source)
        .query(UUID.class)
        .list();
    List<Turn> turns = TurnParser.parse(text);
    if (turns.isEmpty()) {
      throw new BadRequest("validation.failed", Map.of("text", "validation.required"));
    }
    jdbc.sql("delete from source_part where source_id = ?").param(source).update();
    storeParts(site, source, turns, activityId, vaultKey);
    int flagged =
        jdbc.sql(
                "update source set state = 'raw', review_requested_at = now()"
                    + " where id = ? and state = 'deidentified'")
            .param(source)
            .update();
    if (flagged > 0) {
      audit.record(site.id().value(), "source.review-needed", source.toString(), null);
    }
  }

  @Transactional(readOnly = true)
  public List<SourceSummary> list(Site site) {
    team.require(site.id(), Participants.WRITERS);
    return jdbc.sql(SUMMARY + " where s.site_id = ? order by s.created_at desc")
        .param(site.id().value())
        .query(Sources::summary)
        .list();
  }

  /** The sources of the site in which a participant of it speaks, latest first. */
  @Transactional(readOnly = true)
  public List<SourceSummary> spokenBy(Site site, UUID participant) {
    team.require(site.id(), Participants.WRITERS);
    return jdbc.sql(
            SUMMARY
                + " where s.site_id = ? and exists (select 1 from source_part x"
                + " where x.source_id = s.id and x.participant_id = ?) order by s.created_at desc")
        .params(site.id().value(), participant)
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
    team.require(site.id(), SiteRole.VAULT_READERS);
    SourceSummary summary = get(site, id);
    List<SourceTurn> turns = new ArrayList<>();
    for (Part part : parts(id)) {
      for (PackedTurns.Entry t : rawTurns(part, openKey(site, part))) {
        turns.add(turn(t, part));
      }
    }
    turns.sort(Comparator.comparingInt(SourceTurn::position));
    audit.record(site.id().value(), "source.raw.read", summary.id().toString(), null);
    return turns;
  }

  /**
   * The de-identified turns, for analysis; empty until a researcher de-identified the source, and
   * for roles that do not read the vault while the source {@linkplain SourceSummary#needsReview
   * needs another review} (its words may still name what the gazetteer now hides).
   */
  @Transactional(readOnly = true)
  public List<SourceTurn> deidentified(Site site, UUID id) {
    SourceSummary summary = get(site, id);
    if (!summary.deidentified() || (summary.needsReview() && !readsVault(site))) {
      return List.of();
    }
    List<SourceTurn> turns = new ArrayList<>();
    for (Part part : parts(id)) {
      if (part.deidentifiedTurns() == null) {
        continue;
      }
      for (PackedTurns.Entry t : cleanTurns(site, part)) {
        turns.add(turn(t, part));
      }
    }
    turns.sort(Comparator.comparingInt(SourceTurn::position));
    return turns;
  }

  /**
   * The de-identified turns of a source that may be quoted in a published agenda, for anyone (no
   * role needed): only turns spoken by a participant whose consent as it stands (their latest
   * record) covers taking part, being quoted and being quoted in published agendas. A turn of
   * someone who withdrew (their turns are gone), never consented, or of no participant is left out;
   * so is every turn of a source not de-identified or waiting for another review. Not audited: it
   * is a public read and reveals only what the speaker agreed to publish.
   */
  @Transactional(readOnly = true)
  public List<SourceTurn> quotableInPublished(Site site, UUID id) {
    boolean ready =
        jdbc.sql(
                    "select count(*) from source where site_id = ? and id = ?"
                        + " and state = 'deidentified' and review_requested_at is null")
                .params(site.id().value(), id)
                .query(Integer.class)
                .single()
            == 1;
    if (!ready) {
      return List.of();
    }
    java.util.Set<UUID> consenting =
        new java.util.HashSet<>(
            jdbc.sql(
                    "select c.participant_id from (select distinct on (c.participant_id)"
                        + " c.participant_id, c.take_part, c.be_quoted, c.quoted_in_published"
                        + " from consent c join source_part x on x.participant_id = c.participant_id"
                        + " where x.source_id = ?"
                        + " order by c.participant_id, c.given_on desc, c.recorded_at desc) c"
                        + " where c.take_part and c.be_quoted and c.quoted_in_published")
                .param(id)
                .query(UUID.class)
                .list());
    List<SourceTurn> turns = new ArrayList<>();
    for (Part part : parts(id)) {
      if (part.deidentifiedTurns() == null
          || part.participantId() == null
          || !consenting.contains(part.participantId())) {
        continue;
      }
      for (PackedTurns.Entry t : cleanTurns(site, part)) {
        turns.add(turn(t, part));
      }
    }
    turns.sort(Comparator.comparingInt(SourceTurn::position));
    return turns;
  }

  /**
   * The sources of a site whose de-identified text is ready (reviewed, no review pending), without
   * a signed-in person: for exports run on the command line. Never raw words.
   */
  @Transactional(readOnly = true)
  List<SourceSummary> readyWithoutPerson(Site site) {
    return jdbc
        .sql(SUMMARY + " where s.site_id = ? order by s.created_at, s.id")
        .param(site.id().value())
        .query(Sources::summary)
        .list()
        .stream()
        .filter(s -> s.deidentified() && !s.needsReview())
        .toList();
  }

  /** The de-identified turns of a ready source of the site, without a signed-in person. */
  @Transactional(readOnly = true)
  List<SourceTurn> deidentifiedWithoutPerson(Site site, UUID id) {
    if (readyWithoutPerson(site).stream().noneMatch(s -> s.id().equals(id))) {
      return List.of();
    }
    List<SourceTurn> turns = new ArrayList<>();
    for (Part part : parts(id)) {
      if (part.deidentifiedTurns() == null) {
        continue;
      }
      for (PackedTurns.Entry t : cleanTurns(site, part)) {
        turns.add(turn(t, part));
      }
    }
    turns.sort(Comparator.comparingInt(SourceTurn::position));
    return turns;
  }

  private boolean readsVault(Site site) {
    return team.currentRoleAt(site.id()).map(SiteRole::readsVault).orElse(false);
  }

  /** Sources flagged for another review together, and the moment they were flagged. */
  record Flagged(List<UUID> sources, java.time.OffsetDateTime at) {}

  /**
   * Flags for another review, at once, every source of the site marked ready and not flagged yet
   * (one UPDATE, nothing opened): from then on only the vault's readers see their analysed text.
   * {@link #keepFlagsOfThoseThatSay} then lifts the flag of those that do not say the new term.
   */
  Flagged flagEveryReady(Site site) {
    team.require(site.id(), SiteRole.VAULT_READERS);
    List<UUID> ids = new ArrayList<>();
    java.time.OffsetDateTime[] at = {null};
    jdbc.sql(
            "update source set review_requested_at = now() where site_id = ?"
                + " and state = 'deidentified' and review_requested_at is null"
                + " returning id, review_requested_at")
        .param(site.id().value())
        .query(
            (rs, i) -> {
              ids.add(rs.getObject(1, UUID.class));
              at[0] = rs.getObject(2, java.time.OffsetDateTime.class);
              return 1;
            })
        .list();
    return new Flagged(ids, at[0]);
  }

  /**
   * Of the sources {@linkplain #flagEveryReady flagged together}, keeps flagged those whose raw
   * words contain a term of {@code matcher} (matched as de-identification matches gazetteer terms:
   * whole words, case and accents ignored), each audited ({@code source.review-needed}), and lifts
   * the flag of the others. A source reviewed or flagged again since is left as it is. Needs the
   * vault open.
   *
   * @return the sources that stay flagged
   */
  List<UUID> keepFlagsOfThoseThatSay(Site site, Deidentifier matcher, Flagged flagged) {
    team.require(site.id(), SiteRole.VAULT_READERS);
    List<UUID> kept = new ArrayList<>();
    for (UUID source : flagged.sources()) {
      boolean still =
          jdbc.sql(
                      "select count(*) from source where id = ? and site_id = ?"
                          + " and state = 'deidentified' and review_requested_at = ?")
                  .params(source, site.id().value(), flagged.at())
                  .query(Integer.class)
                  .single()
              == 1;
      if (!still) {
        continue;
      }
      if (mentions(site, source, matcher)) {
        audit.record(site.id().value(), "source.review-needed", source.toString(), null);
        kept.add(source);
      } else {
        jdbc.sql(
                "update source set review_requested_at = null"
                    + " where id = ? and review_requested_at = ?")
            .params(source, flagged.at())
            .update();
      }
    }
    return kept;
  }

  private boolean mentions(Site site, UUID source, Deidentifier matcher) {
    for (Part part : parts(source)) {
      for (PackedTurns.Entry t : rawTurns(part, openKey(site, part))) {
        List<String> fields = Codec.decode(t.bytes());
        for (String words : fields) {
          if (words != null && !matcher.findTerms(words).isEmpty()) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /** A turn as it will be analysed: the speaker label and words after de-identification. */
  public record CleanTurn(String speaker, String text) {}

  /**
   * Stores the de-identified speaker label and words of every turn (by turn id) and marks the
   * source ready for analysis. Raw words stay in the vault.
   */
  public void saveDeidentified(Site site, UUID id, Map<UUID, CleanTurn> clean) {
    saveDeidentified(site, id, clean, null);
  }

  /**
   * As {@link #saveDeidentified(Site, UUID, Map)}, refused when the source's parts are no longer
   * those of {@code reviewed} (a {@link #fingerprint}): a withdrawal, say, redacted a name in them
   * after the proposals were made, and these words, made from the older text, would put it back.
   *
   * @throws Conflict {@code source.deidentify.changed}
   */
  public void saveDeidentified(Site site, UUID id, Map<UUID, CleanTurn> clean, String reviewed) {
    StaffMember me = team.require(site.id(), SiteRole.VAULT_READERS);
    get(site, id);
    lockParts(site, id, reviewed);
    UUID siteId = site.id().value();
    List<Object[]> updates = new ArrayList<>();
    List<DeidentifiedTextChanged.Turn> changed = new ArrayList<>();
    for (Part part : parts(id)) {
      List<PackedTurns.Entry> entries = new ArrayList<>();
      Map<UUID, String> before = new HashMap<>();
      if (part.deidentifiedTurns() != null) {
        for (PackedTurns.Entry t : cleanTurns(site, part)) {
          before.put(t.id(), Codec.decode(t.bytes()).get(1));
        }
      }
      // The part's turns (ids and positions) come from its raw words, which the vault opens.
      for (PackedTurns.Entry turnId : rawTurns(part, openKey(site, part))) {
        CleanTurn turn = clean.get(turnId.id());
        if (turn == null || turn.text() == null) {
          throw new BadRequest("source.deidentify.incomplete");
        }
        String was = before.get(turnId.id());
        changed.add(
            new DeidentifiedTextChanged.Turn(
                turnId.position(),
                was != null ? was : Codec.decode(turnId.bytes()).get(1),
                turn.text()));
        byte[] plaintext = Codec.encode(turn.speaker(), turn.text());
        entries.add(
            new PackedTurns.Entry(
                turnId.id(),
                turnId.position(),
                part.format() == PER_TURN
                    ? analysis.sealBytes(siteId, plaintext, deidContext(turnId.id()))
                    : plaintext));
      }
      byte[] packed = PackedTurns.pack(entries);
      updates.add(
          new Object[] {
            part.format() == PER_TURN
                ? packed
                : analysis.sealBytes(siteId, packed, partDeidContext(part.id())),
            part.id()
          });
    }
    batch.batchUpdate("update source_part set deidentified_turns = ? where id = ?", updates);
    jdbc.sql(
            "update source set state = 'deidentified', deidentified_by = ?, deidentified_at = now(),"
                + " review_requested_at = null where id = ?")
        .params(me.id().value(), id)
        .update();
    audit.record(site.id().value(), "source.deidentified", id.toString(), null);
    events.publishEvent(new DeidentifiedTextChanged(siteId, id, changed));
  }

  // ---- locking parts: de-identification and withdrawal never write over each other ----

  /**
   * A fingerprint of the source's words as they are now: it changes whenever a part is rewritten
   * (every rewrite seals the words anew), so a form made from the words can say which they were.
   */
  @Transactional(readOnly = true)
  public String fingerprint(Site site, UUID id) {
    team.require(site.id(), SiteRole.VAULT_READERS);
    get(site, id);
    return currentFingerprint(id);
  }

  private String currentFingerprint(UUID id) {
    return jdbc.sql(
            "select encode(sha256(convert_to(coalesce(string_agg(x.id::text || ':'"
                + " || encode(sha256(x.sealed_key || x.raw_turns), 'hex'), ',' order by x.id), ''),"
                + " 'UTF8')), 'hex') from source_part x where x.source_id = ?")
        .param(id)
        .query(String.class)
        .single();
  }

  /**
   * Locks the source's parts until the transaction ends (rows in id order, the order a withdrawal
   * locks them in too, so the two never deadlock), then checks they are still those of {@code
   * reviewed} (null: no check). Whatever the caller read before may be stale; it reads again now.
   *
   * @throws Conflict {@code source.deidentify.changed}
   */
  public void lockParts(Site site, UUID id, String reviewed) {
    team.require(site.id(), SiteRole.VAULT_READERS);
    get(site, id);
    jdbc.sql("select id from source_part where source_id = ? order by id for update")
        .param(id)
        .query(UUID.class)
        .list();
    if (reviewed != null && !reviewed.equals(currentFingerprint(id))) {
      throw new Conflict("source.deidentify.changed");
    }
  }

  /**
   * Locks every part of the site's sources until the transaction ends, in id order, after the
   * site's sources lock (exclusive: sources being added finish first). For a withdrawal, which
   * reads them all and rewrites those that mention the person.
   */
  void lockAllParts(Site site) {
    lockSiteSources(site, true);
    jdbc.sql(
            "select x.id from source_part x join source s on s.id = x.source_id"
                + " where s.site_id = ? order by x.id for update of x")
        .param(site.id().value())
        .query(UUID.class)
        .list();
  }

  private void lockSiteSources(Site site, boolean exclusive) {
    jdbc.sql(
            "select "
                + (exclusive ? "pg_advisory_xact_lock" : "pg_advisory_xact_lock_shared")
                + "(hashtextextended('site_sources:' || ?, 0))")
        .param(site.id().value().toString())
        .query((rs, i) -> 1)
        .list();
  }

  // ---- rewriting parts (withdrawal of someone they mention) ----

  /** A part of one of the site's sources, with the source it belongs to. */
  record SitePart(UUID sourceId, String sourceTitle, Part part) {}

  /**
   * Every part of the site's sources that another speaker than {@code participant} spoke, with
   * their source, in a stable order (sources by creation, parts by id).
   */
  List<SitePart> partsOfOthers(Site site, UUID participant) {
    return parts(site, participant, "x.participant_id is distinct from ?");
  }

  /** Every part {@code participant} spoke, with its source, in the same order. */
  List<SitePart> partsOf(Site site, UUID participant) {
    return parts(site, participant, "x.participant_id = ?");
  }

  private List<SitePart> parts(Site site, UUID participant, String speaker) {
    return jdbc.sql(
            "select s.id, s.title, x.id, x.participant_id, x.sealed_key, x.format, x.raw_turns,"
                + " x.deidentified_turns from source s join source_part x on x.source_id = s.id"
                + " where s.site_id = ? and "
                + speaker
                + " order by s.created_at, s.id, x.id")
        .params(site.id().value(), participant)
        .query(
            (rs, i) ->
                new SitePart(
                    rs.getObject(1, UUID.class),
                    rs.getString(2),
                    new Part(
                        rs.getObject(3, UUID.class),
                        rs.getObject(4, UUID.class),
                        rs.getBytes(5),
                        rs.getShort(6),
                        rs.getBytes(7),
                        rs.getBytes(8))))
        .list();
  }

  /** A part's raw turns, decrypted (entries whose bytes encode the speaker label and words). */
  List<PackedTurns.Entry> openRaw(Site site, Part part) {
    return rawTurns(part, openKey(site, part));
  }

  /** A part's de-identified turns, decrypted; null when the source was not de-identified. */
  List<PackedTurns.Entry> openClean(Site site, Part part) {
    return part.deidentifiedTurns() == null ? null : cleanTurns(site, part);
  }

  /**
   * Replaces a part's turns in place, in its own format: the raw turns under a fresh data key
   * sealed to the same holder (the speaking participant's key, or the site vault), the
   * de-identified ones (if any) with the site's application key. The row is updated, so the former
   * ciphertext and its sealed key are gone from the table; nothing of either is kept in memory.
   */
  void rewrite(Site site, Part part, List<PackedTurns.Entry> raw, List<PackedTurns.Entry> clean) {
    UUID siteId = site.id().value();
    DataKey key = Vaults.newDataKey();
    byte[] holder =
        part.participantId() == null
            ? vaults.publicKeyset(site.id())
            : participants.key(part.participantId()).publicKeyset();
    byte[] sealedKey = vaults.sealTo(holder, key.raw(), keyContext(part.id()));
    byte[] rawTurns;
    byte[] cleanTurns = null;
    if (part.format() == WHOLE) {
      rawTurns = key.encrypt(PackedTurns.pack(raw), partContext(part.id()));
      if (clean != null) {
        cleanTurns =
            analysis.sealBytes(siteId, PackedTurns.pack(clean), partDeidContext(part.id()));
      }
    } else {
      List<PackedTurns.Entry> sealed = new ArrayList<>();
      for (PackedTurns.Entry t : raw) {
        sealed.add(
            new PackedTurns.Entry(
                t.id(), t.position(), key.encrypt(t.bytes(), turnContext(t.id()))));
      }
      rawTurns = PackedTurns.pack(sealed);
      if (clean != null) {
        List<PackedTurns.Entry> sealedClean = new ArrayList<>();
        for (PackedTurns.Entry t : clean) {
          sealedClean.add(
              new PackedTurns.Entry(
                  t.id(),
                  t.position(),
                  analysis.sealBytes(siteId, t.bytes(), deidContext(t.id()))));
        }
        cleanTurns = PackedTurns.pack(sealedClean);
      }
    }
    if (cleanTurns == null) {
      jdbc.sql("update source_part set sealed_key = ?, raw_turns = ? where id = ?")
          .params(sealedKey, rawTurns, part.id())
          .update();
    } else {
      jdbc.sql(
              "update source_part set sealed_key = ?, raw_turns = ?, deidentified_turns = ?"
                  + " where id = ?")
          .params(sealedKey, rawTurns, cleanTurns, part.id())
          .update();
    }
  }

  /**
   * Forgets every author's copy of the site's entries (a withdrawal rewrites the site's sources: a
   * copy could put back words it removed, if its author corrected the entry from it).
   */
  void forgetAuthorCopies(Site site) {
    jdbc.sql(
            "delete from source_author_copy where source_id in"
                + " (select id from source where site_id = ?)")
        .param(site.id().value())
        .update();
  }

  /** Renames a source (its title is in clear: a withdrawal removes a name from it). */
  void retitle(UUID source, String title) {
    jdbc.sql("update source set title = ? where id = ?").params(title, source).update();
  }

  /** Format 2: each part's turns packed and encrypted as one ciphertext. */
  static final short WHOLE = 2;

  /** Format 1: each turn encrypted on its own, the ciphertexts packed (moved so by V9). */
  static final short PER_TURN = 1;

  private static SourceTurn turn(PackedTurns.Entry t, Part part) {
    List<String> fields = Codec.decode(t.bytes());
    return new SourceTurn(t.id(), t.position(), fields.get(0), part.participantId(), fields.get(1));
  }

  /** The raw turns of a part, decrypted: entries whose bytes are the encoded speaker and words. */
  private static List<PackedTurns.Entry> rawTurns(Part part, DataKey key) {
    if (part.format() == WHOLE) {
      return PackedTurns.unpack(key.decrypt(part.rawTurns(), partContext(part.id())));
    }
    List<PackedTurns.Entry> turns = new ArrayList<>();
    for (PackedTurns.Entry t : PackedTurns.unpack(part.rawTurns())) {
      turns.add(
          new PackedTurns.Entry(t.id(), t.position(), key.decrypt(t.bytes(), turnContext(t.id()))));
    }
    return turns;
  }

  private List<PackedTurns.Entry> cleanTurns(Site site, Part part) {
    UUID siteId = site.id().value();
    if (part.format() == WHOLE) {
      return PackedTurns.unpack(
          analysis.openBytes(siteId, part.deidentifiedTurns(), partDeidContext(part.id())));
    }
    List<PackedTurns.Entry> turns = new ArrayList<>();
    for (PackedTurns.Entry t : PackedTurns.unpack(part.deidentifiedTurns())) {
      turns.add(
          new PackedTurns.Entry(
              t.id(), t.position(), analysis.openBytes(siteId, t.bytes(), deidContext(t.id()))));
    }
    return turns;
  }

  DataKey openKey(Site site, Part part) {
    byte[] raw =
        part.participantId() == null
            ? vaults.open(site.id(), part.sealedKey(), keyContext(part.id()))
            : vaults.openWith(
                site.id(),
                participants.key(part.participantId()),
                Participants.keyContext(part.participantId()),
                part.sealedKey(),
                keyContext(part.id()));
    return DataKey.of(raw);
  }

  /** One speaker's turns in a source, with the data key they are encrypted with. */
  record Part(
      UUID id,
      UUID participantId,
      byte[] sealedKey,
      short format,
      byte[] rawTurns,
      byte[] deidentifiedTurns) {}

  List<Part> parts(UUID source) {
    return jdbc.sql(
            "select id, participant_id, sealed_key, format, raw_turns, deidentified_turns"
                + " from source_part where source_id = ?")
        .param(source)
        .query(
            (rs, i) ->
                new Part(
                    rs.getObject(1, UUID.class),
                    rs.getObject(2, UUID.class),
                    rs.getBytes(3),
                    rs.getShort(4),
                    rs.getBytes(5),
                    rs.getBytes(6)))
        .list();
  }

  /** Associated data of a part's sealed data key (named after the table it was first kept in). */
  static String keyContext(UUID partId) {
    return "source_key:" + partId;
  }

  /** Associated data of a part's turns, sealed whole (format 2). */
  static String partContext(UUID partId) {
    return "source_part:" + partId;
  }

  static String partDeidContext(UUID partId) {
    return "source_part_deidentified:" + partId;
  }

  /** Associated data of one turn sealed on its own (format 1, from before V9). */
  static String turnContext(UUID turnId) {
    return "source_turn:" + turnId;
  }

  static String deidContext(UUID turnId) {
    return "source_turn_deidentified:" + turnId;
  }

  private static final String SUMMARY =
      "select s.id, s.kind, s.title, s.activity_id, a.title as activity_title, s.origin, s.state,"
          + " s.fictional, s.created_at,"
          + " array(select p.code from source_part x join participant p on p.id = x.participant_id"
          + " where x.source_id = s.id order by p.number) as speakers,"
          + " (select coalesce(sum(x.turns), 0) from source_part x where x.source_id = s.id)"
          + " as turns, u.display_name as reviewed_by, s.deidentified_at, s.review_requested_at"
          + " from source s left join activity a on a.id = s.activity_id"
          + " left join app_user u on u.id = s.deidentified_by";

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
        rs.getTimestamp("created_at").toInstant(),
        rs.getString("reviewed_by"),
        rs.getTimestamp("deidentified_at") == null
            ? null
            : rs.getTimestamp("deidentified_at").toInstant(),
        rs.getTimestamp("review_requested_at") != null);
  }
}
