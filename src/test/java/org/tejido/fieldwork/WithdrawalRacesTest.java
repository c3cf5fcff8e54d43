package org.tejido.fieldwork;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import jakarta.servlet.http.Cookie;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;
import org.tejido.deidentification.GazetteerEntry;
import org.tejido.identity.SiteRole;
import org.tejido.shared.Conflict;
import org.tejido.sites.Site;
import org.tejido.support.Fixtures;
import org.tejido.support.Fixtures.Person;
import org.tejido.support.TejidoTest;
import org.tejido.vault.Vaults;

/**
 * A withdrawal and a de-identification (or a gazetteer change) of the same site at the same time:
 * whichever runs first, the withdrawn person's name is not readable afterwards. The two
 * transactions are interleaved deterministically: one is held open on a latch, and the other is
 * released only once the database shows it waiting for a lock.
 */
@TejidoTest
class WithdrawalRacesTest {

  private static final String PASSPHRASE = "la frase larga de la coordinadora";
  private static final String NAME = "Wenceslao Iturbide Zárate";
  private static final String DIARY =
      """
      Hoy fuimos a la tienda de Wenceslao Iturbide Zárate, junto al kínder.
      Wenceslao Iturbide nos habló del retén de la entrada.
      """;

  @Autowired Fixtures fixtures;
  @Autowired Vaults vaults;
  @Autowired Participants participants;
  @Autowired Sources sources;
  @Autowired Deidentification deidentification;
  @Autowired Withdrawals withdrawals;
  @Autowired JdbcClient jdbc;
  @Autowired TransactionTemplate tx;
  @Autowired MockMvc mvc;

  private final ExecutorService threads = Executors.newFixedThreadPool(2);
  private Site site;
  private Person coordinator;
  private Participant wenceslao;
  private java.util.UUID diary;

  @BeforeEach
  void aDiaryNamingAParticipant() {
    site = fixtures.freshSite();
    coordinator = fixtures.withRole(site.key(), SiteRole.COORDINATOR);
    fixtures.actAs(coordinator);
    vaults.create(site, PASSPHRASE);
    vaults.unlock(site, PASSPHRASE);
    wenceslao =
        participants.register(
            site,
            new NewParticipant(
                "adult_men",
                "man",
                "45_59",
                "mestizo",
                "Colonia Centro",
                new Identity(NAME, null, null)));
    diary = sources.add(site, new NewSource(null, "field_diary", "Diario", DIARY, "typed"));
  }

  @AfterEach
  void cleanUp() {
    threads.shutdownNow();
    fixtures.actAsNobody();
  }

