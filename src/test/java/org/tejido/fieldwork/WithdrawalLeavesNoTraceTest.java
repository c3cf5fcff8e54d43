package org.tejido.fieldwork;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tejido.audit.AuditEntry;
import org.tejido.audit.AuditLog;
import org.tejido.identity.SiteRole;
import org.tejido.shared.NotFound;
import org.tejido.sites.Site;
import org.tejido.support.Fixtures;
import org.tejido.support.Fixtures.Person;
import org.tejido.support.LogicalDump;
import org.tejido.support.TejidoTest;
import org.tejido.vault.Vaults;
import org.tejido.vault.internal.UnlockedVaults;

/**
 * A participant who withdraws leaves nothing behind that points to them or repeats them: no row
 * anywhere refers to them, the sources only they spoke in are gone, the others keep everyone else's
 * words, and neither a dump of the database nor the application's logs contain their name, alias,
 * contact or anything they said. Only the pseudonymous fact of the withdrawal stays, in the audit
 * log.
 *
 * <p>"A dump" is {@link LogicalDump}: every table copied out with {@code COPY (SELECT * FROM t) TO
 * STDOUT} through PgJDBC's {@code CopyManager}. It stands in for {@code pg_dump}, which is not
 * available here: the embedded PostgreSQL 17 from Maven Central (zonky) ships only {@code initdb},
 * {@code pg_ctl} and {@code postgres}. Rows left behind as dead tuples in the data files until
 * PostgreSQL vacuums them are outside what this test (or a logical dump) can see.
 */
@TejidoTest
@ExtendWith(OutputCaptureExtension.class)
class WithdrawalLeavesNoTraceTest {

  private static final String PASSPHRASE = "la frase larga de la coordinadora";

  // The one who withdraws. Fictional, and unique to this test.
  private static final String NAME = "Herminia Zavaleta Ocampo";
  private static final String ALIAS = "la Chata Zavaleta";
  private static final String CONTACT = "herminia.zavaleta@correo.example";
  private static final String ONLY_HERS_1 =
      "Mi hijo trabajaba en la empacadora de limón del ejido.";
  private static final String ONLY_HERS_2 =
      "Me pidieron que no dijera nada del retén de la salida.";
  private static final String SHARED_HERS =
      "Aquí todos me dicen la Chata Zavaleta. Yo vi cuando se llevaron al muchacho del puesto"
          + " de tacos.";

  // Everyone else in the shared transcript.
  private static final String QUESTION = "¿Qué cambió en la colonia desde el año pasado?";
  private static final String OTHERS =
      "En la secundaria técnica ya no hay clases en la tarde; mi número es 443 555 0123.";
  private static final String THANKS = "Gracias a las dos por venir al taller de hoy.";

  @Autowired Fixtures fixtures;
  @Autowired Vaults vaults;
  @Autowired Participants participants;
  @Autowired Withdrawals withdrawals;
  @Autowired Activities activities;
  @Autowired Sources sources;
  @Autowired Deidentification deidentification;
  @Autowired AuditLog audit;
  @Autowired JdbcClient jdbc;
  @Autowired UnlockedVaults unlocked;
  @Autowired DataSource dataSource;

  @AfterEach
  void signOut() {
    fixtures.actAsNobody();
  }

