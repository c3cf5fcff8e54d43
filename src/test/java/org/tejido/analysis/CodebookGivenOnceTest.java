package org.tejido.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.tejido.analysis.internal.HumanSecurityCodebook;
import org.tejido.shared.ServingStarted;
import org.tejido.sites.Site;
import org.tejido.support.Fixtures;
import org.tejido.support.TejidoTest;

/** The seed codebook is given once: a team that empties its codebook does not get it back. */
@TejidoTest
class CodebookGivenOnceTest {

  @Autowired Fixtures fixtures;
  @Autowired HumanSecurityCodebook seed;
  @Autowired JdbcClient jdbc;
  @Autowired TransactionTemplate transactions;
  @Autowired org.springframework.context.ApplicationEventPublisher events;

  @Test
  void anEmptiedCodebookStaysEmptyAfterARestart() {
    Site site = fixtures.freshSite();
    assertThat(codes(site)).isGreaterThan(30);

    jdbc.sql("delete from analysis_code where site_id = ?").param(site.id().value()).update();
    // What a restart does: every site without a codebook is offered the seed.
    events.publishEvent(new ServingStarted());

    assertThat(codes(site)).isZero();
    Boolean givenAgain = transactions.execute(s -> seed.seed(site.id().value()));
    assertThat(givenAgain).isFalse();
  }

  @Test
  void aSiteThatNeverHadOneIsGivenItAtStart() {
    Site site = fixtures.freshSite();
    // As a site created before the analysis module, or by a migration, is found.
    jdbc.sql("delete from analysis_code where site_id = ?").param(site.id().value()).update();
    jdbc.sql("delete from analysis_codebook_given where site_id = ?")
        .param(site.id().value())
        .update();

    events.publishEvent(new ServingStarted());

    assertThat(codes(site)).isGreaterThan(30);
  }

  private int codes(Site site) {
    return jdbc.sql("select count(*) from analysis_code where site_id = ?")
        .param(site.id().value())
        .query(Integer.class)
        .single();
  }
}
