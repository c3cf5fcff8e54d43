package org.tejido.fieldwork;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tejido.audit.AuditEntry;
import org.tejido.audit.AuditLog;
import org.tejido.fieldwork.internal.PackedTurns;
import org.tejido.identity.SiteRole;
import org.tejido.shared.Conflict;
import org.tejido.shared.Forbidden;
import org.tejido.sites.Site;
import org.tejido.support.Fixtures;
import org.tejido.support.Fixtures.Person;
import org.tejido.support.LogicalDump;
import org.tejido.support.TejidoTest;
import org.tejido.vault.Vaults;

/**
 * Who can add and who can read a participant's identity and words: community researchers record
 * them in the field without any secret and can never read them back; researchers and coordinators
 * read them only while a coordinator has the vault unlocked, and every read is audited under the
 * participant's code.
 */
@TejidoTest
class ParticipantProtectionTest {

  private static final String PASSPHRASE = "la frase larga de la coordinadora";

  @Autowired Fixtures fixtures;
  @Autowired Vaults vaults;
  @Autowired Participants participants;
  @Autowired Sources sources;
  @Autowired AuditLog audit;
  @Autowired JdbcClient jdbc;
  @Autowired DataSource dataSource;

  @AfterEach
  void signOut() {
    fixtures.actAsNobody();
  }

  private record Team(Site site, Person coordinator, Person researcher, Person community) {}

  /** A fresh site with its vault created (and left locked) and a member of each reading role. */
  private Team team() {
    Site site = fixtures.freshSite();
    Team team =
        new Team(
            site,
            fixtures.withRole(site.key(), SiteRole.COORDINATOR),
            fixtures.withRole(site.key(), SiteRole.RESEARCHER),
            fixtures.withRole(site.key(), SiteRole.COMMUNITY_RESEARCHER));
    fixtures.actAs(team.coordinator());
    vaults.create(site, PASSPHRASE);
    fixtures.actAsNobody();
    return team;
  }

  private static NewParticipant woman(String name, String alias, String contact) {
    return new NewParticipant(
        "women", "woman", "30_44", "mestizo", "Colonia Centro", new Identity(name, alias, contact));
  }

