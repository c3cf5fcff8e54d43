package org.tejido.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.tejido.audit.AuditLog.Verification;
import org.tejido.identity.SiteRole;
import org.tejido.sites.Site;
import org.tejido.support.Fixtures;
import org.tejido.support.Fixtures.Person;
import org.tejido.support.TejidoTest;

@TejidoTest
class AuditLogTest {

  @Autowired AuditLog audit;
  @Autowired JdbcClient jdbc;
  @Autowired Fixtures fixtures;
  @Autowired PlatformTransactionManager transactions;

  @AfterEach
  void nobody() {
    fixtures.actAsNobody();
  }

  private long count() {
    return jdbc.sql("select count(*) from audit_entry").query(Long.class).single();
  }

  private long head() {
    return jdbc.sql("select coalesce(max(sequence), 0) from audit_entry")
        .query(Long.class)
        .single();
  }

  private void assertWholeChainIntact() {
    Verification v = audit.verify();
    assertThat(v.intact()).as("chain intact").isTrue();
    assertThat(v.firstBrokenSequence()).isNull();
    assertThat(v.entriesChecked()).isEqualTo(count()).isEqualTo(head());
  }

  @Test
  void recordingAppendsAChainThatVerifies() {
    Site site = fixtures.freshSite();
    Person coordinator = fixtures.withRole(site.key(), SiteRole.COORDINATOR);
    long before = head();

    fixtures.actAs(coordinator);
    audit.record(site.id().value(), "vault.unlock", "APA-017", "motivo: revisión semanal");
    fixtures.actAsNobody();
    audit.record(site.id().value(), "participant.withdrawn", "APA-018", null);
    audit.record(null, "system.check", "nightly", "  ");

    assertThat(head()).isEqualTo(before + 3);
    List<AuditEntry> entries = audit.forSite(site.id().value(), 10, Long.MAX_VALUE);
    // Older entries of the site (the grant of the coordinator's role) follow these two.
    assertThat(entries).extracting(AuditEntry::sequence).startsWith(before + 2, before + 1);
    AuditEntry withdrawn = entries.get(0);
    assertThat(withdrawn.bySystem()).isTrue();
    assertThat(withdrawn.actorName()).isNull();
    assertThat(withdrawn.detail()).isNull();
    AuditEntry unlock = entries.get(1);
    assertThat(unlock.actorId()).isEqualTo(coordinator.id().value());
    assertThat(unlock.actorName()).isEqualTo("Test coordinator");
    assertThat(unlock.action()).isEqualTo("vault.unlock");
    assertThat(unlock.subject()).isEqualTo("APA-017");
    assertThat(unlock.detail()).isEqualTo("motivo: revisión semanal");
    assertThat(unlock.siteId()).isEqualTo(site.id().value());
    assertThat(unlock.hash()).hasSize(32);
    assertThat(unlock.at()).isBeforeOrEqualTo(withdrawn.at());

    // Each entry points to the hash of the one before; the first to 32 zero bytes.
    assertThat(prevHash(before + 2)).isEqualTo(unlock.hash());
    assertThat(prevHash(1)).isEqualTo(new byte[32]);
    // The blank detail was stored as none; the entry about no site is not any site's.
    assertThat(
            jdbc.sql(
                    "select detail is null and site_id is null from audit_entry where sequence = ?")
                .param(before + 3)
                .query(Boolean.class)
                .single())
        .isTrue();
    assertWholeChainIntact();
  }

