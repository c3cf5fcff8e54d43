package org.tejido.fieldwork;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tejido.audit.AuditEntry;
import org.tejido.audit.AuditLog;
import org.tejido.fieldwork.internal.PackedTurns;
import org.tejido.identity.SiteRole;
import org.tejido.shared.BadRequest;
import org.tejido.sites.Site;
import org.tejido.support.Fixtures;
import org.tejido.support.TejidoTest;
import org.tejido.vault.Vaults;

/** Storing a source turn by turn, reading it back, and de-identifying it. */
@TejidoTest
class SourcesAndDeidentificationTest {

  private static final String PASSPHRASE = "una frase de paso bastante larga";

  @Autowired Fixtures fixtures;
  @Autowired Vaults vaults;
  @Autowired Participants participants;
  @Autowired Activities activities;
  @Autowired Sources sources;
  @Autowired Deidentification deidentification;
  @Autowired AuditLog audit;
  @Autowired JdbcClient jdbc;

  @AfterEach
  void signOut() {
    fixtures.actAsNobody();
  }

  private record Setting(Site site, Participant juana, Participant ramon, Participant nameless) {}

  private Setting siteWithOpenVaultAndThreeParticipants() {
    Site site = fixtures.freshSite();
    fixtures.actAs(fixtures.withRole(site.key(), SiteRole.COORDINATOR));
    vaults.create(site, PASSPHRASE);
    vaults.unlock(site, PASSPHRASE);
    Participant juana =
        participants.register(
            site,
            new NewParticipant(
                "women",
                "woman",
                "30_44",
                "mestizo",
                null,
                new Identity("Juana Pérez", "la Güera", null)));
    Participant ramon =
        participants.register(
            site,
            new NewParticipant(
                "adult_men",
                "man",
                "45_59",
                "mestizo",
                null,
                new Identity("Ramón Díaz", null, null)));
    Participant nameless =
        participants.register(
            site, new NewParticipant("youth", "man", "18_29", "not_stated", null, null));
    return new Setting(site, juana, ramon, nameless);
  }

  private static String transcript(Setting s) {
    return "Facilitadora: ¿Cómo está la colonia?\n"
        + s.juana().code()
        + ": Pues Ramón Díaz dice que en la calle Morelos ya no hay luz.\n"
        + "Y se inunda.\n"
        + s.ramon().code()
        + ": Sí, la Güera tiene razón; mi cel es 443 123 4567.\n"
        + s.juana().code()
        + ": Nada más eso.\n"
        + "Facilitadora: Gracias.";
  }

