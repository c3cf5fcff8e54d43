package org.tejido.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tejido.analysis.QdpxExchange;
import org.tejido.identity.SiteRole;
import org.tejido.sites.Site;
import org.tejido.support.Fixtures;
import org.tejido.support.TejidoTest;
import org.tejido.vault.Vaults;

/**
 * Importing a generated {@code .qdpx} into a site, read and stored (docs/benchmarks.md: 100,000
 * codings in ≤ 20 s): the file of {@link QdpxImportBenchmark} through {@link
 * QdpxExchange#importFromCommandLine}, in the test context's embedded PostgreSQL. Runs only when
 * asked: {@code ./mvnw -B -o test -Dtest=QdpxStoreBenchmark -Dqdpx.bench=100000}.
 */
@TejidoTest
class QdpxStoreBenchmark {

  @Autowired Fixtures fixtures;
  @Autowired Vaults vaults;
  @Autowired QdpxExchange exchange;
  @Autowired JdbcClient jdbc;

  @AfterEach
  void nobody() {
    fixtures.actAsNobody();
  }

  @Test
  void importsAGeneratedProjectReadAndStored() throws Exception {
    String wanted = System.getProperty("qdpx.bench");
    assumeTrue(wanted != null, "benchmark skipped: run with -Dqdpx.bench=100000");
    int codings = Integer.parseInt(wanted);
    int perSource = 100;
    int sourceCount = Math.max(1, codings / perSource);
    byte[] archive = QdpxImportBenchmark.generate(sourceCount, perSource, 60, new Random(8));
    for (int run = 0; run <= 1; run++) {
      Site site = fixtures.freshSite();
      fixtures.actAs(fixtures.withRole(site.key(), SiteRole.COORDINATOR));
      vaults.create(site, "una frase de paso para medir");
      fixtures.actAsNobody();
      long start = System.nanoTime();
      QdpxExchange.ImportResult result = exchange.importFromCommandLine(site, archive, false);
      double seconds = (System.nanoTime() - start) / 1e9;
      int stored =
          jdbc.sql("select count(*) from analysis_coding where site_id = ?")
              .param(site.id().value())
              .query(Integer.class)
              .single();
      System.out.printf(
          "qdpx import %s: %.2f s read and stored (%,d sources, %,d codings stored)%n",
          run == 0 ? "warm-up" : "run " + run, seconds, sourceCount, stored);
      assertThat(stored).isEqualTo(sourceCount * perSource);
      assertThat(result.stored()).containsEntry("codings", stored);
    }
  }
}