  @Test
  void pagesGoBackwardsFromTheNewest() {
    Site site = fixtures.freshSite();
    for (int i = 1; i <= 7; i++) {
      audit.record(site.id().value(), "participant.identity.read", "APA-" + i, null);
    }
    UUID id = site.id().value();
    List<AuditEntry> first = audit.forSite(id, 3, Long.MAX_VALUE);
    assertThat(first).extracting(AuditEntry::subject).containsExactly("APA-7", "APA-6", "APA-5");
    List<AuditEntry> second = audit.forSite(id, 3, first.get(2).sequence());
    assertThat(second).extracting(AuditEntry::subject).containsExactly("APA-4", "APA-3", "APA-2");
    List<AuditEntry> last = audit.forSite(id, 3, second.get(2).sequence());
    assertThat(last).extracting(AuditEntry::subject).containsExactly("APA-1");
    assertThat(audit.forSite(fixtures.freshSite().id().value(), 3, Long.MAX_VALUE)).isEmpty();
    assertThatThrownBy(() -> audit.forSite(id, 0, Long.MAX_VALUE))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anEntryForARolledBackChangeDisappearsWithItAndLeavesNoGap() {
    Site site = fixtures.freshSite();
    long before = head();
    TransactionTemplate tx = new TransactionTemplate(transactions);
    tx.executeWithoutResult(
        status -> {
          audit.record(site.id().value(), "participant.withdrawn", "APA-099", null);
          status.setRollbackOnly();
        });
    assertThat(head()).isEqualTo(before);
    assertThat(audit.forSite(site.id().value(), 5, Long.MAX_VALUE)).isEmpty();

    audit.record(site.id().value(), "participant.withdrawn", "APA-100", null);
    assertThat(head()).isEqualTo(before + 1);
    assertWholeChainIntact();
  }

  @Test
  void aTransactionsEntriesAreAppendedWhenItCommitsAndAnInnerOnesWhenThatCommits() {
    UUID site = fixtures.freshSite().id().value();
    TransactionTemplate outer = new TransactionTemplate(transactions);
    TransactionTemplate inner = new TransactionTemplate(transactions);
    inner.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    outer.executeWithoutResult(
        status -> {
          audit.record(site, "source.added", "A-1", null);
          inner.executeWithoutResult(
              s -> audit.record(site, "participant.identity.read", "B-1", null));
          // The inner transaction committed its entry; the outer one's wait for its commit.
          assertThat(audit.forSite(site, 10, Long.MAX_VALUE))
              .extracting(AuditEntry::subject)
              .containsExactly("B-1");
          audit.record(site, "source.added", "A-2", null);
        });
    assertThat(audit.forSite(site, 10, Long.MAX_VALUE))
        .extracting(AuditEntry::subject)
        .containsExactly("A-2", "A-1", "B-1");
    assertWholeChainIntact();
  }

  @Test
  void aReadInsideAReadOnlyTransactionIsStillRecorded() {
    Site site = fixtures.freshSite();
    TransactionTemplate readOnly = new TransactionTemplate(transactions);
    readOnly.setReadOnly(true);
    readOnly.executeWithoutResult(
        status -> audit.record(site.id().value(), "participant.identity.read", "APA-201", null));
    assertThat(audit.forSite(site.id().value(), 5, Long.MAX_VALUE))
        .extracting(AuditEntry::subject)
        .containsExactly("APA-201");
    assertWholeChainIntact();
  }

  @Test
  void namesTestimonyAndMalformedActionsAreRefused() {
    UUID site = fixtures.freshSite().id().value();
    long before = head();
    // Spaces and accents mark names and sentences; codes and ids have neither.
    for (String subject :
        new String[] {"María López", "APA 017", "Ñoño", "", null, "x".repeat(201)}) {
      assertThatThrownBy(() -> audit.record(site, "vault.unlock", subject, null))
          .as(String.valueOf(subject))
          .isInstanceOf(IllegalArgumentException.class);
    }
    for (String action : new String[] {"Vault.Unlock", "", null, "vault unlock"}) {
      assertThatThrownBy(() -> audit.record(site, action, "APA-001", null))
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> audit.record(site, "vault.unlock", "APA-001", "x".repeat(501)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(head()).isEqualTo(before);
  }

  @Test
  void theDatabaseRefusesUpdateDeleteAndTruncate() {
    audit.record(fixtures.freshSite().id().value(), "vault.unlock", "APA-301", null);
    long entries = count();
    assertThatThrownBy(
            () ->
                jdbc.sql("update audit_entry set detail = 'cambiado' where sequence = 1").update())
        .isInstanceOf(DataIntegrityViolationException.class)
        .hasMessageContaining("append-only");
    assertThatThrownBy(() -> jdbc.sql("delete from audit_entry where sequence = 1").update())
        .isInstanceOf(DataIntegrityViolationException.class)
        .hasMessageContaining("append-only");
    // Refused even when no row would be touched: the trigger is on the statement.
    assertThatThrownBy(() -> jdbc.sql("delete from audit_entry where false").update())
        .isInstanceOf(DataIntegrityViolationException.class);
    assertThatThrownBy(() -> jdbc.sql("truncate audit_entry").update())
        .isInstanceOf(DataIntegrityViolationException.class)
        .hasMessageContaining("append-only");
    assertThat(count()).isEqualTo(entries);
    assertWholeChainIntact();
  }

  /**
   * Tampering needs the trigger out of the way, as an attacker with the owner's rights would do.
   * Everything happens in one transaction that is rolled back: the change, the disabled trigger
   * (DDL is transactional in PostgreSQL) and all, so no other connection ever sees either.
   */
  @Test
  void verificationFindsTheFirstTamperedEntry() {
    UUID site = fixtures.freshSite().id().value();
    audit.record(site, "vault.unlock", "APA-401", "original");
    audit.record(site, "vault.unlock", "APA-402", null);
    audit.record(site, "vault.unlock", "APA-403", null);
    List<AuditEntry> mine = audit.forSite(site, 3, Long.MAX_VALUE);
    long first = mine.get(2).sequence();
    long second = mine.get(1).sequence();
    assertWholeChainIntact();

    // A changed detail breaks that entry's own hash.
    assertThat(tampered("update audit_entry set detail = 'falsificado' where sequence = ?", first))
        .isEqualTo(new Verification(false, first - 1, first));
    // A forger who recomputes the changed entry's hash still breaks the link of the next one.
    AuditEntry e = mine.get(2);
    byte[] forged =
        AuditChain.hash(
            first,
            e.at(),
            e.siteId(),
            e.actorId(),
            e.action(),
            e.subject(),
            "falsificado",
            prevHash(first));
    assertThat(
            tampered(
                "update audit_entry set detail = 'falsificado', hash = ? where sequence = ?",
                forged,
                first))
        .isEqualTo(new Verification(false, first, second));
    // A removed entry leaves a gap: the next one is out of sequence.
    assertThat(tampered("delete from audit_entry where sequence = ?", first))
        .isEqualTo(new Verification(false, first - 1, second));

    // The shared database is as it was: trigger on, original values, chain whole.
    assertThat(
            jdbc.sql(
                    "select tgenabled from pg_trigger where tgname = 'audit_entry_append_only'"
                        + " and tgrelid = 'audit_entry'::regclass")
                .query(String.class)
                .single())
        .isEqualTo("O");
    assertThat(
            jdbc.sql("select detail from audit_entry where sequence = ?")
                .param(first)
                .query(String.class)
                .single())
        .isEqualTo("original");
    assertThatThrownBy(() -> jdbc.sql("delete from audit_entry where false").update())
        .isInstanceOf(DataIntegrityViolationException.class);
    assertWholeChainIntact();
  }

  private Verification tampered(String sql, Object... params) {
    TransactionTemplate tx = new TransactionTemplate(transactions);
    return tx.execute(
        status -> {
          try {
            jdbc.sql("alter table audit_entry disable trigger audit_entry_append_only").update();
            jdbc.sql(sql).params(params).update();
            return audit.verify();
          } finally {
            status.setRollbackOnly();
          }
        });
  }

  @Test
  void concurrentAppendsFormOneGaplessChain() throws Exception {
    UUID site = fixtures.freshSite().id().value();
    long before = head();
    int threads = 8;
    int each = 25;
    TransactionTemplate tx = new TransactionTemplate(transactions);
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        done.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < each; i++) {
                    String subject = "T" + thread + "-" + i;
                    // Each append in its own transaction, with other work in it, as callers do.
                    tx.executeWithoutResult(
                        status -> {
                          jdbc.sql("select 1").query(Integer.class).single();
                          audit.record(site, "test.concurrent", subject, null);
                        });
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> f : done) {
        f.get(2, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }

    List<Long> sequences =
        jdbc.sql("select sequence from audit_entry where site_id = ? order by sequence")
            .param(site)
            .query(Long.class)
            .list();
    assertThat(sequences).hasSize(threads * each);
    List<Long> expected = new ArrayList<>();
    for (long s = before + 1; s <= before + threads * each; s++) {
      expected.add(s);
    }
    assertThat(sequences).isEqualTo(expected);
    assertThat(head()).isEqualTo(before + threads * each);
    List<String> subjects =
        jdbc.sql("select subject from audit_entry where site_id = ?")
            .param(site)
            .query(String.class)
            .list();
    assertThat(Collections.frequency(subjects, "T0-0")).isEqualTo(1);
    assertThat(new java.util.HashSet<>(subjects)).hasSize(threads * each);
    assertWholeChainIntact();
  }

  private byte[] prevHash(long sequence) {
    return jdbc.sql("select prev_hash from audit_entry where sequence = ?")
        .param(sequence)
        .query(byte[].class)
        .single();
  }
}
