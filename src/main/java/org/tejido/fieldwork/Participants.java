package org.tejido.fieldwork;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tejido.audit.AuditLog;
import org.tejido.fieldwork.internal.Codec;
import org.tejido.identity.SiteRole;
import org.tejido.identity.StaffMember;
import org.tejido.identity.Team;
import org.tejido.shared.NotFound;
import org.tejido.shared.Validation;
import org.tejido.sites.Site;
import org.tejido.vault.DataKey;
import org.tejido.vault.SealedKey;
import org.tejido.vault.Vaults;

/**
 * Pseudonymous participants: a code per site ({@code APA-017}), attributes for analysis, an
 * optional identity sealed to the participant's own key, consent records, and withdrawal.
 */
@Service
@Transactional
public class Participants {

  /** Attribute combinations shared by fewer people than this are flagged in analysis. */
  public static final int SMALL_CELL = 3;

  static final SiteRole[] WRITERS = {
    SiteRole.COORDINATOR, SiteRole.RESEARCHER, SiteRole.COMMUNITY_RESEARCHER
  };

  private final JdbcClient jdbc;
  private final Team team;
  private final Vaults vaults;
  private final AuditLog audit;
  private final org.springframework.context.ApplicationEventPublisher events;

  Participants(
      JdbcClient jdbc,
      Team team,
      Vaults vaults,
      AuditLog audit,
      org.springframework.context.ApplicationEventPublisher events) {
    this.jdbc = jdbc;
    this.team = team;
    this.vaults = vaults;
    this.audit = audit;
    this.events = events;
  }

  public Participant register(Site site, NewParticipant input) {
    StaffMember me = team.require(site.id(), WRITERS);
    return register(site, input, me, false);
  }

  /** Registers without a signed-in person (demo data). */
  Participant register(Site site, NewParticipant input, StaffMember by, boolean fictional) {
    validate(input);
    UUID id = UUID.randomUUID();
    int number =
        jdbc.sql(
                "insert into participant_counter (site_id, last) values (?, 1)"
                    + " on conflict (site_id) do update set last = participant_counter.last + 1"
                    + " returning last")
            .param(site.id().value())
            .query(Integer.class)
            .single();
    String code = Codec.participantCode(site, number);
    jdbc.sql(
            "insert into participant (id, site_id, number, code, population_group, gender,"
                + " age_band, ethnicity, neighbourhood, fictional, created_by)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            id,
            site.id().value(),
            number,
            code,
            input.populationGroup(),
            input.gender(),
            input.ageBand(),
            input.ethnicity(),
            blankToNull(input.neighbourhood()),
            fictional,
            by == null ? null : by.id().value())
        .update();
    SealedKey key = vaults.newSubjectKey(site.id(), keyContext(id));
    jdbc.sql(
            "insert into participant_key (participant_id, public_keyset, sealed_private_keyset)"
                + " values (?, ?, ?)")
        .params(id, key.publicKeyset(), key.sealedPrivateKeyset())
        .update();
    Identity identity =
        input.identity() == null ? new Identity(null, null, null) : input.identity();
    if (!identity.isEmpty()) {
      DataKey identityKey = Vaults.newDataKey();
      jdbc.sql(
              "insert into participant_identity (participant_id, sealed_key, sealed)"
                  + " values (?, ?, ?)")
          .params(
              id,
              vaults.seal(site.id(), identityKey.raw(), identityKeyContext(id)),
              identityKey.encrypt(
                  Codec.encode(identity.name(), identity.alias(), identity.contact()),
                  identityContext(id)))
          .update();
    }
    audit.record(site.id().value(), "participant.registered", code, null);
    return find(site, id).orElseThrow();
  }

  @Transactional(readOnly = true)
  public List<Participant> list(Site site) {
    team.require(site.id(), WRITERS);
    return jdbc.sql("select * from participant where site_id = ? order by number")
        .param(site.id().value())
        .query(Participants::map)
        .list();
  }

  @Transactional(readOnly = true)
  public Participant get(Site site, UUID id) {
    team.require(site.id(), WRITERS);
    return find(site, id).orElseThrow(() -> new NotFound("participant.not-found"));
  }

  Optional<Participant> find(Site site, UUID id) {
    return jdbc.sql("select * from participant where site_id = ? and id = ?")
        .params(site.id().value(), id)
        .query(Participants::map)
        .optional();
  }

  /** The participant's identity: vault unlocked, reading role; every read is audited. */
  public Optional<Identity> identity(Site site, UUID id) {
    Participant p = get(site, id);
    Optional<byte[][]> sealed =
        jdbc.sql("select sealed_key, sealed from participant_identity where participant_id = ?")
            .param(id)
            .query((rs, n) -> new byte[][] {rs.getBytes(1), rs.getBytes(2)})
            .optional();
    if (sealed.isEmpty()) {
      return Optional.empty();
    }
    byte[] plain = openIdentity(site, id, sealed.get()[0], sealed.get()[1]);
    audit.record(site.id().value(), "participant.identity.read", p.code(), null);
    List<String> fields = Codec.decode(plain);
    return Optional.of(new Identity(fields.get(0), fields.get(1), fields.get(2)));
  }