  @Test
  void aWithdrawnParticipantLeavesNoTraceButTheirCodeInTheAuditLog(CapturedOutput output) {
    Site site = fixtures.freshSite();
    Person coordinator = fixtures.withRole(site.key(), SiteRole.COORDINATOR);
    fixtures.actAs(coordinator);
    vaults.create(site, PASSPHRASE);
    vaults.unlock(site, PASSPHRASE);

    Participant herminia =
        participants.register(
            site,
            new NewParticipant(
                "women",
                "woman",
                "45_59",
                "mestizo",
                "Colonia Centro",
                new Identity(NAME, ALIAS, CONTACT)));
    Participant rufina =
        participants.register(
            site,
            new NewParticipant(
                "women",
                "woman",
                "30_44",
                "not_stated",
                "Colonia Centro",
                new Identity("Rufina Salgado", null, null)));
    UUID workshop =
        activities.create(
            site,
            new NewActivity(
                "workshop",
                LocalDate.of(2017, 3, 11),
                "Taller de mapeo",
                List.of("women"),
                List.of(coordinator.id().value()),
                List.of(herminia.id(), rufina.id())));
    UUID onlyHers =
        sources.add(
            site,
            new NewSource(
                workshop,
                "transcript",
                "Entrevista 1",
                herminia.code() + ": " + ONLY_HERS_1 + "\n" + herminia.code() + ": " + ONLY_HERS_2,
                "typed"));
    UUID shared =
        sources.add(
            site,
            new NewSource(
                workshop,
                "transcript",
                "Taller de mapeo (fragmento)",
                "Facilitadora: "
                    + QUESTION
                    + "\n"
                    + herminia.code()
                    + ": "
                    + SHARED_HERS
                    + "\n"
                    + rufina.code()
                    + ": "
                    + OTHERS
                    + "\nFacilitadora: "
                    + THANKS,
                "typed"));
    Consent consent =
        new Consent(null, LocalDate.of(2017, 3, 11), "verbal", true, true, false, "v1-2017");
    participants.recordConsent(site, herminia.id(), consent);
    participants.recordConsent(site, rufina.id(), consent);
    deidentification.acceptAll(site, shared);

    List<SourceTurn> rawBefore = sources.raw(site, shared);
    List<SourceTurn> cleanBefore = sources.deidentified(site, shared);
    assertThat(rawBefore).extracting(SourceTurn::text).contains(SHARED_HERS, OTHERS);
    assertThat(cleanBefore).hasSize(4);
    assertThat(cleanBefore.get(1).text()).contains("[P-").doesNotContain(ALIAS);
    assertThat(cleanBefore.get(2).text()).doesNotContain("443 555 0123");
    // The search for references finds them where they are.
    assertThat(referencesTo(herminia.id()))
        .contains(
            "participant.id",
            "participant_key.participant_id",
            "participant_identity.participant_id",
            "consent.participant_id",
            "activity_participant.participant_id",
            "source_part.participant_id");

    // Reading her turns opened her private key in the vault's memory.
    assertThat(subjectKeysInMemory(site)).contains("participant_key:" + herminia.id());

    withdrawals.withdraw(site, herminia.id());

    // Gone from memory as well, while the vault stays open for the others.
    assertThat(subjectKeysInMemory(site))
        .doesNotContain("participant_key:" + herminia.id())
        .contains("participant_key:" + rufina.id());

    // No row anywhere refers to her.
    assertThat(referencesTo(herminia.id())).isEmpty();
    assertThat(referencesTo(rufina.id())).contains("participant.id", "source_part.participant_id");
    assertThatThrownBy(() -> participants.get(site, herminia.id())).isInstanceOf(NotFound.class);

    // The source only she spoke in is gone, entirely.
    assertThatThrownBy(() -> sources.get(site, onlyHers)).isInstanceOf(NotFound.class);
    assertThat(count("select count(*) from source_part where source_id = ?", onlyHers)).isZero();

    // The shared one keeps everyone else's words, raw and de-identified, and they still open.
    SourceSummary after = sources.get(site, shared);
    assertThat(after.speakers()).containsExactly(rufina.code());
    assertThat(after.turns()).isEqualTo(3);
    assertThat(after.deidentified()).isTrue();
    assertThat(sources.raw(site, shared))
        .usingRecursiveFieldByFieldElementComparator()
        .containsExactly(rawBefore.get(0), rawBefore.get(2), rawBefore.get(3));
    assertThat(sources.deidentified(site, shared))
        .usingRecursiveFieldByFieldElementComparator()
        .containsExactly(cleanBefore.get(0), cleanBefore.get(2), cleanBefore.get(3));
    assertThat(participants.identity(site, rufina.id()).orElseThrow().name())
        .isEqualTo("Rufina Salgado");
    assertThat(activities.get(site, workshop).participantCodes()).containsExactly(rufina.code());
    assertThat(participants.consents(site, rufina.id())).hasSize(1);

    // The audit log keeps the fact, under her code only.
    List<AuditEntry> log = audit.forSite(site.id().value(), AuditLog.MAX_PAGE, Long.MAX_VALUE);
    assertThat(log)
        .filteredOn(e -> e.action().equals("participant.withdrawn"))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.subject()).isEqualTo(herminia.code());
              assertThat(e.actorId()).isEqualTo(coordinator.id().value());
            });

    List<String> traces = new ArrayList<>(traces());
    traces.add(herminia.id().toString());
    for (AuditEntry e : log) {
      assertThat(traces).noneMatch(t -> (e.subject() + " " + e.detail()).contains(t));
    }

    // A dump of the database holds none of it; what remains of the others is still in it.
    LogicalDump dump = LogicalDump.of(dataSource);
    assertThat(dump.where(rufina.id().toString())).contains("public.participant");
    assertThat(dump.where(shared.toString())).contains("public.source");
    Map<String, List<String>> found = dump.findAll(traces);
    assertThat(found).as("traces of the withdrawn participant in the dump").isEmpty();

    // Nor do the logs.
    assertThat(traces).noneMatch(t -> output.getAll().contains(t));
  }

  @Test
  void onlyTheCoordinatorMayWithdrawSomeone() {
    Site site = fixtures.freshSite();
    fixtures.actAs(fixtures.withRole(site.key(), SiteRole.COORDINATOR));
    vaults.create(site, PASSPHRASE);
    Participant p =
        participants.register(
            site,
            new NewParticipant(
                "youth", "man", "18_29", "not_stated", null, new Identity(null, "el Flaco", null)));

    for (SiteRole role : List.of(SiteRole.RESEARCHER, SiteRole.COMMUNITY_RESEARCHER)) {
      fixtures.actAs(fixtures.withRole(site.key(), role));
      assertThatThrownBy(() -> withdrawals.withdraw(site, p.id()))
          .isInstanceOf(org.tejido.shared.Forbidden.class);
    }
    assertThat(count("select count(*) from participant where id = ?", p.id())).isOne();
  }

  /** Name, alias, contact and what she said: whole, and in distinctive parts. */
  private static List<String> traces() {
    return List.of(
        NAME,
        "Herminia",
        "Zavaleta",
        ALIAS,
        "la Chata",
        CONTACT,
        "herminia.zavaleta",
        ONLY_HERS_1,
        "empacadora de limón",
        ONLY_HERS_2,
        "no dijera nada del retén",
        SHARED_HERS,
        "muchacho del puesto de tacos");
  }

  /** Every {@code table.column} of type uuid (or uuid[]) in the public schema that holds the id. */
  private TreeSet<String> referencesTo(UUID id) {
    record Column(String table, String column, boolean array) {}
    List<Column> columns =
        jdbc.sql(
                "select c.table_name, c.column_name, c.udt_name = '_uuid' from"
                    + " information_schema.columns c join information_schema.tables t"
                    + " on t.table_schema = c.table_schema and t.table_name = c.table_name"
                    + " where c.table_schema = 'public' and t.table_type = 'BASE TABLE'"
                    + " and c.udt_name in ('uuid', '_uuid')")
            .query((rs, i) -> new Column(rs.getString(1), rs.getString(2), rs.getBoolean(3)))
            .list();
    assertThat(columns).hasSizeGreaterThan(20);
    TreeSet<String> found = new TreeSet<>();
    for (Column c : columns) {
      String table = "public.\"" + c.table().replace("\"", "\"\"") + "\"";
      String column = "\"" + c.column().replace("\"", "\"\"") + "\"";
      String where = c.array() ? "? = any(" + column + ")" : column + " = ?";
      if (count("select count(*) from " + table + " where " + where, id) > 0) {
        found.add(c.table() + "." + c.column());
      }
    }
    return found;
  }

  private List<String> subjectKeysInMemory(Site site) {
    return unlocked.peek(site.id().value()).orElseThrow().subjects().keySet().stream()
        .map(UnlockedVaults.SubjectKey::context)
        .toList();
  }

  private long count(String sql, UUID id) {
    return jdbc.sql(sql).param(id).query(Long.class).single();
  }
}
