package org.tejido.shared;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tejido.TejidoApplication;

/**
 * With TEJIDO_DB_URL (here the equivalent properties) Tejido uses that PostgreSQL server and starts
 * no embedded one. A second embedded server plays the external one.
 */
class ExternalDatabaseTest {

  @Test
  void migratesAndLoadsTheReferenceDataIntoAnExternalServer() throws Exception {
    Path unusedDataDir = Path.of("target", "must-stay-empty-" + UUID.randomUUID());
    try (EmbeddedPostgres external =
        EmbeddedPostgres.builder()
            .setDataDirectory(Path.of("target", "external-pg-" + UUID.randomUUID()))
            .setCleanDataDirectory(true)
            .start()) {
      try (ConfigurableApplicationContext app =
          new SpringApplicationBuilder(TejidoApplication.class)
              .run(
                  "--server.port=0",
                  "--management.server.port=0",
                  "--tejido.data-dir=target/test-data",
                  "--tejido.db.url=" + external.getJdbcUrl("postgres", "postgres"),
                  "--tejido.db.user=postgres",
                  "--tejido.db.password=",
                  "--tejido.db.embedded.data-dir=" + unusedDataDir,
                  "--tejido.crypto.master-key-file=target/test-keys/"
                      + UUID.randomUUID()
                      + "/k.json",
                  "--logging.level.root=WARN")) {
        assertThat(app.isRunning()).isTrue();
      }
      JdbcClient jdbc = JdbcClient.create(external.getPostgresDatabase());
      assertThat(jdbc.sql("select key from site order by position").query(String.class).list())
          .containsExactly("apatzingan", "tijuana", "guadalupe", "acapulco");
      assertThat(
              jdbc.sql("select count(*) from agenda_version where state = 'published'")
                  .query(Integer.class)
                  .single())
          .isEqualTo(3);
      assertThat(jdbc.sql("select count(*) from site_vault").query(Integer.class).single())
          .isZero();
    }
    assertThat(Files.exists(unusedDataDir)).isFalse();
  }
}