  @Test
  void aDeidentificationWaitingOnAWithdrawalIsRefusedInsteadOfWritingTheNameBack()
      throws Exception {
    // The reviewer saw the proposals before the withdrawal, and unticked them all.
    Deidentification.Review review = deidentification.review(site, diary);
    CountDownLatch withdrawn = new CountDownLatch(1);
    CountDownLatch commit = new CountDownLatch(1);

    Future<?> withdrawal =
        inTransaction(
            () -> {
              withdrawals.withdraw(site, wenceslao.id());
              withdrawn.countDown();
              await(commit);
            });
    await(withdrawn);
    Future<?> deidentifying =
        inTransaction(() -> deidentification.apply(site, diary, List.of(), review.fingerprint()));
    waitUntilOneWaitsForALock();
    commit.countDown();
    withdrawal.get(30, TimeUnit.SECONDS);

    assertThatThrownBy(() -> deidentifying.get(30, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOfSatisfying(
            Conflict.class, e -> assertThat(e.code()).isEqualTo("source.deidentify.changed"));
    assertThat(rawText()).doesNotContain("Iturbide").contains("[retirado]");
    assertThat(cleanText()).doesNotContain("Iturbide");
  }

  @Test
  void aWithdrawalWaitingOnADeidentificationRedactsWhatItStored() throws Exception {
    Deidentification.Review review = deidentification.review(site, diary);
    CountDownLatch saved = new CountDownLatch(1);
    CountDownLatch commit = new CountDownLatch(1);

    // Every proposal unticked: the de-identified words name him.
    Future<?> deidentifying =
        inTransaction(
            () -> {
              deidentification.apply(site, diary, List.of(), review.fingerprint());
              saved.countDown();
              await(commit);
            });
    await(saved);
    Future<?> withdrawal = inTransaction(() -> withdrawals.withdraw(site, wenceslao.id()));
    waitUntilOneWaitsForALock();
    commit.countDown();
    deidentifying.get(30, TimeUnit.SECONDS);
    withdrawal.get(30, TimeUnit.SECONDS);

    assertThat(sources.get(site, diary).deidentified()).isTrue();
    assertThat(cleanText()).doesNotContain("Iturbide").contains("[retirado]");
    assertThat(rawText()).doesNotContain("Iturbide");
  }

  @Test
  void aGazetteerChangeWaitingOnAWithdrawalDoesNotRestoreTheEntryNamingThem() throws Exception {
    deidentification.addToGazetteer(site, "Iturbide Zárate", "PERSON");
    CountDownLatch withdrawn = new CountDownLatch(1);
    CountDownLatch commit = new CountDownLatch(1);

    Future<?> withdrawal =
        inTransaction(
            () -> {
              withdrawals.withdraw(site, wenceslao.id());
              withdrawn.countDown();
              await(commit);
            });
    await(withdrawn);
    Future<?> adding =
        inTransaction(() -> deidentification.addToGazetteer(site, "la Loma", "PLACE"));
    waitUntilOneWaitsForALock();
    commit.countDown();
    withdrawal.get(30, TimeUnit.SECONDS);
    adding.get(30, TimeUnit.SECONDS);

    assertThat(deidentification.gazetteer(site))
        .extracting(GazetteerEntry::term)
        .containsExactly("la Loma");
  }

  @Test
  void theProposalsPageRefusesDecisionsMadeBeforeTheSourceChangedInBothLanguages()
      throws Exception {
    MockHttpSession session = fixtures.signIn(mvc, coordinator);
    String path = "/manage/sites/" + site.key() + "/fieldwork/sources/" + diary + "/deidentify";
    String page =
        mvc.perform(get(path).session(session)).andReturn().getResponse().getContentAsString();
    Matcher reviewed = Pattern.compile("name=\"reviewed\" value=\"([0-9a-f]+)\"").matcher(page);
    assertThat(reviewed.find()).isTrue();

    fixtures.actAs(coordinator);
    withdrawals.withdraw(site, wenceslao.id());

    var spanish =
        mvc.perform(post(path).session(session).with(csrf()).param("reviewed", reviewed.group(1)))
            .andReturn()
            .getResponse();
    assertThat(spanish.getStatus()).isEqualTo(409);
    assertThat(spanish.getContentAsString()).contains("La fuente cambió");
    var english =
        mvc.perform(
                post(path)
                    .session(session)
                    .cookie(new Cookie("tejido-lang", "en"))
                    .with(csrf())
                    .param("reviewed", reviewed.group(1)))
            .andReturn()
            .getResponse();
    assertThat(english.getStatus()).isEqualTo(409);
    assertThat(english.getContentAsString()).contains("The source changed");
    // Without the fingerprint the form is not accepted either.
    assertThat(
            mvc.perform(post(path).session(session).with(csrf()))
                .andReturn()
                .getResponse()
                .getStatus())
        .isEqualTo(400);

    fixtures.actAs(coordinator);
    assertThat(sources.get(site, diary).deidentified()).isFalse();
  }

  /** Runs work as the coordinator, in a transaction of its own, on another thread. */
  private Future<?> inTransaction(Runnable work) {
    return threads.submit(
        () -> {
          fixtures.actAs(coordinator);
          try {
            tx.executeWithoutResult(status -> work.run());
          } finally {
            fixtures.actAsNobody();
          }
          return null;
        });
  }

  /** Waits (on the database's own report, not a guess at timing) for a blocked transaction. */
  private void waitUntilOneWaitsForALock() throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    while (jdbc.sql(
                "select count(*) from pg_stat_activity where wait_event_type = 'Lock'"
                    + " and datname = current_database()")
            .query(Integer.class)
            .single()
        == 0) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("No transaction ever waited for a lock");
      }
      Thread.onSpinWait();
      TimeUnit.MILLISECONDS.sleep(5);
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(30, TimeUnit.SECONDS)) {
        throw new AssertionError("The other transaction never got there");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private String rawText() {
    fixtures.actAs(coordinator);
    return sources.raw(site, diary).stream()
        .map(SourceTurn::text)
        .collect(Collectors.joining("\n"));
  }

  private String cleanText() {
    fixtures.actAs(coordinator);
    return sources.deidentified(site, diary).stream()
        .map(SourceTurn::text)
        .collect(Collectors.joining("\n"));
  }
}