  /**
   * The identities of these participants of the site (those who have one), in the order given: what
   * {@link #identity} returns for each, with the same checks, their keys and sealed identities
   * fetched in one query. Used to build de-identification proposals, not to show anyone an
   * identity: the caller records that use once in the audit log (not once per participant).
   */
  Map<UUID, Identity> identities(Site site, List<Participant> people) {
    team.require(site.id(), WRITERS);
    record Row(String code, byte[] key, byte[] sealed) {}
    Map<UUID, Row> rows = new HashMap<>();
    jdbc.sql(
            "select p.id, p.code, i.sealed_key, i.sealed from participant p"
                + " join participant_identity i on i.participant_id = p.id where p.site_id = ?")
        .param(site.id().value())
        .query(
            (rs, n) ->
                rows.put(
                    rs.getObject(1, UUID.class),
                    new Row(rs.getString(2), rs.getBytes(3), rs.getBytes(4))))
        .list();
    Map<UUID, Identity> identities = new LinkedHashMap<>();
    for (Participant p : people) {
      Row row = rows.get(p.id());
      if (row == null) {
        continue;
      }
      UUID id = p.id();
      byte[] plain = openIdentity(site, id, row.key(), row.sealed());
      List<String> fields = Codec.decode(plain);
      identities.put(id, new Identity(fields.get(0), fields.get(1), fields.get(2)));
    }
    return identities;
  }

  /**
   * The aliases of the site's participants who have one, by id, so that the people who read the
   * vault can find someone in a list by the name the team knows them by: a reading role and the
   * vault open. Names and contacts are not returned. Recorded once per reading in the audit log,
   * with how many aliases were read (not whose).
   */
  public Map<UUID, String> aliases(Site site) {
    team.require(site.id(), SiteRole.VAULT_READERS);
    Map<UUID, String> aliases = new HashMap<>();
    identities(site, list(site))
        .forEach(
            (id, identity) -> {
              if (identity.alias() != null && !identity.alias().isBlank()) {
                aliases.put(id, identity.alias().strip());
              }
            });
    audit.record(
        site.id().value(),
        "participant.aliases.read",
        site.key(),
        "participants=" + aliases.size());
    return aliases;
  }

  public Consent recordConsent(Site site, UUID participant, Consent input) {
    StaffMember me = team.require(site.id(), WRITERS);
    Participant p = get(site, participant);
    new Validation()
        .require(input.givenOn() != null, "givenOn", "validation.required")
        .require(
            input.givenOn() == null || !input.givenOn().isAfter(LocalDate.now().plusDays(1)),
            "givenOn",
            "validation.date.future")
        .require(
            Vocabulary.has(Vocabulary.CONSENT_METHODS, input.method()),
            "method",
            "validation.choose")
        .text(input.formVersion(), "formVersion", 40)
        .require(
            !input.beQuoted() || input.takePart(),
            "beQuoted",
            "validation.consent.quote-needs-part")
        .require(
            !input.quotedInPublished() || input.beQuoted(),
            "quotedInPublished",
            "validation.consent.published-needs-quote")
        .orThrow();
    UUID id = UUID.randomUUID();
    jdbc.sql(
            "insert into consent (id, participant_id, given_on, method, take_part, be_quoted,"
                + " quoted_in_published, form_version, recorded_by) values (?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            id,
            participant,
            input.givenOn(),
            input.method(),
            input.takePart(),
            input.beQuoted(),
            input.quotedInPublished(),
            input.formVersion().strip(),
            me.id().value())
        .update();
    audit.record(site.id().value(), "participant.consent.recorded", p.code(), input.method());
    events.publishEvent(new ConsentChanged(site.id()));
    return consents(site, participant).get(0);
  }

  @Transactional(readOnly = true)
  public List<Consent> consents(Site site, UUID participant) {
    get(site, participant);
    return jdbc.sql(
            "select id, given_on, method, take_part, be_quoted, quoted_in_published, form_version"
                + " from consent where participant_id = ? order by given_on desc, recorded_at desc")
        .param(participant)
        .query(
            (rs, i) ->
                new Consent(
                    rs.getObject(1, UUID.class),
                    rs.getObject(2, LocalDate.class),
                    rs.getString(3),
                    rs.getBoolean(4),
                    rs.getBoolean(5),
                    rs.getBoolean(6),
                    rs.getString(7)))
        .list();
  }

