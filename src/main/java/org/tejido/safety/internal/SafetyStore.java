package org.tejido.safety.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.tejido.crypto.SiteEncryption;
import org.tejido.safety.internal.escalation.AlertKind;
import org.tejido.safety.internal.escalation.Trip;
import org.tejido.safety.internal.escalation.TripState;

/**
 * All of safe fieldwork's SQL. Places, companions, contacts, safe words and resolution notes are
 * sealed here with the site key, bound to their table and row. Knows nothing of who is asking.
 */
@Repository
public class SafetyStore {

  private final JdbcClient jdbc;
  private final SiteEncryption encryption;

  SafetyStore(JdbcClient jdbc, SiteEncryption encryption) {
    this.jdbc = jdbc;
    this.encryption = encryption;
  }

  public record Protocol(String textEs, String textEn, String noGo, String safeWords) {
    public static final Protocol EMPTY = new Protocol("", "", "", "");
  }

  public record ChainLevel(
      int position, UUID userId, String displayName, String contact, int delayMinutes) {}

  public record TripRow(
      UUID id,
      UUID siteId,
      UUID userId,
      String memberName,
      String where,
      String withWhom,
      TripState state,
      Instant startsAt,
      Instant returnsAt,
      int graceMinutes,
      Instant checkedOutAt,
      Instant resolvedAt) {
    public Trip trip() {
      return new Trip(state, startsAt, returnsAt, Duration.ofMinutes(graceMinutes));
    }
  }

  public record AlertRow(
      UUID id,
      UUID siteId,
      UUID tripId,
      UUID userId,
      String memberName,
      AlertKind kind,
      Instant raisedAt,
      int stepsSent,
      Instant acknowledgedAt,
      String acknowledgedBy,
      Instant resolvedAt,
      org.tejido.safety.LastKnownLocation location) {
    public boolean acknowledged() {
      return acknowledgedAt != null;
    }
  }

  // --- protocol ---

  public Protocol protocol(UUID site) {
    return jdbc.sql(
            "select text_es, text_en, no_go, safe_words from safety_protocol where site_id = ?")
        .param(site)
        .query(
            (rs, i) ->
                new Protocol(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getBytes(4) == null
                        ? ""
                        : encryption.open(site, rs.getBytes(4), "safety_protocol.safe_words")))
        .optional()
        .orElse(Protocol.EMPTY);
  }

  public void saveProtocol(UUID site, Protocol p) {
    jdbc.sql(
            """
            insert into safety_protocol (site_id, text_es, text_en, no_go, safe_words)
            values (?, ?, ?, ?, ?)
            on conflict (site_id) do update set text_es = excluded.text_es,
              text_en = excluded.text_en, no_go = excluded.no_go,
              safe_words = excluded.safe_words, updated_at = now()
            """)
        .params(
            site,
            p.textEs(),
            p.textEn(),
            p.noGo(),
            encryption.seal(site, p.safeWords(), "safety_protocol.safe_words"))
        .update();
  }

  public List<ChainLevel> chain(UUID site) {
    return jdbc.sql(
            """
            select l.position, l.user_id, u.display_name, l.contact, l.delay_minutes
            from safety_chain_level l join app_user u on u.id = l.user_id
            where l.site_id = ? order by l.position
            """)
        .param(site)
        .query(
            (rs, i) ->
                new ChainLevel(
                    rs.getInt(1),
                    rs.getObject(2, UUID.class),
                    rs.getString(3),
                    encryption.open(site, rs.getBytes(4), contactContext(rs.getInt(1))),
                    rs.getInt(5)))
        .list();
  }

  public void replaceChain(UUID site, List<ChainLevel> levels) {
    jdbc.sql("delete from safety_chain_level where site_id = ?").param(site).update();
    for (ChainLevel l : levels) {
      jdbc.sql(
              "insert into safety_chain_level (site_id, position, user_id, contact, delay_minutes)"
                  + " values (?, ?, ?, ?, ?)")
          .params(
              site,
              l.position(),
              l.userId(),
              encryption.seal(site, l.contact(), contactContext(l.position())),
              l.delayMinutes())
          .update();
    }
  }

  private static String contactContext(int position) {
    return "safety_chain_level.contact#" + position;
  }

  // --- duress PIN ---