  @Test
  void aCommunityResearcherRecordsIdentityAndWordsWithoutTheVaultAndCannotReadThemBack() {
    Team t = team();
    fixtures.actAs(t.community());

    Participant p =
        participants.register(
            t.site(), woman("Ofelia Candelaria Muñiz", "la Ofe", "ofelia.muniz@correo.example"));
    UUID source =
        sources.add(
            t.site(),
            new NewSource(
                null,
                "transcript",
                "Entrevista en la tiendita",
                "Facilitadora: ¿Desde cuándo vive aquí?\n"
                    + p.code()
                    + ": Desde que cerraron la fábrica de hielo, ya van doce años.",
                "typed"));

    assertThat(vaults.status(t.site()).unlocked()).isFalse();
    assertThat(p.code()).matches("[A-Z]{2,5}-[0-9]{3,4}");
    assertThat(sources.get(t.site(), source).speakers()).containsExactly(p.code());
    // Locked: nobody reads; the community researcher is refused for their role before that.
    assertThatThrownBy(() -> participants.identity(t.site(), p.id())).isInstanceOf(Forbidden.class);
    assertThatThrownBy(() -> sources.raw(t.site(), source)).isInstanceOf(Forbidden.class);
    fixtures.actAs(t.researcher());
    assertThatThrownBy(() -> participants.identity(t.site(), p.id()))
        .isInstanceOfSatisfying(
            Conflict.class, e -> assertThat(e.code()).isEqualTo("vault.locked"));
    assertThatThrownBy(() -> sources.raw(t.site(), source)).isInstanceOf(Conflict.class);

    // Unlocked by the coordinator: still not for the community researcher.
    fixtures.actAs(t.coordinator());
    vaults.unlock(t.site(), PASSPHRASE);
    fixtures.actAs(t.community());
    assertThatThrownBy(() -> participants.identity(t.site(), p.id())).isInstanceOf(Forbidden.class);
    assertThatThrownBy(() -> sources.raw(t.site(), source)).isInstanceOf(Forbidden.class);
    assertThat(sources.deidentified(t.site(), source)).isEmpty();
    assertThat(reads(t.site())).isEmpty();

    // A researcher reads them, and the reads are audited.
    fixtures.actAs(t.researcher());
    assertThat(participants.identity(t.site(), p.id()))
        .contains(new Identity("Ofelia Candelaria Muñiz", "la Ofe", "ofelia.muniz@correo.example"));
    List<SourceTurn> turns = sources.raw(t.site(), source);
    assertThat(turns)
        .extracting(SourceTurn::speaker, SourceTurn::participantId, SourceTurn::text)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("Facilitadora", null, "¿Desde cuándo vive aquí?"),
            org.assertj.core.groups.Tuple.tuple(
                p.code(), p.id(), "Desde que cerraron la fábrica de hielo, ya van doce años."));
  }

  @Test
  void everyReadIsAuditedUnderTheParticipantsCodeAndNeverTheirName() {
    Team t = team();
    fixtures.actAs(t.community());
    Participant p =
        participants.register(t.site(), woman("Ofelia Candelaria Muñiz", "la Ofe", "443 555 0199"));
    UUID source =
        sources.add(
            t.site(),
            new NewSource(
                null,
                "transcript",
                "Entrevista",
                p.code() + ": Me dicen la Ofe; Ofelia Candelaria Muñiz es mi nombre completo.",
                "typed"));
    fixtures.actAs(t.coordinator());
    vaults.unlock(t.site(), PASSPHRASE);

    fixtures.actAs(t.researcher());
    participants.identity(t.site(), p.id());
    sources.raw(t.site(), source);

    List<AuditEntry> reads = reads(t.site());
    assertThat(reads)
        .extracting(AuditEntry::action, AuditEntry::subject, AuditEntry::actorId)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "source.raw.read", source.toString(), t.researcher().id().value()),
            org.assertj.core.groups.Tuple.tuple(
                "participant.identity.read", p.code(), t.researcher().id().value()));
    for (AuditEntry e : audit.forSite(t.site().id().value(), AuditLog.MAX_PAGE, Long.MAX_VALUE)) {
      String line = e.subject() + " " + e.detail();
      assertThat(line)
          .doesNotContain("Ofelia")
          .doesNotContain("Muñiz")
          .doesNotContain("la Ofe")
          .doesNotContain("0199");
    }
  }

  @Test
  void anIdentityCopiedIntoAnotherParticipantsRowDoesNotOpen() {
    Team t = team();
    fixtures.actAs(t.researcher());
    Participant ana = participants.register(t.site(), woman("Ana Lilia Bermúdez", "Lili", null));
    Participant bea =
        participants.register(t.site(), woman("Beatriz Ocampo", null, "55 5555 0100"));
    fixtures.actAs(t.coordinator());
    vaults.unlock(t.site(), PASSPHRASE);
    fixtures.actAs(t.researcher());
    assertThat(participants.identity(t.site(), bea.id()).orElseThrow().name())
        .isEqualTo("Beatriz Ocampo");

    // An insider moves Ana's sealed identity into Beatriz's row.
    jdbc.sql(
            "update participant_identity set sealed = (select sealed from participant_identity"
                + " where participant_id = ?) where participant_id = ?")
        .params(ana.id(), bea.id())
        .update();

    assertThatThrownBy(() -> participants.identity(t.site(), bea.id()))
        .isInstanceOf(Vaults.VaultTampered.class);
    assertThat(participants.identity(t.site(), ana.id()).orElseThrow().name())
        .isEqualTo("Ana Lilia Bermúdez");

    // Moving Ana's identity key along with it does not help: the key is bound to Ana's row too.
    jdbc.sql(
            "update participant_identity set sealed_key = (select sealed_key from"
                + " participant_identity where participant_id = ?) where participant_id = ?")
        .params(ana.id(), bea.id())
        .update();

    assertThatThrownBy(() -> participants.identity(t.site(), bea.id()))
        .isInstanceOf(Vaults.VaultTampered.class);
    assertThat(reads(t.site()))
        .as("only the read that succeeded is recorded as a read of Beatriz's identity")
        .filteredOn(e -> e.subject().equals(bea.code()))
        .hasSize(1);
  }

  @Test
  void alteredOrMovedPartsDoNotOpen() {
    Team t = team();
    fixtures.actAs(t.researcher());
    Participant p = participants.register(t.site(), woman(null, "la Güera", null));
    String words = p.code() + ": Primera cosa que dije.\n" + p.code() + ": Segunda cosa que dije.";
    UUID source =
        sources.add(t.site(), new NewSource(null, "transcript", "Taller", words, "typed"));
    UUID other =
        sources.add(t.site(), new NewSource(null, "transcript", "Otro taller", words, "typed"));
    fixtures.actAs(t.coordinator());
    vaults.unlock(t.site(), PASSPHRASE);
    assertThat(sources.raw(t.site(), source)).hasSize(2);

    // One bit of the part's ciphertext changed.
    byte[] raw = rawTurns(source);
    raw[raw.length / 2] ^= 1;
    jdbc.sql("update source_part set raw_turns = ? where source_id = ?")
        .params(raw, source)
        .update();
    assertThatThrownBy(() -> sources.raw(t.site(), source))
        .isInstanceOf(Vaults.VaultTampered.class);

    // A whole part (its sealed key and turns) moved to another source of the same speaker.
    jdbc.sql(
            "update source_part set raw_turns = x.raw_turns, sealed_key = x.sealed_key from"
                + " (select raw_turns, sealed_key from source_part where source_id = ?) x"
                + " where source_id = ?")
        .params(other, source)
        .update();
    assertThatThrownBy(() -> sources.raw(t.site(), source))
        .isInstanceOf(Vaults.VaultTampered.class);
    assertThat(sources.raw(t.site(), other)).hasSize(2);
  }

  @Test
  void inPartsStoredBeforeV9TurnsSwappedBetweenTurnsDoNotOpen() {
    Team t = team();
    fixtures.actAs(t.researcher());
    Participant p = participants.register(t.site(), woman(null, "la Güera", null));
    String words = p.code() + ": Primera cosa que dije.\n" + p.code() + ": Segunda cosa que dije.";
    UUID source =
        sources.add(t.site(), new NewSource(null, "transcript", "Taller", words, "typed"));
    fixtures.actAs(t.coordinator());
    vaults.unlock(t.site(), PASSPHRASE);
    LegacyParts.toFormat1(jdbc, sources, t.site(), source);
    assertThat(sources.raw(t.site(), source))
        .extracting(SourceTurn::text)
        .containsExactly("Primera cosa que dije.", "Segunda cosa que dije.");

    // Same key, same part: only the words of the second turn change, to those of the first.
    List<PackedTurns.Entry> turns = PackedTurns.unpack(rawTurns(source));
    PackedTurns.Entry second = turns.get(1);
    jdbc.sql("update source_part set raw_turns = ? where source_id = ?")
        .params(
            PackedTurns.pack(
                List.of(
                    turns.get(0),
                    new PackedTurns.Entry(second.id(), second.position(), turns.get(0).bytes()))),
            source)
        .update();
    assertThatThrownBy(() -> sources.raw(t.site(), source))
        .isInstanceOf(Vaults.VaultTampered.class);
  }

  private byte[] rawTurns(UUID source) {
    return jdbc.sql("select raw_turns from source_part where source_id = ?")
        .param(source)
        .query(byte[].class)
        .single();
  }

  @Test
  void whatACommunityResearcherRecordedIsUnreadableInADumpOfTheDatabase() {
    Team t = team();
    fixtures.actAs(t.community());
    Participant p =
        participants.register(
            t.site(),
            woman("Leocadia Jiménez Orozco", "la Leo del mercado", "leocadia@correo.example"));
    sources.add(
        t.site(),
        new NewSource(
            null,
            "transcript",
            "Taller del mercado",
            p.code() + ": Los del taller mecánico cobran cuota a los puestos del tianguis.",
            "typed"));

    LogicalDump dump = LogicalDump.of(dataSource);

    assertThat(dump.where(p.code())).contains("public.participant");
    assertThat(
            dump.findAll(
                List.of(
                    "Leocadia",
                    "Jiménez Orozco",
                    "la Leo del mercado",
                    "leocadia@correo.example",
                    "cobran cuota a los puestos",
                    "taller mecánico")))
        .isEmpty();
  }

  private List<AuditEntry> reads(Site site) {
    return audit.forSite(site.id().value(), AuditLog.MAX_PAGE, Long.MAX_VALUE).stream()
        .filter(e -> e.action().endsWith(".read"))
        .toList();
  }
}
