package org.tejido.fieldwork;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tejido.audit.AuditEntry;
import org.tejido.audit.AuditLog;
import org.tejido.crypto.SiteEncryption;
import org.tejido.identity.SiteRole;
import org.tejido.identity.UserAccounts;
import org.tejido.shared.BadRequest;
import org.tejido.shared.NotFound;
import org.tejido.sites.Site;
import org.tejido.support.Fixtures;
import org.tejido.support.Fixtures.Person;
import org.tejido.support.TejidoTest;
import org.tejido.vault.Vaults;

/**
 * The field diary's rules: the day an entry is about, a draft only its author can read, kept sealed
 * and for a bounded time, and her own entries, which she reads and corrects for 24 hours.
 */
@TejidoTest
class FieldDiaryTest {

  private static final String PASSPHRASE = "una frase secreta bastante larga";
  private static final String DIARY =
      "Hoy caminamos por la colonia.\n\nEn la esquina de la escuela no hay luz.\nVolvimos a las seis.";

  @Autowired Fixtures fixtures;
  @Autowired Vaults vaults;
  @Autowired Sources sources;
  @Autowired FieldDiary diary;
  @Autowired Deidentification deidentification;
  @Autowired AuditLog audit;
  @Autowired JdbcClient jdbc;
  @Autowired UserAccounts accounts;
  @Autowired Participants participants;
  @Autowired Withdrawals withdrawals;

  @AfterEach
  void nobody() {
    fixtures.actAsNobody();
  }

  private record Team(Site site, Person coordinator, Person community) {}

  private Team siteWithVault() {
    Site site = fixtures.freshSite();
    Person coordinator = fixtures.withRole(site.key(), SiteRole.COORDINATOR);
    Person community = fixtures.withRole(site.key(), SiteRole.COMMUNITY_RESEARCHER);
    fixtures.actAs(coordinator);
    vaults.create(site, PASSPHRASE);
    fixtures.actAsNobody();
    return new Team(site, coordinator, community);
  }

  private UUID entry(Team t, String text) {
    fixtures.actAs(t.community());
    return diary.add(
        t.site(),
        new NewSource(null, "field_diary", "Recorrido", text, "typed"),
        diary.today().toString());
  }

  // ---- the day ----

  @Test
  void anEntryIsAboutTheDayGivenAndNotADayInTheFutureOrYearsAgo() {
    Team t = siteWithVault();
    fixtures.actAs(t.community());
    LocalDate yesterday = diary.today().minusDays(1);
    UUID id =
        diary.add(
            t.site(),
            new NewSource(null, "field_diary", "Sábado", "Notas del sábado.", "typed"),
            yesterday.toString());
    assertThat(diary.dayOf(t.site(), id)).contains(yesterday);

    for (var wrong :
        List.of(
            List.of(diary.today().plusDays(1).toString(), "validation.diary.day.future"),
            List.of(diary.today().minusYears(3).toString(), "validation.diary.day.too-old"),
            List.of("31/02/2026", "validation.date.invalid"),
            List.of("", "validation.required"))) {
      assertThatThrownBy(
              () ->
                  diary.add(
                      t.site(),
                      new NewSource(null, "field_diary", "", "Notas.", "typed"),
                      wrong.get(0)))
          .isInstanceOfSatisfying(
              BadRequest.class,
              e -> {
                assertThat(e.fieldErrors()).containsEntry("day", wrong.get(1));
                // The other fields' errors come with it, in one answer.
                assertThat(e.fieldErrors()).containsEntry("title", "validation.required");
              });
    }
    assertThat(diary.mine(t.site())).extracting(FieldDiary.OwnEntry::id).containsExactly(id);
  }

  // ---- line breaks ----

  @Test
  void theLineBreaksOfADiaryAreKeptInTheRawAndTheAnonymisedText() {
    Team t = siteWithVault();
    UUID id = entry(t, DIARY);
    assertThat(diary.own(t.site(), id).text()).isEqualTo(DIARY);

    fixtures.actAs(t.coordinator());
    vaults.unlock(t.site(), PASSPHRASE);
    assertThat(sources.raw(t.site(), id)).extracting(SourceTurn::text).containsExactly(DIARY);
    deidentification.acceptAll(t.site(), id);
    assertThat(sources.deidentified(t.site(), id))
        .extracting(SourceTurn::text)
        .containsExactly(DIARY);
  }

  // ---- drafts ----