  /** A member's PIN hashes: the check-out PIN (null when she set only a duress PIN) and duress. */
  public record PinHashes(String checkout, String duress) {}

  public Optional<PinHashes> pinHashes(UUID user) {
    return jdbc.sql("select checkout_pin_hash, pin_hash from safety_duress_pin where user_id = ?")
        .param(user)
        .query((rs, i) -> new PinHashes(rs.getString(1), rs.getString(2)))
        .optional();
  }

  public void savePinHashes(UUID user, String checkoutHash, String duressHash) {
    jdbc.sql(
            "insert into safety_duress_pin (user_id, checkout_pin_hash, pin_hash) values (?, ?, ?)"
                + " on conflict (user_id) do update set checkout_pin_hash ="
                + " excluded.checkout_pin_hash, pin_hash = excluded.pin_hash")
        .params(user, checkoutHash, duressHash)
        .update();
  }

  // --- trips ---

  private static final String TRIP_COLUMNS =
      """
      select t.id, t.site_id, t.user_id, u.display_name, t.plan, t.state, t.starts_at,
             t.returns_at, t.grace_minutes, t.checked_out_at, t.resolved_at
      from safety_trip t join app_user u on u.id = t.user_id
      """;

  public void insertTrip(UUID id, UUID site, UUID user, String where, String withWhom, Trip trip) {
    jdbc.sql(
            """
            insert into safety_trip (id, site_id, user_id, plan, state, starts_at, returns_at,
                                     grace_minutes)
            values (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        .params(
            id,
            site,
            user,
            encryption.seal(site, where + "\u0000" + withWhom, "safety_trip.plan#" + id),
            trip.state().code(),
            ts(trip.startsAt()),
            ts(trip.returnsAt()),
            (int) trip.grace().toMinutes())
        .update();
  }

  public Optional<TripRow> trip(UUID id) {
    return jdbc.sql(TRIP_COLUMNS + " where t.id = ?").param(id).query(this::tripRow).optional();
  }

  /** The member's open trip at a site, if any (one at a time). */
  public Optional<TripRow> openTripOf(UUID site, UUID user) {
    return jdbc.sql(
            TRIP_COLUMNS
                + " where t.site_id = ? and t.user_id = ? and t.state <> 'resolved'"
                + " order by t.created_at desc limit 1")
        .params(site, user)
        .query(this::tripRow)
        .optional();
  }

  public List<TripRow> openTrips(UUID site) {
    return jdbc.sql(
            TRIP_COLUMNS + " where t.site_id = ? and t.state <> 'resolved' order by t.returns_at")
        .param(site)
        .query(this::tripRow)
        .list();
  }

  public void updateTrip(UUID id, Trip trip, Instant checkedOutAt) {
    jdbc.sql(
            """
            update safety_trip set state = ?, returns_at = ?,
              checked_out_at = coalesce(?, checked_out_at),
              resolved_at = case when ? = 'resolved' then coalesce(resolved_at, now()) end
            where id = ?
            """)
        .params(
            trip.state().code(), ts(trip.returnsAt()), ts(checkedOutAt), trip.state().code(), id)
        .update();
  }

  private TripRow tripRow(ResultSet rs, int i) throws SQLException {
    UUID id = rs.getObject(1, UUID.class);
    UUID site = rs.getObject(2, UUID.class);
    String[] plan =
        encryption.open(site, rs.getBytes(5), "safety_trip.plan#" + id).split("\u0000", 2);
    return new TripRow(
        id,
        site,
        rs.getObject(3, UUID.class),
        rs.getString(4),
        plan[0],
        plan.length > 1 ? plan[1] : "",
        TripState.fromCode(rs.getString(6)),
        instant(rs, 7),
        instant(rs, 8),
        rs.getInt(9),
        instant(rs, 10),
        instant(rs, 11));
  }

  // --- alerts ---

  private static final String ALERT_COLUMNS =
      """
      select a.id, a.site_id, a.trip_id, a.user_id, u.display_name, a.kind, a.raised_at,
             a.steps_sent, a.acknowledged_at, k.display_name, a.resolved_at, a.location
      from safety_alert a join app_user u on u.id = a.user_id
      left join app_user k on k.id = a.acknowledged_by
      """;

  public void insertAlert(
      UUID id,
      UUID site,
      UUID trip,
      UUID user,
      AlertKind kind,
      Instant at,
      org.tejido.safety.LastKnownLocation location) {
    jdbc.sql(
            "insert into safety_alert (id, site_id, trip_id, user_id, kind, raised_at, location)"
                + " values (?, ?, ?, ?, ?, ?, ?)")
        .params(
            id,
            site,
            trip,
            user,
            kind.code(),
            ts(at),
            location == null
                ? null
                : encryption.seal(site, location.encoded(), "safety_alert.location#" + id))
        .update();
  }

  public Optional<AlertRow> alert(UUID id) {
    return jdbc.sql(ALERT_COLUMNS + " where a.id = ?").param(id).query(this::alertRow).optional();
  }

  public Optional<AlertRow> openAlertOfTrip(UUID trip) {
    return jdbc.sql(ALERT_COLUMNS + " where a.trip_id = ? and a.resolved_at is null limit 1")
        .param(trip)
        .query(this::alertRow)
        .optional();
  }

  public List<AlertRow> openAlerts(UUID site) {
    return jdbc.sql(
            ALERT_COLUMNS + " where a.site_id = ? and a.resolved_at is null order by a.raised_at")
        .param(site)
        .query(this::alertRow)
        .list();
  }

  public List<AlertRow> resolvedAlerts(UUID site, int limit) {
    return jdbc.sql(
            ALERT_COLUMNS
                + " where a.site_id = ? and a.resolved_at is not null"
                + " order by a.resolved_at desc limit ?")
        .params(site, limit)
        .query(this::alertRow)
        .list();
  }

  /** Moves the step count forward only from what the caller read: a step is sent once. */
  public boolean advanceSteps(UUID alert, int from, int to) {
    return jdbc.sql(
                "update safety_alert set steps_sent = ? where id = ? and steps_sent = ?"
                    + " and acknowledged_at is null")
            .params(to, alert, from)
            .update()
        == 1;
  }

  public boolean acknowledge(UUID alert, UUID by, Instant at) {
    return jdbc.sql(
                "update safety_alert set acknowledged_by = ?, acknowledged_at = ?"
                    + " where id = ? and acknowledged_at is null")
            .params(by, ts(at), alert)
            .update()
        == 1;
  }

  public boolean resolve(UUID alert, UUID site, UUID by, String note, Instant at) {
    return jdbc.sql(
                "update safety_alert set resolved_by = ?, resolved_at = ?, resolution = ?"
                    + " where id = ? and acknowledged_at is not null and resolved_at is null")
            .params(
                by, ts(at), encryption.seal(site, note, "safety_alert.resolution#" + alert), alert)
            .update()
        == 1;
  }

  /** Deletes what was resolved before {@code cutoff}: trips, places and alert logs. */
  public int deleteResolvedBefore(Instant cutoff) {
    int alerts =
        jdbc.sql("delete from safety_alert where resolved_at < ?").param(ts(cutoff)).update();
    int trips =
        jdbc.sql(
                "delete from safety_trip t where t.resolved_at < ? and not exists"
                    + " (select 1 from safety_alert a where a.trip_id = t.id)")
            .param(ts(cutoff))
            .update();
    return alerts + trips;
  }

  private AlertRow alertRow(ResultSet rs, int i) throws SQLException {
    return new AlertRow(
        rs.getObject(1, UUID.class),
        rs.getObject(2, UUID.class),
        rs.getObject(3, UUID.class),
        rs.getObject(4, UUID.class),
        rs.getString(5),
        AlertKind.fromCode(rs.getString(6)),
        instant(rs, 7),
        rs.getInt(8),
        instant(rs, 9),
        rs.getString(10),
        instant(rs, 11),
        location(rs));
  }

  private org.tejido.safety.LastKnownLocation location(ResultSet rs) throws SQLException {
    byte[] sealed = rs.getBytes(12);
    if (sealed == null) {
      return null;
    }
    UUID alert = rs.getObject(1, UUID.class);
    UUID site = rs.getObject(2, UUID.class);
    return org.tejido.safety.LastKnownLocation.decode(
        encryption.open(site, sealed, "safety_alert.location#" + alert));
  }

  private static Timestamp ts(Instant i) {
    return i == null ? null : Timestamp.from(i);
  }

  private static Instant instant(ResultSet rs, int col) throws SQLException {
    Timestamp t = rs.getTimestamp(col);
    return t == null ? null : t.toInstant();
  }
}