  @Test
  void aSourceIsStoredTurnByTurnAndReadBackAsTyped() {
    Setting s = siteWithOpenVaultAndThreeParticipants();
    UUID activity =
        activities.create(
            s.site(),
            new NewActivity(
                "workshop", LocalDate.now(), "Taller de prueba", List.of("women"), null, null));

    UUID id =
        sources.add(
            s.site(), new NewSource(activity, "transcript", "Taller 1", transcript(s), "typed"));

    assertThat(sources.raw(s.site(), id))
        .extracting(
            SourceTurn::position, SourceTurn::speaker, SourceTurn::participantId, SourceTurn::text)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(1, "Facilitadora", null, "¿Cómo está la colonia?"),
            org.assertj.core.groups.Tuple.tuple(
                2,
                s.juana().code(),
                s.juana().id(),
                "Pues Ramón Díaz dice que en la calle Morelos ya no hay luz.\nY se inunda."),
            org.assertj.core.groups.Tuple.tuple(
                3,
                s.ramon().code(),
                s.ramon().id(),
                "Sí, la Güera tiene razón; mi cel es 443 123 4567."),
            org.assertj.core.groups.Tuple.tuple(
                4, s.juana().code(), s.juana().id(), "Nada más eso."),
            org.assertj.core.groups.Tuple.tuple(5, "Facilitadora", null, "Gracias."));
    SourceSummary summary = sources.get(s.site(), id);
    assertThat(summary.speakers()).containsExactly(s.juana().code(), s.ramon().code());
    assertThat(summary.turns()).isEqualTo(5);
    assertThat(summary.activityId()).isEqualTo(activity);
    assertThat(activities.get(s.site(), activity).participantCodes())
        .containsExactly(s.juana().code(), s.ramon().code());
    // One part per speaker, with its own data key: Juana, Ramón, and the facilitator (sealed to
    // the vault); each holds its speaker's turns.
    assertThat(
            jdbc.sql(
                    "select count(*) from source_part where source_id = ? and participant_id is null")
                .param(id)
                .query(Integer.class)
                .single())
        .isEqualTo(1);
    assertThat(
            jdbc.sql(
                    "select string_agg(coalesce(p.code, '-') || ':' || x.turns, ' ' order by"
                        + " p.code nulls last) from source_part x left join participant p"
                        + " on p.id = x.participant_id where x.source_id = ?")
                .param(id)
                .query(String.class)
                .single())
        .isEqualTo(s.juana().code() + ":2 " + s.ramon().code() + ":1 -:2");
  }

  @Test
  void acceptingEveryProposalDeidentifiesTheTurnsAndAuditsTheUseOfIdentities() {
    Setting s = siteWithOpenVaultAndThreeParticipants();
    deidentification.addToGazetteer(s.site(), "calle Morelos", "street");
    UUID id =
        sources.add(
            s.site(), new NewSource(null, "transcript", "Taller 2", transcript(s), "typed"));
    long before = latestSequence(s.site());

    deidentification.acceptAll(s.site(), id);

    String juana = Deidentification.participantToken(s.juana());
    String ramon = Deidentification.participantToken(s.ramon());
    assertThat(sources.deidentified(s.site(), id))
        .extracting(SourceTurn::speaker, SourceTurn::text)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("Facilitadora", "¿Cómo está la colonia?"),
            org.assertj.core.groups.Tuple.tuple(
                s.juana().code(),
                "Pues " + ramon + " dice que en la [CALLE-1] ya no hay luz.\nY se inunda."),
            org.assertj.core.groups.Tuple.tuple(
                s.ramon().code(), "Sí, " + juana + " tiene razón; mi cel es [TEL]."),
            org.assertj.core.groups.Tuple.tuple(s.juana().code(), "Nada más eso."),
            org.assertj.core.groups.Tuple.tuple("Facilitadora", "Gracias."));
    assertThat(sources.get(s.site(), id).deidentified()).isTrue();
    // propose() uses the identities (two here: the third participant has none) and says so once.
    List<AuditEntry> entries =
        audit.forSite(s.site().id().value(), AuditLog.MAX_PAGE, Long.MAX_VALUE).stream()
            .filter(e -> e.sequence() > before)
            .toList();
    assertThat(entries)
        .filteredOn(e -> e.action().equals("deidentification.identities.used"))
        .extracting(AuditEntry::detail)
        .containsOnly("2")
        .isNotEmpty();
    assertThat(entries).extracting(AuditEntry::action).doesNotContain("participant.identity.read");
    assertThat(entries).extracting(AuditEntry::action).contains("source.deidentified");
  }

  @Test
  void aSourceStoredBeforeV9IsReadAndDeidentifiedAsBefore() {
    Setting s = siteWithOpenVaultAndThreeParticipants();
    deidentification.addToGazetteer(s.site(), "calle Morelos", "street");
    UUID id =
        sources.add(
            s.site(), new NewSource(null, "transcript", "Taller 4", transcript(s), "typed"));
    List<SourceTurn> asStored = sources.raw(s.site(), id);
    LegacyParts.toFormat1(jdbc, sources, s.site(), id);

    assertThat(sources.raw(s.site(), id)).isEqualTo(asStored);
    deidentification.acceptAll(s.site(), id);

    String ramon = Deidentification.participantToken(s.ramon());
    assertThat(sources.deidentified(s.site(), id))
        .extracting(SourceTurn::id, SourceTurn::text)
        .hasSize(5)
        .contains(
            org.assertj.core.groups.Tuple.tuple(
                asStored.get(1).id(),
                "Pues " + ramon + " dice que en la [CALLE-1] ya no hay luz.\nY se inunda."));
    // Still in format 1: each de-identified turn encrypted on its own, packed by turn.
    List<byte[]> clean =
        jdbc.sql("select deidentified_turns from source_part where source_id = ? and format = 1")
            .param(id)
            .query(byte[].class)
            .list();
    assertThat(clean).hasSize(3);
    assertThat(clean.stream().mapToInt(b -> PackedTurns.unpack(b).size()).sum()).isEqualTo(5);
  }

  @Test
  void deidentifiedTurnsAreStoredOnlyWhenEveryTurnHasThem() {
    Setting s = siteWithOpenVaultAndThreeParticipants();
    UUID id =
        sources.add(
            s.site(), new NewSource(null, "transcript", "Taller 3", transcript(s), "typed"));
    SourceTurn first = sources.raw(s.site(), id).get(0);

    assertThatThrownBy(
            () ->
                sources.saveDeidentified(
                    s.site(), id, Map.of(first.id(), new Sources.CleanTurn("F", "texto"))))
        .isInstanceOf(BadRequest.class);
    assertThat(sources.get(s.site(), id).deidentified()).isFalse();
    assertThat(
            jdbc.sql(
                    "select count(*) from source_part where source_id = ?"
                        + " and deidentified_turns is not null")
                .param(id)
                .query(Integer.class)
                .single())
        .isZero();
  }

  private long latestSequence(Site site) {
    return audit.forSite(site.id().value(), 1, Long.MAX_VALUE).stream()
        .mapToLong(AuditEntry::sequence)
        .max()
        .orElse(0);
  }
}
