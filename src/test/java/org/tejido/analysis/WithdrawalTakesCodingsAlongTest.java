package org.tejido.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tejido.fieldwork.Deidentification;
import org.tejido.fieldwork.Identity;
import org.tejido.fieldwork.NewParticipant;
import org.tejido.fieldwork.NewSource;
import org.tejido.fieldwork.Participant;
import org.tejido.fieldwork.Participants;
import org.tejido.fieldwork.SourceTurn;
import org.tejido.fieldwork.Sources;
import org.tejido.fieldwork.Withdrawals;
import org.tejido.identity.SiteRole;
import org.tejido.sites.Site;
import org.tejido.support.Fixtures;
import org.tejido.support.Fixtures.Person;
import org.tejido.support.TejidoTest;
import org.tejido.vault.Vaults;

/**
 * A withdrawal deletes the participant's turns; the codings on them, and the memos written on those
 * codings, must go too: left behind, they would still say where a coded segment of that person was.
 */
@TejidoTest
class WithdrawalTakesCodingsAlongTest {

  @Autowired Fixtures fixtures;
  @Autowired Vaults vaults;
  @Autowired Participants participants;
  @Autowired Sources sources;
  @Autowired Deidentification deidentification;
  @Autowired Withdrawals withdrawals;
  @Autowired Codebook codebook;
  @Autowired Codings codings;
  @Autowired Memos memos;
  @Autowired JdbcClient jdbc;

  @AfterEach
  void nobody() {
    fixtures.actAsNobody();
  }

  @Test
  void theCodingsOnAWithdrawnPersonsTurnsGoAndTheOthersStay() {
    Site site = fixtures.freshSite();
    Person coordinator = fixtures.withRole(site.key(), SiteRole.COORDINATOR);
    fixtures.actAs(coordinator);
    vaults.create(site, AnalysisFixtures.PASSPHRASE);
    vaults.unlock(site, AnalysisFixtures.PASSPHRASE);
    Participant leaves = register(site, "Rosaura Villegas");
    Participant stays = register(site, "Amparo Ledesma");
    UUID source =
        sources.add(
            site,
            new NewSource(
                null,
                "transcript",
                "Taller del mercado",
                "Facilitadora: ¿Qué pasa en el mercado?\n"
                    + leaves.code()
                    + ": Cobran cuota cada semana.\n"
                    + stays.code()
                    + ": Y en la noche hay robos.",
                "typed"));
    deidentification.acceptAll(site, source);
    List<SourceTurn> turns = sources.deidentified(site, source);
    SourceTurn hers =
        turns.stream().filter(t -> leaves.id().equals(t.participantId())).findFirst().orElseThrow();
    SourceTurn other =
        turns.stream().filter(t -> stays.id().equals(t.participantId())).findFirst().orElseThrow();
    UUID extorsion = AnalysisFixtures.codeNamed(codebook, site, "Extorsión");
    UUID robo = AnalysisFixtures.codeNamed(codebook, site, "Robo");
    UUID herCoding = codings.apply(site, source, hers.position(), 0, 5, List.of(extorsion)).get(0);
    codings.apply(site, source, other.position(), 0, 5, List.of(robo));
    memos.add(site, Memo.MemoTarget.CODING, herCoding, "«Cobran cuota»: la extorsión de siempre");

    withdrawals.withdraw(site, leaves.id());

    assertThat(
            jdbc.sql("select turn from analysis_coding where source_id = ?")
                .param(source)
                .query(Integer.class)
                .list())
        .containsExactly(other.position());
    assertThat(
            jdbc.sql("select count(*) from analysis_memo where target_id = ?")
                .param(herCoding)
                .query(Integer.class)
                .single())
        .isZero();
    assertThat(codings.segments(site, robo, true)).hasSize(1);
    assertThat(codings.segments(site, extorsion, true)).isEmpty();
  }

  private Participant register(Site site, String name) {
    return participants.register(
        site,
        new NewParticipant(
            "women", "woman", "30_44", "mestizo", null, new Identity(name, null, null)));
  }
}
