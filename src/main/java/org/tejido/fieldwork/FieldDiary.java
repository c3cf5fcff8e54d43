package org.tejido.fieldwork;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tejido.audit.AuditLog;
import org.tejido.crypto.SiteEncryption;
import org.tejido.fieldwork.internal.Codec;
import org.tejido.identity.StaffMember;
import org.tejido.identity.Team;
import org.tejido.shared.BadRequest;
import org.tejido.shared.NotFound;
import org.tejido.sites.Site;
import org.tejido.vault.Vaults;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The field diary as a person keeps it on her phone: the day an entry is about, a draft kept on the
 * server while she types, and her own entries, which she may read and correct for {@link
 * #CORRECTION_WINDOW} after saving them although her role never opens the vault.
 *
 * <p>Drafts and the author's copies are raw testimony outside the vault: both are sealed with the
 * site's application key, bound in the ciphertext to the site and to their author, only ever read
 * for that author, and deleted after a bounded time ({@link #DRAFT_LIFETIME}, the window). Their
 * words are never logged, and audit entries name only the source.
 */
@Service
@Transactional
public class FieldDiary {

  /** How long after saving an entry its author may still read and correct it. */
  public static final Duration CORRECTION_WINDOW = Duration.ofHours(24);

  /** How long a draft nobody touched is kept. */
  public static final Duration DRAFT_LIFETIME = Duration.ofDays(7);

  /** How far back "my entries" goes. */
  public static final Duration OWN_ENTRIES_SHOWN = Duration.ofDays(7);

  /** How old the day an entry is about may be. */
  public static final int OLDEST_DAY_IN_DAYS = 366;

  /** Days are the sites' days: central Mexico's time zone. */
  public static final ZoneId ZONE = ZoneId.of("America/Mexico_City");

  private static final String KIND = "field_diary";

  private final JdbcClient jdbc;
  private final Team team;
  private final Sources sources;
  private final SiteEncryption sealing;
  private final AuditLog audit;
  private final Vaults vaults;
  private final Clock clock;

  FieldDiary(
      JdbcClient jdbc,
      Team team,
      Sources sources,
      SiteEncryption sealing,
      AuditLog audit,
      Vaults vaults) {
    this.vaults = vaults;
    this.jdbc = jdbc;
    this.team = team;
    this.sources = sources;
    this.sealing = sealing;
    this.audit = audit;
    this.clock = Clock.systemUTC();
  }

  /** Today, as the sites count days. */
  public LocalDate today() {
    return LocalDate.now(clock.withZone(ZONE));
  }

  // ---- the day an entry is about ----

  /**
   * The day a form gave, checked: a date, not after today, not older than a year.
   *
   * @throws BadRequest with the error on field {@code day}
   */
  public LocalDate day(String value) {
    if (value == null || value.isBlank()) {
      throw invalidDay("validation.required");
    }
    LocalDate day;
    try {
      day = LocalDate.parse(value.strip());
    } catch (DateTimeParseException e) {
      throw invalidDay("validation.date.invalid");
    }
    LocalDate today = LocalDate.now(clock.withZone(ZONE));
    if (day.isAfter(today)) {
      throw invalidDay("validation.diary.day.future");
    }
    if (day.isBefore(today.minusDays(OLDEST_DAY_IN_DAYS))) {
      throw invalidDay("validation.diary.day.too-old");
    }
    return day;
  }

  private String dayError(String value) {
    try {
      day(value);
      return null;
    } catch (BadRequest e) {
      return e.fieldErrors().get("day");
    }
  }

  private static BadRequest invalidDay(String message) {
    return new BadRequest("validation.failed", Map.of("day", message));
  }

  /** The day a diary entry is about (empty for other sources and older entries). */
  @Transactional(readOnly = true)
  public Optional<LocalDate> dayOf(Site site, UUID source) {
    sources.get(site, source);
    return jdbc.sql("select about_date from source where id = ?")
        .param(source)
        .query((rs, i) -> Optional.ofNullable(rs.getObject(1, LocalDate.class)))
        .single();
  }

  // ---- entries ----

  /**
   * Saves a diary entry about {@code day} as {@link Sources#add} saves any source, keeps a sealed
   * copy for its author during the correction window, and deletes her draft.
   */
  public UUID add(Site site, NewSource input, String day) {
    StaffMember me = team.require(site.id(), Participants.WRITERS);
    NewSource entry = new NewSource(input.activityId(), KIND, input.title(), input.text(), "typed");
    String dayError = dayError(day);
    sources.check(site, entry).require(dayError == null, "day", dayError).orThrow();
    LocalDate checked = day(day);
    UUID source = sources.add(site, entry);
    Instant now = clock.instant();
    jdbc.sql("update source set about_date = ? where id = ?").params(checked, source).update();
    jdbc.sql(
            "insert into source_author_copy (source_id, author_id, sealed, saved_at, open_until)"
                + " values (?, ?, ?, ?, ?)")
        .params(
            source,
            me.id().value(),
            sealing.sealBytes(
                site.id().value(),
                Codec.encode(input.title(), checked.toString(), input.text()),
                copyContext(source, me)),
            Timestamp.from(now),
            Timestamp.from(now.plus(CORRECTION_WINDOW)))
        .update();
    deleteDraft(site, me);
    return source;
  }

  /** One of the signed-in person's recent entries, as "my entries" lists it. */
  public record OwnEntry(
      UUID id, String title, LocalDate day, Instant savedAt, Instant correctableUntil) {
    public boolean correctable() {
      return correctableUntil != null;
    }
  }

  /**
   * The signed-in person's diary entries of the last {@link #OWN_ENTRIES_SHOWN}, newest first;
   * those she may still correct carry the end of their window. Titles and days only.
   */
  @Transactional(readOnly = true)
  public List<OwnEntry> mine(Site site) {
    StaffMember me = team.require(site.id(), Participants.WRITERS);
    Instant now = clock.instant();
    return jdbc.sql(
            "select s.id, s.title, s.about_date, s.created_at,"
                + " case when c.open_until > ? then c.open_until end as open_until"
                + " from source s left join source_author_copy c"
                + " on c.source_id = s.id and c.author_id = s.created_by"
                + " where s.site_id = ? and s.created_by = ? and s.kind = ? and s.created_at > ?"
                + " order by s.created_at desc")
        .params(
            Timestamp.from(now),
            site.id().value(),
            me.id().value(),
            KIND,
            Timestamp.from(now.minus(OWN_ENTRIES_SHOWN)))
        .query(
            (rs, i) ->
                new OwnEntry(
                    rs.getObject(1, UUID.class),
                    rs.getString(2),
                    rs.getObject(3, LocalDate.class),
                    rs.getTimestamp(4).toInstant(),
                    rs.getTimestamp(5) == null ? null : rs.getTimestamp(5).toInstant()))
        .list();
  }

  /** An entry as its author saved (or last corrected) it. */
  public record OwnText(
      UUID id, String title, LocalDate day, String text, Instant correctableUntil) {}

  /**
   * The signed-in person's own entry, while she may correct it; audited ({@code diary.entry.read}).
   *
   * @throws NotFound {@code diary.entry.closed} for an entry of another site or person, or whose
   *     window has closed: the same answer for all, so nobody learns what others wrote
   */
  public OwnText own(Site site, UUID source) {
    StaffMember me = team.require(site.id(), Participants.WRITERS);
    OwnText text = open(site, source, me);
    audit.record(site.id().value(), "diary.entry.read", source.toString(), null);
    return text;
  }

  private OwnText open(Site site, UUID source, StaffMember me) {
    record Copy(byte[] sealed, Instant until) {}
    Copy copy =
        jdbc.sql(
                "select c.sealed, c.open_until from source_author_copy c join source s"
                    + " on s.id = c.source_id where c.source_id = ? and s.site_id = ?"
                    + " and c.author_id = ? and s.created_by = c.author_id and c.open_until > ?")
            .params(source, site.id().value(), me.id().value(), Timestamp.from(clock.instant()))
            .query((rs, i) -> new Copy(rs.getBytes(1), rs.getTimestamp(2).toInstant()))
            .optional()
            .orElseThrow(() -> new NotFound("diary.entry.closed"));
    List<String> fields =
        Codec.decode(sealing.openBytes(site.id().value(), copy.sealed(), copyContext(source, me)));
    return new OwnText(
        source, fields.get(0), LocalDate.parse(fields.get(1)), fields.get(2), copy.until());
  }

  /**
   * Replaces the signed-in person's own entry by what she corrected, while its window is open (it
   * does not grow). The source's words are sealed again as when it was added; one that was already
   * de-identified is flagged for another review. Audited ({@code source.corrected}), never with the
   * words.
   *
   * @throws NotFound {@code diary.entry.closed} as {@link #own}
   */
  public void correct(Site site, UUID source, String title, String day, String text) {
    StaffMember me = team.require(site.id(), Participants.WRITERS);
    open(site, source, me);
    UUID activity =
        jdbc.sql("select activity_id from source where id = ?")
            .param(source)
            .query(UUID.class)
            .optional()
            .orElse(null);
    Map<String, String> errors = new java.util.LinkedHashMap<>();
    LocalDate checked = null;
    try {
      checked = day(day);
    } catch (BadRequest e) {
      errors.putAll(e.fieldErrors());
    }
    try {
      new org.tejido.shared.Validation()
          .text(title, "title", 200)
          .require(text != null && !text.isBlank(), "text", "validation.required")
          .require(
              text == null || text.length() <= Sources.MAX_TEXT,
              "text",
              "validation.too-long.source")
          .orThrow();
    } catch (BadRequest e) {
      errors.putAll(e.fieldErrors());
    }
    if (!errors.isEmpty()) {
      throw new BadRequest("validation.failed", errors);
    }
    sources.replaceText(site, source, text, activity);
    jdbc.sql("update source set title = ?, about_date = ? where id = ?")
        .params(title.strip(), checked, source)
        .update();
    jdbc.sql("update source_author_copy set sealed = ? where source_id = ?")
        .params(
            sealing.sealBytes(
                site.id().value(),
                Codec.encode(title.strip(), checked.toString(), text),
                copyContext(source, me)),
            source)
        .update();
    audit.record(site.id().value(), "source.corrected", source.toString(), null);
  }

  // ---- entries sealed on the phone ----

  /** The largest ciphertext a phone may send: the longest text, in UTF-8, with its framing. */
  public static final int MAX_SEALED = 4 * Sources.MAX_TEXT + 64 * 1024;

  /** X25519's encapsulated key and AES-GCM's tag: no HPKE ciphertext is shorter. */
  private static final int SHORTEST_SEALED = 32 + 16;

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** What became of an upload: stored now, or already stored by an earlier try. */
  public enum Received {
    STORED,
    ALREADY_STORED
  }

  /**
   * Stores an entry the signed-in person's phone sealed to the site's vault key, as it came: the
   * server cannot read it, and needs not to. The phone's {@code id} makes retries harmless: an
   * upload of an id already stored (filed or not) changes nothing. Her server draft is deleted, as
   * saving an entry deletes it. Audited ({@code diary.device-entry.received}) with the id only.
   *
   * @throws BadRequest {@code diary.device.invalid} for something that cannot be a ciphertext
   * @throws org.tejido.shared.Conflict {@code vault.device-key.replaced} when the phone sealed to a
   *     key the site has since replaced, {@code diary.device.id-taken} for another person's id
   */
  public Received receiveSealed(Site site, UUID id, String keyId, byte[] sealed) {
    StaffMember me = team.require(site.id(), Participants.WRITERS);
    if (id == null
        || sealed == null
        || sealed.length < SHORTEST_SEALED
        || sealed.length > MAX_SEALED) {
      throw new BadRequest("diary.device.invalid");
    }
    // In this transaction, under the vault's sealing lock: a key-pair replacement cannot slip in
    // between this check and the insert, and re-seals the row if it comes after.
    vaults.requireCurrentDeviceKey(site.id(), keyId);
    int stored =
        jdbc.sql(
                "insert into diary_device_entry (id, site_id, author_id, sealed, received_at)"
                    + " values (?, ?, ?, ?, ?) on conflict (id) do nothing")
            .params(id, site.id().value(), me.id().value(), sealed, Timestamp.from(clock.instant()))
            .update();
    if (stored == 0) {
      boolean hers =
          jdbc.sql(
                      "select count(*) from diary_device_entry where id = ? and site_id = ?"
                          + " and author_id = ?")
                  .params(id, site.id().value(), me.id().value())
                  .query(Integer.class)
                  .single()
              > 0;
      if (!hers) {
        throw new org.tejido.shared.Conflict("diary.device.id-taken");
      }
      return Received.ALREADY_STORED;
    }
    deleteDraft(site, me);
    audit.record(site.id().value(), "diary.device-entry.received", id.toString(), null);
    return Received.STORED;
  }

  /** How many entries sealed on phones wait at this site for a reader to file them. */
  @Transactional(readOnly = true)
  public int deviceEntriesWaiting(Site site) {
    team.require(site.id());
    return jdbc.sql(
            "select count(*) from diary_device_entry where site_id = ? and sealed is not null")
        .param(site.id().value())
        .query(Integer.class)
        .single();
  }

  /**
   * Files the site's entries sealed on phones as diary sources, oldest first, each by its author:
   * opened with the unlocked vault (a reader only), sealed into the source's parts as {@link #add}
   * does, and the phone's ciphertext deleted. An entry with no words is dropped, and so is one that
   * does not open (audited {@code diary.device-entry.unreadable}). Audited ({@code
   * diary.device-entry.filed}, the source's id).
   *
   * @return how many sources were added
   * @throws org.tejido.shared.Conflict {@code vault.locked}
   * @throws org.tejido.shared.Forbidden for a role that does not read the vault
   */
  public int fileDeviceEntries(Site site) {
    vaults.requireReadable(site.id());
    record Waiting(UUID id, UUID author, byte[] sealed) {}
    List<Waiting> waiting =
        jdbc.sql(
                "select id, author_id, sealed from diary_device_entry where site_id = ?"
                    + " and sealed is not null order by received_at, id for update")
            .param(site.id().value())
            .query(
                (rs, i) ->
                    new Waiting(
                        rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getBytes(3)))
            .list();
    int filed = 0;
    for (Waiting entry : waiting) {
      DeviceEntry words;
      try {
        words =
            DeviceEntry.parse(vaults.open(site.id(), entry.sealed(), deviceContext(entry.id())));
      } catch (Vaults.VaultTampered e) {
        // Not sealed to this site's key under its id: nobody can ever read it, and it must not
        // keep the others from being filed.
        audit.record(
            site.id().value(), "diary.device-entry.unreadable", entry.id().toString(), null);
        words = new DeviceEntry("—", "", "");
      }
      UUID source = null;
      if (!words.text().isBlank() && words.text().length() <= Sources.MAX_TEXT) {
        source =
            sources.add(
                site,
                new NewSource(null, KIND, words.title(), words.text(), "typed"),
                entry.author(),
                false);
        jdbc.sql("update source set about_date = ? where id = ?")
            .params(validDay(words.day()), source)
            .update();
        audit.record(site.id().value(), "diary.device-entry.filed", source.toString(), null);
        filed++;
      }
      jdbc.sql(
              "update diary_device_entry set sealed = null, filed_at = ?, source_id = ?"
                  + " where id = ?")
          .params(Timestamp.from(clock.instant()), source, entry.id())
          .update();
    }
    return filed;
  }

  /** The HPKE info a phone seals an entry under: bound to its row. */
  public static String deviceContext(UUID id) {
    return "diary_device_entry:" + id;
  }

  private LocalDate validDay(String value) {
    return dayError(value) == null ? day(value) : null;
  }

  /** What the phone sealed: a JSON object with the entry's title, day and words. */
  record DeviceEntry(String title, String day, String text) {
    static DeviceEntry parse(byte[] plaintext) {
      try {
        JsonNode json = JSON.readTree(plaintext);
        String text = json.path("text").asString("");
        String day = json.path("day").asString("");
        String title = json.path("title").asString("").strip();
        if (title.isEmpty()) {
          title = day.isBlank() ? "—" : day;
        }
        if (title.length() > 200) {
          title = title.substring(0, 200);
        }
        return new DeviceEntry(title, day, text);
      } catch (RuntimeException e) {
        return new DeviceEntry("—", "", "");
      } finally {
        java.util.Arrays.fill(plaintext, (byte) 0);
      }
    }
  }

  // ---- drafts ----

  /** What the signed-in person was typing in the diary form, as she left it. */
  public record Draft(String title, String day, String text, Instant savedAt) {}

  /** The signed-in person's draft at this site, if she has one that has not expired. */
  @Transactional(readOnly = true)
  public Optional<Draft> draft(Site site) {
    StaffMember me = team.require(site.id(), Participants.WRITERS);
    Instant now = clock.instant();
    return jdbc.sql(
            "select sealed, saved_at from diary_draft where site_id = ? and author_id = ?"
                + " and saved_at > ?")
        .params(site.id().value(), me.id().value(), Timestamp.from(now.minus(DRAFT_LIFETIME)))
        .query(
            (rs, i) -> {
              List<String> f =
                  Codec.decode(
                      sealing.openBytes(site.id().value(), rs.getBytes(1), draftContext(me)));
              return new Draft(f.get(0), f.get(1), f.get(2), rs.getTimestamp(2).toInstant());
            })
        .optional();
  }

  /**
   * Keeps what the signed-in person is typing, sealed, replacing her former draft. An empty form
   * deletes it. Not audited: it is saved every few seconds while she types, and is hers alone.
   */
  public Instant saveDraft(Site site, String title, String day, String text) {
    StaffMember me = team.require(site.id(), Participants.WRITERS);
    if (isBlank(title) && isBlank(text)) {
      deleteDraft(site, me);
      return clock.instant();
    }
    new org.tejido.shared.Validation()
        .require(title == null || title.length() <= 200, "title", "validation.too-long.200")
        .require(
            text == null || text.length() <= Sources.MAX_TEXT, "text", "validation.too-long.source")
        .require(day == null || day.length() <= 20, "day", "validation.date.invalid")
        .orThrow();
    Instant now = clock.instant();
    byte[] sealed =
        sealing.sealBytes(
            site.id().value(), Codec.encode(nz(title), nz(day), nz(text)), draftContext(me));
    jdbc.sql(
            "insert into diary_draft (site_id, author_id, sealed, saved_at) values (?, ?, ?, ?)"
                + " on conflict (site_id, author_id) do update set sealed = excluded.sealed,"
                + " saved_at = excluded.saved_at")
        .params(site.id().value(), me.id().value(), sealed, Timestamp.from(now))
        .update();
    return now;
  }

  /**
   * Throws away the signed-in person's draft at this site; audited ({@code diary.draft.discarded}).
   */
  public void discardDraft(Site site) {
    StaffMember me = team.require(site.id(), Participants.WRITERS);
    deleteDraft(site, me);
    audit.record(site.id().value(), "diary.draft.discarded", "user:" + me.id().value(), null);
  }

  private void deleteDraft(Site site, StaffMember me) {
    jdbc.sql("delete from diary_draft where site_id = ? and author_id = ?")
        .params(site.id().value(), me.id().value())
        .update();
  }

  // ---- purging ----

  /** What {@link #purge} deleted. */
  public record Purged(int drafts, int authorCopies) {}

  /**
   * Deletes the drafts last saved more than {@link #DRAFT_LIFETIME} before {@code now}, and the
   * author's copies whose window closed by then. Called on a schedule; needs nobody signed in.
   */
  public Purged purge(Instant now) {
    int drafts =
        jdbc.sql("delete from diary_draft where saved_at <= ?")
            .param(Timestamp.from(now.minus(DRAFT_LIFETIME)))
            .update();
    int copies =
        jdbc.sql("delete from source_author_copy where open_until <= ?")
            .param(Timestamp.from(now))
            .update();
    return new Purged(drafts, copies);
  }

  /** {@link #purge(Instant)} as of now. */
  public Purged purge() {
    return purge(clock.instant());
  }

  private static String draftContext(StaffMember author) {
    return "diary_draft:" + author.id().value();
  }

  private static String copyContext(UUID source, StaffMember author) {
    return "source_author_copy:" + source + ":" + author.id().value();
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
