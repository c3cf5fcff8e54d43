package org.tejido.indicators.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.test.web.servlet.MockMvc;
import org.tejido.indicators.IndicatorImports;
import org.tejido.shared.LocalizedText;
import org.tejido.sites.NewSite;
import org.tejido.sites.Site;
import org.tejido.sites.SiteStatus;
import org.tejido.sites.Sites;
import org.tejido.support.TejidoTest;

/**
 * An import committed by another process (the command line) reaches the running server: its public
 * pages stop showing the old figures at once, not after the page cache's time-to-live. The other
 * process is played by the import's own store built on plain JDBC connections of its own, outside
 * the application's pool and beans, publishing no event in this server.
 */
@TejidoTest
class ImportFromAnotherProcessTest {

  private static final Path RESOURCES = Path.of("src/test/resources/indicators");

  @Autowired MockMvc mvc;
  @Autowired IndicatorImports imports;
  @Autowired Sites sites;
  @Autowired DataSource pool;

  private DriverManagerDataSource elsewhere;
  private IndicatorStore otherProcess;
  private Connection listening;
  private Site leon;

  @BeforeEach
  void setUp() throws Exception {
    imports.load(RESOURCES.resolve("sesnsp_municipal_guanajuato_excerpt.csv"), null);
    imports.load(RESOURCES.resolve("conapo_total_excerpt.csv"), null);
    imports.load(RESOURCES.resolve("neighbours_leon_excerpt.csv"), null);
    leon =
        sites.register(
            new NewSite(
                "leon-" + UUID.randomUUID().toString().substring(0, 8),
                "León",
                "Guanajuato",
                "11020",
                "Centro",
                SiteStatus.ACTIVE,
                null,
                new LocalizedText(null, null)));
    HikariDataSource settings = pool.unwrap(HikariDataSource.class);
    elsewhere =
        new DriverManagerDataSource(
            settings.getJdbcUrl(), settings.getUsername(), settings.getPassword());
    otherProcess = new IndicatorStore(elsewhere, JdbcClient.create(elsewhere), event -> {});
    listening = elsewhere.getConnection();
    try (Statement s = listening.createStatement()) {
      s.execute("LISTEN " + ImportListener.CHANNEL);
    }
    // The imports above are notified too: let the server hear them before a page is kept.
    Thread.sleep(1_000);
  }

  @AfterEach
  void closeListening() throws SQLException {
    listening.close();
  }

  @Test
  void anImportCommittedByAnotherProcessEmptiesTheServersPageCache() throws Exception {
    assertThat(charts()).isNotEmpty();
    // The figures go without an import (nothing tells the server): the kept page still shows
    // them, which is the time-to-live this fixes.
    JdbcClient.create(elsewhere).sql("truncate crime_figure, crime_series").update();
    assertThat(charts()).isNotEmpty();

    otherProcess.replaceNeighbours(
        new IndicatorStore.Recorded("neighbours", "Municipios colindantes", "neighbours.csv"),
        rows -> rows.row("11020", "11037"));

    assertThat(notifications(2_000)).extracting(PGNotification::getParameter).hasSize(1);
    Document page = pageWhenChanged(10_000);
    assertThat(page.select("[data-indicator-chart]")).isEmpty();
    assertThat(page.getElementById("indicators-heading").parent().text())
        .contains("Todavía no se han importado cifras oficiales de delitos");
  }

  @Test
  void aRolledBackImportNotifiesNothingAndTheKeptPageStays() throws Exception {
    assertThat(charts()).isNotEmpty();
    JdbcClient.create(elsewhere).sql("truncate crime_figure, crime_series").update();

    assertThatThrownBy(
            () ->
                otherProcess.replaceNeighbours(
                    new IndicatorStore.Recorded(
                        "neighbours", "Municipios colindantes", "neighbours.csv"),
                    rows -> {
                      rows.row("11020", "11037");
                      throw new IllegalStateException("interrupted");
                    }))
        .hasMessage("interrupted");

    assertThat(notifications(1_500)).isEmpty();
    // The server heard nothing: it still serves the page it kept.
    assertThat(charts()).isNotEmpty();
  }

  @Test
  void theServerListensAgainAfterLosingItsConnectionAndCatchesUp() throws Exception {
    assertThat(charts()).isNotEmpty();
    JdbcClient.create(elsewhere).sql("truncate crime_figure, crime_series").update();
    // What a database restart does to the listening connection.
    Integer cut =
        JdbcClient.create(elsewhere)
            .sql(
                "with listener as materialized (select pid from pg_stat_activity"
                    + " where application_name = 'tejido import listener'"
                    + " and pid <> pg_backend_pid())"
                    + " select count(*) from listener where pg_terminate_backend(pid)")
            .query(Integer.class)
            .single();
    assertThat(cut).isPositive();

    // Committed while the server was not listening: heard when it connects again.
    otherProcess.replaceNeighbours(
        new IndicatorStore.Recorded("neighbours", "Municipios colindantes", "neighbours.csv"),
        rows -> rows.row("11020", "11037"));

    assertThat(pageWhenChanged(15_000).select("[data-indicator-chart]")).isEmpty();
  }

  private java.util.List<PGNotification> notifications(long waitMillis) throws SQLException {
    PGNotification[] got = listening.unwrap(PGConnection.class).getNotifications((int) waitMillis);
    return got == null ? java.util.List.of() : java.util.List.of(got);
  }

  private Document pageWhenChanged(long waitMillis) throws Exception {
    long until = System.currentTimeMillis() + waitMillis;
    Document page = page();
    while (!page.select("[data-indicator-chart]").isEmpty() && System.currentTimeMillis() < until) {
      Thread.sleep(100);
      page = page();
    }
    return page;
  }

  private org.jsoup.select.Elements charts() throws Exception {
    return page().select("[data-indicator-chart]");
  }

  private Document page() throws Exception {
    String html =
        mvc.perform(get("/sites/" + leon.key()).header("Accept-Language", "es"))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString(StandardCharsets.UTF_8);
    return Jsoup.parse(html);
  }
}
