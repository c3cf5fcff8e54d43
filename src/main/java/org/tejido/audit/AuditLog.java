package org.tejido.audit;

import java.security.MessageDigest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.tejido.identity.Team;
import org.tejido.identity.UserId;

/**
 * The append-only, tamper-evident log of who read or changed protected data.
 *
 * <p>Entries form a hash chain: each one's hash covers its own fields and the previous entry's hash
 * (the first entry's "previous hash" is 32 zero bytes), so changing or removing an entry in the
 * database breaks the chain from there on, and {@link #verify()} finds it. The database itself
 * refuses UPDATE, DELETE and TRUNCATE on the table (migration V6).
 *
 * <p><strong>Transactions.</strong> {@link #record} joins the caller's transaction when there is
 * one: the entry is written just before that transaction commits, together with the change it
 * describes, and if that change is rolled back its entry disappears with it — nothing is logged
 * that did not happen. Appends are serialised by a transaction-scoped advisory lock, taken only
 * then, so it is held for the commit alone however long the transaction ran (and the entries of one
 * transaction are appended in one batch). Until the commit, the caller's own transaction does not
 * see its entries in {@code audit_entry}. The chain relies on PostgreSQL's default READ COMMITTED
 * isolation to see the latest entry once the lock is held; in a caller's REPEATABLE READ or
 * SERIALIZABLE transaction a concurrent append makes {@code record} fail on the primary key rather
 * than fork the chain. A read-only caller's transaction cannot write, so there the entry is written
 * and committed in a transaction of its own (a read that happened stays recorded).
 */
@Service
public class AuditLog {

  /** The most entries {@link #forSite} returns at once. */
  public static final int MAX_PAGE = 500;

  /** Key of the advisory lock that serialises appends: "tejido" in ASCII, then 1. */
  static final long APPEND_LOCK = 0x74656a69646f0001L;

  private static final Pattern ACTION = Pattern.compile("[a-z][a-z0-9_.-]{0,63}");

  /**
   * Participant codes, source ids, keys: no spaces and no accents, which keeps people's names (and
   * any sentence of testimony) out of the log by construction.
   */
  private static final Pattern SUBJECT = Pattern.compile("[A-Za-z0-9._:/#-]{1,200}");

  private static final int MAX_DETAIL = 500;
  private static final int VERIFY_BATCH = 1000;

  private final JdbcClient jdbc;
  private final JdbcOperations batch;
  private final Team team;
  private final Clock clock;
  private final TransactionTemplate joining;
  private final TransactionTemplate separate;
  private final TransactionTemplate snapshot;

  AuditLog(
      JdbcClient jdbc, JdbcOperations batch, Team team, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.batch = batch;
    this.team = team;
    this.clock = Clock.systemUTC();
    this.joining = new TransactionTemplate(transactions);
    this.separate = new TransactionTemplate(transactions);
    this.separate.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.snapshot = new TransactionTemplate(transactions);
    this.snapshot.setReadOnly(true);
    this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
  }

  /** The result of checking the whole chain. */
  public record Verification(boolean intact, long entriesChecked, Long firstBrokenSequence) {}

  /**
   * Appends an entry, acted by the signed-in member of staff (or by Tejido itself when nobody is
   * signed in).
   *
   * @param siteId the site whose data was read or changed; null for none
   * @param action a stable code, lower case: {@code vault.unlock}, {@code participant.withdrawn}
   * @param subject a pseudonymous reference only, e.g. {@code APA-017} or a source id: letters,
   *     digits and {@code . _ : / # -}, at most 200 — never a name, never testimony
   * @param detail a short, non-sensitive note (at most 500 characters), or null
   * @throws IllegalArgumentException when a field breaks these rules (a programming error)
   */
  public void record(UUID siteId, String action, String subject, String detail) {
    UUID actor = team.current().map(member -> member.id().value()).orElse(null);
    enter(siteId, actor, action, subject, detail);
  }

  /**
   * Appends an entry acted by the given member of staff, or by nobody known (null): for the moments
   * when who acts is not the signed-in member, such as a sign-in itself (the person is not signed
   * in yet) or a refused attempt on an account (whoever tried is not its owner). The fields follow
   * the rules of {@link #record}.
   */
  public void recordActedBy(
      UserId actor, UUID siteId, String action, String subject, String detail) {
    enter(siteId, actor == null ? null : actor.value(), action, subject, detail);
  }

