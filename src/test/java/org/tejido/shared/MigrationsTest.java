package org.tejido.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tejido.support.TejidoTest;

@TejidoTest
class MigrationsTest {

  @Autowired JdbcClient jdbc;

  @Test
  void everyMigrationAppliedToTheEmptyEmbeddedDatabase() throws java.io.IOException {
    List<String> applied =
        jdbc.sql("select version from flyway_schema_history where success order by installed_rank")
            .query(String.class)
            .list();
    // Every file under db/migration, in order: none skipped, none failed.
    List<String> files =
        java.util.Arrays.stream(
                new org.springframework.core.io.support.PathMatchingResourcePatternResolver()
                    .getResources("classpath:db/migration/V*__*.sql"))
            .map(r -> r.getFilename().substring(1, r.getFilename().indexOf("__")))
            .sorted(java.util.Comparator.comparingInt(Integer::parseInt))
            .toList();
    assertThat(files).hasSizeGreaterThanOrEqualTo(9).startsWith("1", "2", "3");
    assertThat(applied).isEqualTo(files);
    assertThat(jdbc.sql("select version()").query(String.class).single())
        .startsWith("PostgreSQL 17");
  }

  @Test
  void publishedVersionsCannotBeChangedEvenBypassingTheApplication() {
    var issue =
        jdbc.sql(
                "select i.id from agenda_issue i join agenda_version v on v.id = i.version_id"
                    + " where v.state = 'published' limit 1")
            .query(java.util.UUID.class)
            .single();
    assertThatThrownBy(
            () ->
                jdbc.sql("update agenda_issue set title_es = 'cambiado' where id = ?")
                    .param(issue)
                    .update())
        .isInstanceOf(DataIntegrityViolationException.class)
        .hasMessageContaining("cannot change");
    assertThatThrownBy(
            () -> jdbc.sql("delete from agenda_version where state = 'published'").update())
        .isInstanceOf(DataIntegrityViolationException.class);
  }

  @Test
  void silencedIssuesAreStoredOnlyAsCiphertext() {
    assertThat(
            jdbc.sql("select count(*) from agenda_issue where silenced and sealed is not null")
                .query(Integer.class)
                .single())
        .isGreaterThanOrEqualTo(6);
    for (String plain : List.of("Trauma incremental", "Incremental trauma", "acoso sexual")) {
      assertThat(
              jdbc.sql(
                      "select count(*) from agenda_issue where concat_ws('|', title_es, title_en,"
                          + " description_es, description_en, encode(sealed, 'escape')) ilike ?")
                  .param("%" + plain + "%")
                  .query(Integer.class)
                  .single())
          .as(plain)
          .isZero();
    }
  }
}