  @Test
  void aDraftIsRestoredOnlyToItsAuthorAtItsSiteAndIsStoredSealed() {
    Team t = siteWithVault();
    fixtures.actAs(t.community());
    diary.saveDraft(t.site(), "Recorrido", "2026-05-03", "Don Ramiro dice que\nya nadie cuida.");

    assertThat(diary.draft(t.site()))
        .hasValueSatisfying(
            d -> {
              assertThat(d.title()).isEqualTo("Recorrido");
              assertThat(d.day()).isEqualTo("2026-05-03");
              assertThat(d.text()).isEqualTo("Don Ramiro dice que\nya nadie cuida.");
            });
    byte[] stored =
        jdbc.sql("select sealed from diary_draft where site_id = ?")
            .param(t.site().id().value())
            .query(byte[].class)
            .single();
    assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("Ramiro");

    // Her coordinator reads no draft of hers, and saving one of her own leaves hers alone.
    fixtures.actAs(t.coordinator());
    assertThat(diary.draft(t.site())).isEmpty();
    diary.saveDraft(t.site(), "Otra", "", "Lo de la coordinadora.");
    fixtures.actAs(t.community());
    assertThat(diary.draft(t.site())).map(FieldDiary.Draft::title).contains("Recorrido");

    // At another site where she also works, she has no draft.
    Site other = fixtures.freshSite();
    accounts.assign(t.community().id(), other.id(), SiteRole.COMMUNITY_RESEARCHER);
    fixtures.actAs(t.community());
    assertThat(diary.draft(other)).isEmpty();
  }

  @Test
  void aDraftMovedToAnotherAuthorDoesNotOpen() {
    Team t = siteWithVault();
    fixtures.actAs(t.community());
    diary.saveDraft(t.site(), "Recorrido", "", "Lo que vi.");
    fixtures.actAs(t.coordinator());
    diary.saveDraft(t.site(), "Mío", "", "Lo mío.");
    // Someone with the database copies her sealed draft over the coordinator's.
    jdbc.sql(
            "update diary_draft set sealed = (select sealed from diary_draft where author_id = ?)"
                + " where author_id = ?")
        .params(t.community().id().value(), t.coordinator().id().value())
        .update();
    assertThatThrownBy(() -> diary.draft(t.site())).isInstanceOf(SiteEncryption.TamperedData.class);
  }

  @Test
  void savingTheEntryOrDiscardingDeletesTheDraftAndOldDraftsArePurged() {
    Team t = siteWithVault();
    fixtures.actAs(t.community());
    diary.saveDraft(t.site(), "Recorrido", "", "Lo que vi.");
    entry(t, "Lo que vi.");
    assertThat(diary.draft(t.site())).isEmpty();

    diary.saveDraft(t.site(), "Recorrido", "", "Otra vez.");
    diary.discardDraft(t.site());
    assertThat(diary.draft(t.site())).isEmpty();
    assertThat(audit.forSite(t.site().id().value(), 5, Long.MAX_VALUE))
        .extracting(AuditEntry::action)
        .contains("diary.draft.discarded");

    Instant saved = diary.saveDraft(t.site(), "Recorrido", "", "Y otra.");
    // Drafts of other people and tests may be purged too: what matters is hers.
    diary.purge(saved.plus(Duration.ofDays(6)));
    assertThat(diary.draft(t.site())).isPresent();
    diary.purge(saved.plus(FieldDiary.DRAFT_LIFETIME).plusSeconds(1));
    assertThat(
            jdbc.sql("select count(*) from diary_draft where author_id = ?")
                .param(t.community().id().value())
                .query(Long.class)
                .single())
        .isZero();
  }

  @Test
  void aDraftLeftMoreThanAWeekIsNotRestoredEvenBeforeThePurge() {
    Team t = siteWithVault();
    fixtures.actAs(t.community());
    diary.saveDraft(t.site(), "Recorrido", "", "Lo que vi.");
    jdbc.sql("update diary_draft set saved_at = now() - interval '8 days' where author_id = ?")
        .param(t.community().id().value())
        .update();
    assertThat(diary.draft(t.site())).isEmpty();
  }

  // ---- her own entries ----