  private void enter(UUID siteId, UUID actor, String action, String subject, String detail) {
    if (action == null || !ACTION.matcher(action).matches()) {
      throw new IllegalArgumentException("audit action must match " + ACTION + ": " + action);
    }
    if (subject == null || !SUBJECT.matcher(subject).matches()) {
      throw new IllegalArgumentException(
          "audit subject must be a pseudonymous reference matching " + SUBJECT);
    }
    String note = detail == null || detail.isBlank() ? null : detail.strip();
    if (note != null && note.length() > MAX_DETAIL) {
      throw new IllegalArgumentException("audit detail longer than " + MAX_DETAIL);
    }
    Entry entry = new Entry(siteId, actor, action, subject, note);
    boolean writableTransaction =
        TransactionSynchronizationManager.isActualTransactionActive()
            && TransactionSynchronizationManager.isSynchronizationActive()
            && !TransactionSynchronizationManager.isCurrentTransactionReadOnly();
    if (writableTransaction) {
      pendingInThisTransaction().entries.add(entry);
      return;
    }
    boolean readOnlyCaller =
        TransactionSynchronizationManager.isActualTransactionActive()
            && TransactionSynchronizationManager.isCurrentTransactionReadOnly();
    (readOnlyCaller ? separate : joining).executeWithoutResult(status -> append(List.of(entry)));
  }

  private record Entry(UUID site, UUID actor, String action, String subject, String detail) {}

  /**
   * The entries recorded in the current transaction, appended just before it commits: the append
   * lock is then held only for the commit itself, however long the transaction ran, and several
   * entries cost one lock and one batch. Found among the transaction's synchronizations, which
   * Spring suspends for an inner REQUIRES_NEW transaction, so an inner transaction gets entries of
   * its own.
   */
  private Pending pendingInThisTransaction() {
    for (TransactionSynchronization sync :
        TransactionSynchronizationManager.getSynchronizations()) {
      if (sync instanceof Pending pending && pending.owner == this) {
        return pending;
      }
    }
    Pending pending = new Pending(this);
    TransactionSynchronizationManager.registerSynchronization(pending);
    return pending;
  }

  private static final class Pending implements TransactionSynchronization {
    private final AuditLog owner;
    private final List<Entry> entries = new ArrayList<>();

    Pending(AuditLog owner) {
      this.owner = owner;
    }

    @Override
    public void beforeCommit(boolean readOnly) {
      if (!entries.isEmpty()) {
        owner.append(entries);
      }
    }

    @Override
    public int getOrder() {
      // After every other synchronization's beforeCommit, which may still record.
      return Ordered.LOWEST_PRECEDENCE;
    }
  }

