package org.tejido.agenda;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.tejido.sites.Site;
import org.tejido.sites.Sites;
import org.tejido.support.TejidoTest;

/** The reference data is the three published agendas as the research reports them. */
@TejidoTest
class DemoAgendasTest {

  @Autowired Sites sites;
  @Autowired Agendas agendas;
  @Autowired ReferenceData reference;

  @Test
  void fourSitesWithAcapulcoSuspendedForSafety() {
    assertThat(sites.all())
        .extracting(Site::key)
        .startsWith("apatzingan", "tijuana", "guadalupe", "acapulco");
    Site acapulco = sites.byKey("acapulco");
    assertThat(acapulco.suspendedForSafety()).isTrue();
    assertThat(acapulco.statusReason().es()).contains("no se construyó una agenda");
    assertThat(agendas.latestPublished(acapulco)).isEmpty();
  }

  @Test
  void publishedAgendasHaveTheirParticipantsIssuesAndProposals() {
    Agenda apatzingan = agendas.published(sites.byKey("apatzingan"), 1);
    assertThat(apatzingan.version().participants()).isEqualTo(63);
    assertThat(apatzingan.issues()).hasSize(13);
    assertThat(agendas.published(sites.byKey("guadalupe"), 1).issues()).hasSize(15);
    assertThat(agendas.published(sites.byKey("tijuana"), 1).issues()).hasSize(9);
  }

  @Test
  void theLandslidesIssueAppearsUnderEveryDomainItTouches() {
    Agenda tijuana = agendas.published(sites.byKey("tijuana"), 1);
    var sections = tijuana.byDomain(reference.domains());
    long withLandslides =
        sections.stream()
            .filter(s -> s.entries().stream().anyMatch(e -> e.issue().ref().equals("tij-9")))
            .count();
    assertThat(withLandslides).isEqualTo(5);
    long anchors =
        sections.stream()
            .flatMap(s -> s.entries().stream())
            .filter(e -> e.issue().ref().equals("tij-9") && e.anchor())
            .count();
    assertThat(anchors).isEqualTo(1);
  }
}