  @Test
  void sheReadsAndCorrectsHerOwnEntryForADayAuditedWithoutTheWords() {
    Team t = siteWithVault();
    UUID id = entry(t, "Hoy fuimos al mercado.");
    fixtures.actAs(t.community());
    assertThat(diary.mine(t.site()))
        .singleElement()
        .satisfies(e -> assertThat(e.correctable()).isTrue());

    diary.correct(
        t.site(), id, "Recorrido corregido", diary.today().toString(), "Hoy fuimos al tianguis.");

    assertThat(diary.own(t.site(), id).text()).isEqualTo("Hoy fuimos al tianguis.");
    assertThat(sources.get(t.site(), id).title()).isEqualTo("Recorrido corregido");
    List<AuditEntry> log = audit.forSite(t.site().id().value(), 10, Long.MAX_VALUE);
    assertThat(log)
        .filteredOn(e -> e.action().equals("source.corrected"))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.subject()).isEqualTo(id.toString());
              assertThat(e.actorId()).isEqualTo(t.community().id().value());
            });
    assertThat(log)
        .allSatisfy(
            e ->
                assertThat(String.valueOf(e.subject()) + e.detail())
                    .doesNotContain("tianguis", "mercado"));

    fixtures.actAs(t.coordinator());
    vaults.unlock(t.site(), PASSPHRASE);
    assertThat(sources.raw(t.site(), id))
        .extracting(SourceTurn::text)
        .containsExactly("Hoy fuimos al tianguis.");
  }

  @Test
  void after24HoursNoCorrectionIsPossibleAndHerCopyIsPurged() {
    Team t = siteWithVault();
    UUID id = entry(t, "Hoy fuimos al mercado.");
    jdbc.sql(
            "update source_author_copy set open_until = now() - interval '1 minute'"
                + " where source_id = ?")
        .param(id)
        .update();
    fixtures.actAs(t.community());
    assertThatThrownBy(() -> diary.own(t.site(), id))
        .isInstanceOfSatisfying(
            NotFound.class, e -> assertThat(e.code()).isEqualTo("diary.entry.closed"));
    assertThatThrownBy(
            () -> diary.correct(t.site(), id, "X", diary.today().toString(), "Otra cosa."))
        .isInstanceOf(NotFound.class);
    assertThat(diary.mine(t.site()))
        .singleElement()
        .satisfies(e -> assertThat(e.correctable()).isFalse());

    assertThat(diary.purge(Instant.now()).authorCopies()).isPositive();
    assertThat(
            jdbc.sql("select count(*) from source_author_copy where source_id = ?")
                .param(id)
                .query(Long.class)
                .single())
        .isZero();
  }

  @Test
  void nobodyElseReadsOrCorrectsHerEntryNotEvenHerCoordinatorNorFromAnotherSite() {
    Team t = siteWithVault();
    UUID id = entry(t, "Hoy fuimos al mercado.");

    fixtures.actAs(t.coordinator());
    assertThatThrownBy(() -> diary.own(t.site(), id)).isInstanceOf(NotFound.class);
    assertThatThrownBy(
            () -> diary.correct(t.site(), id, "X", diary.today().toString(), "Otra cosa."))
        .isInstanceOf(NotFound.class);
    assertThat(diary.mine(t.site())).isEmpty();

    Site other = fixtures.freshSite();
    accounts.assign(t.community().id(), other.id(), SiteRole.COMMUNITY_RESEARCHER);
    fixtures.actAs(t.community());
    assertThatThrownBy(() -> diary.own(other, id)).isInstanceOf(NotFound.class);
    assertThatThrownBy(() -> diary.correct(other, id, "X", diary.today().toString(), "Otra."))
        .isInstanceOf(NotFound.class);
    assertThat(diary.own(t.site(), id).text()).isEqualTo("Hoy fuimos al mercado.");
  }

  @Test
  void correctingAnAnonymisedEntryFlagsItForAnotherReview() {
    Team t = siteWithVault();
    UUID id = entry(t, "Hoy fuimos al mercado.");
    fixtures.actAs(t.coordinator());
    vaults.unlock(t.site(), PASSPHRASE);
    deidentification.acceptAll(t.site(), id);
    assertThat(sources.get(t.site(), id).deidentified()).isTrue();

    fixtures.actAs(t.community());
    diary.correct(
        t.site(), id, "Recorrido", diary.today().toString(), "Hoy fuimos con Juana Martínez.");

    SourceSummary summary = sources.get(t.site(), id);
    assertThat(summary.needsReview()).isTrue();
    assertThat(summary.deidentified()).isFalse();
    // The analysed text made from the former words is gone: nobody reads it as if it were these.
    assertThat(sources.deidentified(t.site(), id)).isEmpty();
    assertThat(audit.forSite(t.site().id().value(), 10, Long.MAX_VALUE))
        .extracting(AuditEntry::action)
        .contains("source.review-needed", "source.corrected");
  }

  @Test
  void aWithdrawalClosesTheWindowSoNoCorrectionPutsTheRedactedNameBack() {
    Team t = siteWithVault();
    fixtures.actAs(t.coordinator());
    vaults.unlock(t.site(), PASSPHRASE);
    Participant zoe =
        participants.register(
            t.site(),
            new NewParticipant(
                "women",
                "woman",
                "30_44",
                "mestizo",
                null,
                new Identity("Zoé Quintanar", null, null)));
    UUID id = entry(t, "Hoy vi a Zoé Quintanar en la plaza.");

    fixtures.actAs(t.coordinator());
    withdrawals.withdraw(t.site(), zoe.id());

    fixtures.actAs(t.community());
    assertThatThrownBy(() -> diary.own(t.site(), id)).isInstanceOf(NotFound.class);
    assertThatThrownBy(
            () ->
                diary.correct(
                    t.site(), id, "Recorrido", diary.today().toString(), "Hoy vi a Zoé Quintanar."))
        .isInstanceOf(NotFound.class);
    assertThat(
            jdbc.sql("select count(*) from source_author_copy where source_id = ?")
                .param(id)
                .query(Long.class)
                .single())
        .isZero();
  }
}