  private void append(List<Entry> entries) {
    jdbc.sql("select pg_advisory_xact_lock(?)").param(APPEND_LOCK).query().listOfRows();
    Head head =
        jdbc.sql("select sequence, at, hash from audit_entry order by sequence desc limit 1")
            .query((rs, i) -> new Head(rs.getLong(1), instant(rs, 2), rs.getBytes(3)))
            .optional()
            .orElse(null);
    long sequence = head == null ? 0 : head.sequence();
    byte[] previous = head == null ? AuditChain.genesis() : head.hash();
    Instant last = head == null ? Instant.MIN : head.at();
    List<Object[]> rows = new ArrayList<>(entries.size());
    for (Entry e : entries) {
      sequence++;
      // PostgreSQL keeps microseconds: hash exactly what will be stored. Time never runs
      // backwards along the chain, even if the server's clock is set back.
      Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
      Instant at = now.isBefore(last) ? last : now;
      byte[] hash =
          AuditChain.hash(
              sequence, at, e.site(), e.actor(), e.action(), e.subject(), e.detail(), previous);
      rows.add(
          new Object[] {
            sequence,
            OffsetDateTime.ofInstant(at, ZoneOffset.UTC),
            e.site(),
            e.actor(),
            e.action(),
            e.subject(),
            e.detail(),
            previous,
            hash
          });
      previous = hash;
      last = at;
    }
    batch.batchUpdate(
        "insert into audit_entry (sequence, at, site_id, actor_id, action, subject, detail,"
            + " prev_hash, hash) values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows);
  }

  /**
   * A site's entries, newest first.
   *
   * @param limit how many, 1 to {@link #MAX_PAGE}
   * @param beforeSequence only entries older than this one ({@link Long#MAX_VALUE} for the newest)
   */
  public List<AuditEntry> forSite(UUID siteId, int limit, long beforeSequence) {
    Objects.requireNonNull(siteId, "siteId");
    return page("e.site_id = ?", siteId, limit, beforeSequence);
  }

  /**
   * The entries about no site, newest first: staff accounts, second factors, sign-ins, backups and
   * restores. For the platform administrator.
   *
   * @param limit how many, 1 to {@link #MAX_PAGE}
   * @param beforeSequence only entries older than this one ({@link Long#MAX_VALUE} for the newest)
   */
  public List<AuditEntry> withoutSite(int limit, long beforeSequence) {
    return page("e.site_id is null", null, limit, beforeSequence);
  }

  private List<AuditEntry> page(String where, UUID siteId, int limit, long beforeSequence) {
    if (limit < 1 || limit > MAX_PAGE) {
      throw new IllegalArgumentException("limit must be between 1 and " + MAX_PAGE);
    }
    List<Object> params = new ArrayList<>();
    if (siteId != null) {
      params.add(siteId);
    }
    params.add(beforeSequence);
    params.add(limit);
    return jdbc.sql(
            "select e.sequence, e.at, e.site_id, e.actor_id, u.display_name, e.action, e.subject,"
                + " e.detail, e.hash from audit_entry e left join app_user u on u.id = e.actor_id"
                + " where "
                + where
                + " and e.sequence < ? order by e.sequence desc limit ?")
        .params(params)
        .query(
            (rs, i) ->
                new AuditEntry(
                    rs.getLong("sequence"),
                    instant(rs, 2),
                    rs.getObject("site_id", UUID.class),
                    rs.getObject("actor_id", UUID.class),
                    rs.getString("display_name"),
                    rs.getString("action"),
                    rs.getString("subject"),
                    rs.getString("detail"),
                    rs.getBytes("hash")))
        .list();
  }

  /**
   * Walks the whole chain in order, in one consistent snapshot, recomputing every hash. It stops at
   * the first entry that is out of sequence, does not point to its predecessor's hash, or whose
   * content no longer matches its hash.
   *
   * <p>It cannot see the newest entries removed together (the rest of the chain is still whole):
   * that needs the latest hash kept somewhere outside the database.
   *
   * @return intact or not, how many entries were found intact (before the first broken one), and
   *     the sequence of the first broken entry (null when intact)
   */
  public Verification verify() {
    return snapshot.execute(status -> walk());
  }

  private Verification walk() {
    long checked = 0;
    long expected = 1;
    byte[] previous = AuditChain.genesis();
    while (true) {
      List<Stored> batch =
          jdbc.sql(
                  "select sequence, at, site_id, actor_id, action, subject, detail, prev_hash, hash"
                      + " from audit_entry where sequence >= ? order by sequence limit ?")
              .params(expected, VERIFY_BATCH)
              .query(AuditLog::stored)
              .list();
      for (Stored e : batch) {
        byte[] recomputed =
            AuditChain.hash(
                e.sequence(),
                e.at(),
                e.site(),
                e.actor(),
                e.action(),
                e.subject(),
                e.detail(),
                e.previousHash());
        boolean intact =
            e.sequence() == expected
                && Arrays.equals(e.previousHash(), previous)
                && MessageDigest.isEqual(recomputed, e.hash());
        if (!intact) {
          return new Verification(false, checked, e.sequence());
        }
        checked++;
        expected++;
        previous = e.hash();
      }
      if (batch.size() < VERIFY_BATCH) {
        return new Verification(true, checked, null);
      }
    }
  }

  private record Head(long sequence, Instant at, byte[] hash) {}

  private record Stored(
      long sequence,
      Instant at,
      UUID site,
      UUID actor,
      String action,
      String subject,
      String detail,
      byte[] previousHash,
      byte[] hash) {}

  private static Stored stored(ResultSet rs, int row) throws SQLException {
    return new Stored(
        rs.getLong("sequence"),
        instant(rs, 2),
        rs.getObject("site_id", UUID.class),
        rs.getObject("actor_id", UUID.class),
        rs.getString("action"),
        rs.getString("subject"),
        rs.getString("detail"),
        rs.getBytes("prev_hash"),
        rs.getBytes("hash"));
  }

  private static Instant instant(ResultSet rs, int column) throws SQLException {
    return rs.getObject(column, OffsetDateTime.class).toInstant();
  }
}