  /**
   * Each participant's consent as it stands: their latest record (by the date it was given, then by
   * when it was recorded), by participant id; those with none are missing from the map.
   */
  @Transactional(readOnly = true)
  public Map<UUID, Consent> currentConsents(Site site) {
    team.require(site.id(), WRITERS);
    Map<UUID, Consent> current = new HashMap<>();
    jdbc.sql(
            "select distinct on (c.participant_id) c.participant_id, c.id, c.given_on, c.method,"
                + " c.take_part, c.be_quoted, c.quoted_in_published, c.form_version"
                + " from consent c join participant p on p.id = c.participant_id"
                + " where p.site_id = ?"
                + " order by c.participant_id, c.given_on desc, c.recorded_at desc")
        .param(site.id().value())
        .query(
            (rs, i) ->
                current.put(
                    rs.getObject(1, UUID.class),
                    new Consent(
                        rs.getObject(2, UUID.class),
                        rs.getObject(3, LocalDate.class),
                        rs.getString(4),
                        rs.getBoolean(5),
                        rs.getBoolean(6),
                        rs.getBoolean(7),
                        rs.getString(8))))
        .list();
    return current;
  }

  /**
   * The erasing half of a withdrawal ({@link Withdrawals} does the rest first, in the same
   * transaction): the participant's key is destroyed (so their identity and every turn they spoke
   * become unreadable anywhere a copy exists), their rows are deleted, sources where only they
   * spoke are deleted, and the audit log keeps only the pseudonymous fact, with {@code detail}
   * (counts, never text).
   */
  void erase(Site site, UUID participant, String detail) {
    team.require(site.id(), SiteRole.COORDINATOR);
    Participant p = get(site, participant);
    // Sources in which nobody else spoke are theirs: they go entirely.
    jdbc.sql(
            "delete from source s where s.site_id = ? and exists (select 1 from source_part x"
                + " where x.source_id = s.id and x.participant_id = ?) and not exists (select 1"
                + " from source_part x where x.source_id = s.id and (x.participant_id is null"
                + " or x.participant_id <> ?))")
        .params(site.id().value(), participant, participant)
        .update();
    // Everything else keyed to the participant (key, identity, consent, the parts of
    // sources holding their turns, attendance) goes with the row, by cascade.
    jdbc.sql("delete from participant where id = ?").param(participant).update();
    vaults.forgetSubject(site.id(), keyContext(participant));
    audit.record(site.id().value(), "participant.withdrawn", p.code(), detail);
    events.publishEvent(new ConsentChanged(site.id()));
  }

  /** Attribute combinations shared by fewer than {@link #SMALL_CELL} participants. */
  @Transactional(readOnly = true)
  public List<SmallCell> smallCells(Site site) {
    team.require(site.id(), WRITERS);
    return jdbc.sql(
            "select population_group, gender, age_band, ethnicity, coalesce(neighbourhood, ''),"
                + " count(*) from participant where site_id = ? group by 1, 2, 3, 4, 5"
                + " having count(*) < ? order by 1, 2, 3, 4, 5")
        .params(site.id().value(), SMALL_CELL)
        .query(
            (rs, i) ->
                new SmallCell(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getString(5).isEmpty() ? null : rs.getString(5),
                    rs.getInt(6)))
        .list();
  }

  SealedKey key(UUID participant) {
    return jdbc.sql(
            "select public_keyset, sealed_private_keyset from participant_key where participant_id = ?")
        .param(participant)
        .query((rs, i) -> new SealedKey(rs.getBytes(1), rs.getBytes(2)))
        .optional()
        .orElseThrow(() -> new NotFound("participant.not-found"));
  }

  private byte[] openIdentity(Site site, UUID participant, byte[] sealedKey, byte[] sealed) {
    DataKey key = DataKey.of(vaults.open(site.id(), sealedKey, identityKeyContext(participant)));
    return key.decrypt(sealed, identityContext(participant));
  }

  static String identityKeyContext(UUID participant) {
    return "participant_identity_key:" + participant;
  }

  static String keyContext(UUID participant) {
    return "participant_key:" + participant;
  }

  private static String identityContext(UUID participant) {
    return "participant_identity:" + participant;
  }

  private void validate(NewParticipant p) {
    new Validation()
        .require(
            Vocabulary.has(Vocabulary.POPULATION_GROUPS, p.populationGroup()),
            "populationGroup",
            "validation.choose")
        .require(Vocabulary.has(Vocabulary.GENDERS, p.gender()), "gender", "validation.choose")
        .require(Vocabulary.has(Vocabulary.AGE_BANDS, p.ageBand()), "ageBand", "validation.choose")
        .require(
            Vocabulary.has(Vocabulary.ETHNICITIES, p.ethnicity()), "ethnicity", "validation.choose")
        .optionalText(p.neighbourhood(), "neighbourhood", 120)
        .optionalText(p.identity() == null ? null : p.identity().name(), "name", 200)
        .optionalText(p.identity() == null ? null : p.identity().alias(), "alias", 200)
        .optionalText(p.identity() == null ? null : p.identity().contact(), "contact", 200)
        .orThrow();
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  private static Participant map(ResultSet rs, int i) throws SQLException {
    return new Participant(
        rs.getObject("id", UUID.class),
        rs.getString("code"),
        rs.getString("population_group"),
        rs.getString("gender"),
        rs.getString("age_band"),
        rs.getString("ethnicity"),
        rs.getString("neighbourhood"),
        rs.getBoolean("fictional"),
        rs.getTimestamp("created_at").toInstant());
  }
}
