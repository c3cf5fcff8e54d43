package org.tejido;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.FileSystemUtils;

/**
 * Tejido as an operator starts it, three times on one data directory: plain (the real reference
 * data only), then with {@code --demo} (adds the fictional demo site, leaves the real sites as they
 * were), then with {@code --demo} again (adds nothing). Each start is a whole application on the
 * default configuration, with only {@code TEJIDO_DATA_DIR} pointing at a directory of its own; the
 * second and third restart the embedded PostgreSQL on a data directory that already has its
 * password.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(OutputCaptureExtension.class)
class CleanStartAndDemoSiteTest {

  private static final List<String> REAL_SITES =
      List.of("apatzingan", "tijuana", "guadalupe", "acapulco");
  private static final Pattern RECOVERY_KEY = Pattern.compile("(?m)^([A-Za-z0-9_-]{20,}[^ ]*)$");

  private final Path dataDir = Path.of("target", "start-" + UUID.randomUUID()).toAbsolutePath();
  private Map<String, Object> realAgendasAfterPlainStart;

  private ConfigurableApplicationContext start(String... extra) {
    List<String> args = new ArrayList<>(List.of(extra));
    args.addAll(
        List.of(
            "--TEJIDO_DATA_DIR=" + dataDir,
            "--server.port=0",
            "--management.server.port=0",
            "--tejido.db.url=",
            "--tejido.crypto.master-key=",
            "--tejido.db.embedded.fsync=false"));
    return new SpringApplicationBuilder(TejidoApplication.class)
        .run(TejidoApplication.serverArguments(args.toArray(String[]::new)));
  }

  private static JdbcClient jdbc(ConfigurableApplicationContext app) {
    return app.getBean(JdbcClient.class);
  }

  private static long count(JdbcClient jdbc, String sql) {
    return jdbc.sql(sql).query(Long.class).single();
  }

  /** Every agenda row of the real sites, as text: any change to them changes this. */
  private static Map<String, Object> realAgendas(JdbcClient jdbc) {
    return Map.of(
        "versions",
        jdbc.sql(
                """
                select v::text from agenda_version v join site s on s.id = v.site_id
                where s.key in ('apatzingan', 'tijuana', 'guadalupe', 'acapulco') order by 1""")
            .query(String.class)
            .list(),
        "issues",
        jdbc.sql(
                """
                select i::text from agenda_issue i join agenda_version v on v.id = i.version_id
                join site s on s.id = v.site_id
                where s.key in ('apatzingan', 'tijuana', 'guadalupe', 'acapulco') order by 1""")
            .query(String.class)
            .list(),
        "sites",
        jdbc.sql("select s::text from site s where not fictional order by key")
            .query(String.class)
            .list());
  }

  @BeforeAll
  void cleanDirectory() throws Exception {
    Files.createDirectories(dataDir.getParent());
  }

  @AfterAll
  void removeDirectory() throws Exception {
    FileSystemUtils.deleteRecursively(dataDir);
  }

  @Test
  @Order(1)
  void aPlainStartLoadsOnlyTheRealReferenceDataAndCreatesNoVault() throws Exception {
    try (ConfigurableApplicationContext app = start()) {
      JdbcClient jdbc = jdbc(app);
      assertThat(jdbc.sql("select key from site order by position").query(String.class).list())
          .containsExactlyElementsOf(REAL_SITES);
      assertThat(count(jdbc, "select count(*) from agenda_version where state = 'published'"))
          .isEqualTo(3);
      assertThat(count(jdbc, "select count(*) from national_principle")).isPositive();
      assertThat(count(jdbc, "select count(*) from site_vault")).isZero();
      assertThat(count(jdbc, "select count(*) from site_vault_key")).isZero();
      assertThat(count(jdbc, "select count(*) from participant")).isZero();
      assertThat(count(jdbc, "select count(*) from source")).isZero();
      assertThat(count(jdbc, "select count(*) from activity")).isZero();
      assertThat(count(jdbc, "select count(*) from site where fictional")).isZero();
      // The real agendas, with trackers that say monitoring has not started.
      assertThat(count(jdbc, "select count(*) from observatory_recommendation")).isZero();
      assertThat(count(jdbc, "select count(*) from observatory_session")).isZero();
      assertThat(get(app, "/sites/apatzingan/tracker"))
          .contains("El seguimiento aún no ha comenzado");
      assertThat(get(app, "/api/v1/sites/tijuana/recommendations"))
          .contains("\"monitoringStarted\":false");
      realAgendasAfterPlainStart = realAgendas(jdbc);
    }
    assertThat(dataDir.resolve("demo-vault-recovery-key.txt")).doesNotExist();
  }

  @Test
  @Order(2)
  void theDataDirectoryTheKeysAndTheDatabasePasswordAreTheOwnersAlone() throws Exception {
    assertThat(mode(dataDir)).isEqualTo("rwx------");
    assertThat(mode(dataDir.resolve("keys"))).isEqualTo("rwx------");
    assertThat(mode(dataDir.resolve("keys/master-keyset.json"))).isEqualTo("rw-------");
    assertThat(mode(dataDir.resolve("postgres-password"))).isEqualTo("rw-------");
  }

  @Test
  @Order(3)
  void aDataDirectoryLeftOpenByAnOlderVersionIsTightenedAtStart() throws Exception {
    Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.setPosixFilePermissions(
        dataDir.resolve("keys"), PosixFilePermissions.fromString("rwxr-xr-x"));
    try (ConfigurableApplicationContext app = start()) {
      assertThat(mode(dataDir)).isEqualTo("rwx------");
      assertThat(mode(dataDir.resolve("keys"))).isEqualTo("rwx------");
      // A second plain start adds nothing either.
      assertThat(count(jdbc(app), "select count(*) from site")).isEqualTo(4);
    }
  }

  @Test
  @Order(4)
  void theEmbeddedDatabaseRefusesTheSuperuserWithoutItsPassword() throws Exception {
    try (ConfigurableApplicationContext app = start()) {
      String url = ((HikariDataSource) app.getBean(javax.sql.DataSource.class)).getJdbcUrl();
      String password = Files.readString(dataDir.resolve("postgres-password")).strip();
      assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", ""))
          .isInstanceOf(SQLException.class);
      assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", "not-the-password"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("password authentication failed");
      try (Connection c = DriverManager.getConnection(url, "postgres", password)) {
        assertThat(c.isValid(2)).isTrue();
        assertThat(
                JdbcClient.create(
                        new org.springframework.jdbc.datasource.SingleConnectionDataSource(c, true))
                    .sql(
                        "select rolpassword like 'SCRAM-SHA-256$%' from pg_authid"
                            + " where rolname = 'postgres'")
                    .query(Boolean.class)
                    .single())
            .as("the password is stored as a SCRAM-SHA-256 verifier")
            .isTrue();
      }
      assertThat(Files.readString(dataDir.resolve("pgdata/pg_hba.conf")))
          .doesNotContain("trust")
          .contains("host all all 127.0.0.1/32 scram-sha-256");
    }
  }

  @Test
  @Order(5)
  void withDemoTheFictionalFieldworkGoesToItsOwnSiteAndTheRealSitesStayAsTheyWere(
      CapturedOutput output) throws Exception {
    try (ConfigurableApplicationContext app = start(TejidoApplication.DEMO_OPTION)) {
      JdbcClient jdbc = jdbc(app);
      assertThat(jdbc.sql("select key from site where fictional").query(String.class).list())
          .containsExactly("demo");
      for (String real : REAL_SITES) {
        assertThat(
                count(
                    jdbc,
                    "select count(*) from site_vault v join site s on s.id = v.site_id"
                        + " where s.key = '"
                        + real
                        + "'"))
            .as("no vault at %s", real)
            .isZero();
        assertThat(
                count(
                    jdbc,
                    "select count(*) from participant p join site s on s.id = p.site_id"
                        + " where s.key = '"
                        + real
                        + "'"))
            .as("no participant at %s", real)
            .isZero();
        assertThat(
                count(
                    jdbc,
                    "select count(*) from source x join site s on s.id = x.site_id"
                        + " where s.key = '"
                        + real
                        + "'"))
            .as("no source at %s", real)
            .isZero();
      }
      assertThat(realAgendas(jdbc)).isEqualTo(realAgendasAfterPlainStart);
      assertThat(count(jdbc, "select count(*) from site_vault")).isOne();
      assertThat(count(jdbc, "select count(*) from participant where fictional")).isEqualTo(11);
      assertThat(count(jdbc, "select count(*) from participant where not fictional")).isZero();
      assertThat(count(jdbc, "select count(*) from source where fictional")).isEqualTo(5);

      String page = get(app, "/sites/demo");
      assertThat(page).contains("Sitio ficticio de demostración");
      assertThat(get(app, "/sites/demo?lang=en")).contains("Fictional demo site");
      assertThat(get(app, "/sites/tijuana")).doesNotContain("Sitio ficticio");
      assertThat(get(app, "/api/v1/sites/demo")).contains("\"fictional\":true");
      assertThat(get(app, "/api/v1/sites/tijuana")).doesNotContain("fictional");

      // The demo's made-up monitoring history, at the demo site only.
      String demo = "(select id from site where key = 'demo')";
      assertThat(
              count(
                  jdbc, "select count(*) from observatory_recommendation where site_id = " + demo))
          .isEqualTo(3);
      assertThat(count(jdbc, "select count(*) from observatory_session where site_id = " + demo))
          .isEqualTo(2);
      assertThat(count(jdbc, "select count(*) from observatory_recommendation")).isEqualTo(3);
      String tracker = get(app, "/sites/demo/tracker?lang=en");
      assertThat(tracker)
          .contains("R-1", "R-2", "R-3", "this monitoring history is made up")
          .contains("1 overdue commitment");
      String json = get(app, "/api/v1/sites/demo/recommendations");
      assertThat(json)
          .contains("\"monitoringStarted\":true")
          // The officials say the lighting is done; the neighbours' walk says it is not.
          .contains("\"official\":{\"source\":\"official\",\"status\":\"implemented\"")
          .contains("\"community\":{\"source\":\"community\",\"status\":\"partly_implemented\"")
          // The walk's evidence was reviewed and published; the other community evidence is held.
          .contains("Recorrido vecinal: 18 de 40 luminarias")
          .doesNotContain("Abre tres tardes por semana");
      assertThat(get(app, "/sites/apatzingan/tracker?lang=en"))
          .contains("Monitoring has not started");
    }

    Path keyFile = dataDir.resolve("demo-vault-recovery-key.txt");
    assertThat(mode(keyFile)).isEqualTo("rw-------");
    String recoveryKey = recoveryKey(Files.readString(keyFile));
    assertThat(output.getAll())
        .as("the console says where the key is")
        .contains(keyFile.toString())
        .as("and never what it is")
        .doesNotContain(recoveryKey);
  }

  @Test
  @Order(6)
  void aSecondStartWithDemoAddsNothing(CapturedOutput output) throws Exception {
    String keyFileBefore = Files.readString(dataDir.resolve("demo-vault-recovery-key.txt"));
    try (ConfigurableApplicationContext app = start(TejidoApplication.DEMO_OPTION)) {
      JdbcClient jdbc = jdbc(app);
      assertThat(count(jdbc, "select count(*) from site")).isEqualTo(5);
      assertThat(count(jdbc, "select count(*) from site_vault")).isOne();
      assertThat(count(jdbc, "select count(*) from participant")).isEqualTo(11);
      assertThat(count(jdbc, "select count(*) from source")).isEqualTo(5);
      assertThat(realAgendas(jdbc)).isEqualTo(realAgendasAfterPlainStart);
    }
    assertThat(Files.readString(dataDir.resolve("demo-vault-recovery-key.txt")))
        .isEqualTo(keyFileBefore);
    assertThat(output.getAll()).doesNotContain(recoveryKey(keyFileBefore));
  }

  /** The key is the file's line that is one long word (the rest is a sentence about it). */
  private static String recoveryKey(String file) {
    Matcher m = RECOVERY_KEY.matcher(file);
    assertThat(m.find()).as("a recovery key in the file").isTrue();
    return m.group(1);
  }

  private static String mode(Path path) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }

  private static String get(ConfigurableApplicationContext app, String path) throws Exception {
    int port = ((WebServerApplicationContext) app).getWebServer().getPort();
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .header("Accept-Language", "es")
                    .build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    assertThat(response.statusCode()).as(path).isEqualTo(200);
    return response.body();
  }
}
