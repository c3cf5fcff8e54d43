package org.tejido;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.tejido.audit.AuditLog;
import org.tejido.fieldwork.Activities;
import org.tejido.fieldwork.Identity;
import org.tejido.fieldwork.NewActivity;
import org.tejido.fieldwork.NewParticipant;
import org.tejido.fieldwork.NewSource;
import org.tejido.fieldwork.Participant;
import org.tejido.fieldwork.Participants;
import org.tejido.fieldwork.SourceTurn;
import org.tejido.fieldwork.Sources;
import org.tejido.identity.SiteRole;
import org.tejido.identity.UserAccounts;
import org.tejido.identity.UserId;
import org.tejido.shared.LocalizedText;
import org.tejido.sites.NewSite;
import org.tejido.sites.Site;
import org.tejido.sites.SiteStatus;
import org.tejido.sites.Sites;
import org.tejido.vault.Vaults;

/**
 * {@code tejido backup FILE} and {@code tejido restore FILE} run as a person runs them, against
 * separate instances (each its own embedded PostgreSQL data directory, the same master key file):
 * an instance with the reference data, a vault opened with a passphrase, named participants and
 * testimony is backed up, the backup restored into a fresh database, and the restored instance
 * serves the same data, opens the same vault and reads the same words.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BackupAndRestoreTest {

  private static final String PASSPHRASE = "una frase de la coordinadora para el respaldo";
  private static final String NAME = "Eustolia Barragán Quiñones";
  private static final String ALIAS = "la Tolita del mercado";
  private static final String CONTACT = "eustolia.barragan@correo.example";
  private static final String TESTIMONY =
      "Desde que cerraron la caseta del puente ya nadie pasa después de las nueve.";
  private static final String PASSWORD = "contraseña larga de la coordinadora";

  private final Path root = Path.of("target", "backup-" + UUID.randomUUID()).toAbsolutePath();
  private final Path keyFile = root.resolve("keys/master-keyset.json");
  private final Path original = root.resolve("original");
  private final Path restored = root.resolve("restored");
  private final Path backup = root.resolve("backups/tejido.backup");

  private String siteKey;
  private String coordinator;
  private UUID participantId;
  private UUID sourceId;
  private Map<String, String> apiBefore;
  private Map<String, Long> countsBefore;
  private Result backedUp;
  private Result restoredRun;

  @BeforeAll
  void backUpAnInstanceAndRestoreItIntoAFreshDatabase() throws Exception {
    Files.createDirectories(backup.getParent());
    try (ConfigurableApplicationContext app = start(original)) {
      fillWithFieldwork(app);
      apiBefore = publicApi(app);
      countsBefore = counts(app);
    }
    backedUp = command(original, keyFile, "backup", backup.toString());
    restoredRun = command(restored, keyFile, "restore", backup.toString());
  }

  @AfterEach
  void signOut() {
    SecurityContextHolder.clearContext();
  }

  @AfterAll
  void clear() {
    System.clearProperty("TEJIDO_DATA_DIR");
    System.clearProperty("tejido.db.embedded.fsync");
    System.clearProperty("tejido.crypto.master-key-file");
  }

  @Test
  void theBackupCommandSaysWhatItWroteAndNothingSensitive() throws Exception {
    assertThat(backedUp.exit()).as(backedUp.err()).isZero();
    assertThat(backedUp.out())
        .contains("Backup written to")
        .containsPattern("schema version \\d+")
        .containsPattern("\\d+ tables, \\d+ rows, \\d+ bytes")
        .doesNotContain(NAME, PASSPHRASE, TESTIMONY);
    assertThat(Files.getPosixFilePermissions(backup))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    try (var left = Files.list(backup.getParent())) {
      assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".partial"));
    }
  }

  @Test
  void theRestoredInstanceServesTheSameAgendasOpensTheSameVaultAndKeepsTheAuditChain()
      throws Exception {
    assertThat(restoredRun.exit()).as(restoredRun.err()).isZero();
    assertThat(restoredRun.out()).contains("Restored").containsPattern("schema version \\d+");
    try (ConfigurableApplicationContext app = start(restored)) {
      assertThat(publicApi(app)).isEqualTo(apiBefore);
      Map<String, Long> counts = counts(app);
      // The audit log goes on: the backup and the restore are two more entries.
      assertThat(counts.remove("audit_entry")).isGreaterThan(countsBefore.get("audit_entry"));
      Map<String, Long> expected = new LinkedHashMap<>(countsBefore);
      expected.remove("audit_entry");
      assertThat(counts).isEqualTo(expected);

      Site site = app.getBean(Sites.class).byKey(siteKey);
      actAs(app, coordinator);
      app.getBean(Vaults.class).unlock(site, PASSPHRASE);
      assertThat(app.getBean(Participants.class).identity(site, participantId))
          .hasValueSatisfying(identity -> assertThat(identity.name()).isEqualTo(NAME));
      assertThat(app.getBean(Sources.class).raw(site, sourceId))
          .extracting(SourceTurn::text)
          .contains(TESTIMONY);

      AuditLog.Verification chain = app.getBean(AuditLog.class).verify();
      assertThat(chain.intact()).isTrue();
      assertThat(chain.entriesChecked()).isEqualTo(counts(app).get("audit_entry"));
      assertThat(
              JdbcClient.create(app.getBean(javax.sql.DataSource.class))
                  .sql("select count(*) from audit_entry where action = 'backup.restored'")
                  .query(Long.class)
                  .single())
          .isEqualTo(1L);
    }
  }

  @Test
  void theBackupFileHoldsNoNameNoTestimonyAndNoPassphrase() throws Exception {
    byte[] raw = Files.readAllBytes(backup);
    List<String> secrets = List.of(NAME, ALIAS, CONTACT, TESTIMONY, PASSPHRASE, PASSWORD);
    assertThat(secrets).noneMatch(secret -> contains(raw, secret));
    byte[] gunzipped;
    try (InputStream in = new GZIPInputStream(Files.newInputStream(backup))) {
      gunzipped = in.readAllBytes();
    } catch (IOException notGzip) {
      gunzipped = new byte[0];
    }
    byte[] inflated = gunzipped;
    assertThat(secrets).noneMatch(secret -> contains(inflated, secret));
    // Nor the master key, which stays in its own file.
    String masterKey = Files.readString(keyFile);
    String keyValue = masterKey.replaceAll("(?s).*\"value\"\\s*:\\s*\"([^\"]+)\".*", "$1");
    assertThat(keyValue).isNotBlank().isNotEqualTo(masterKey);
    assertThat(contains(raw, keyValue)).isFalse();
  }

  @Test
  void aRestoreIntoADatabaseThatHoldsDataIsRefusedAndChangesNothing() throws Exception {
    assertThat(restoredRun.exit()).isZero();
    Map<String, Long> before = countsOf(restored);
    Result again = command(restored, keyFile, "restore", backup.toString());
    assertThat(again.exit()).isEqualTo(1);
    assertThat(again.err()).contains("Restore refused").contains("not empty");
    assertThat(countsOf(restored)).isEqualTo(before);
  }

  @Test
  void aBackupWithOneByteChangedIsRefusedAndChangesNothing() throws Exception {
    byte[] bytes = Files.readAllBytes(backup);
    for (int position : List.of(bytes.length / 2, bytes.length - 3, 20)) {
      byte[] tampered = bytes.clone();
      tampered[position] ^= 0x01;
      Path file = root.resolve("backups/tampered-" + position + ".backup");
      Files.write(file, tampered);
      Path fresh = root.resolve("tampered-" + position);
      Result refused = command(fresh, keyFile, "restore", file.toString());
      assertThat(refused.exit()).isEqualTo(1);
      assertThat(refused.err()).contains("Restore refused").contains("damaged");
      assertThat(tablesIn(fresh)).as("nothing created").isZero();
    }
  }

  @Test
  void aCutShortBackupIsRefused() throws Exception {
    byte[] bytes = Files.readAllBytes(backup);
    Path file = root.resolve("backups/cut.backup");
    Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 100));
    Path fresh = root.resolve("cut");
    Result refused = command(fresh, keyFile, "restore", file.toString());
    assertThat(refused.exit()).isEqualTo(1);
    assertThat(refused.err()).contains("damaged");
    assertThat(tablesIn(fresh)).isZero();
  }

  @Test
  void aBackupRestoredWithAnotherMasterKeyIsRefusedAndChangesNothing() throws Exception {
    Path fresh = root.resolve("other-key");
    Result refused =
        command(fresh, root.resolve("other-keys/master.json"), "restore", backup.toString());
    assertThat(refused.exit()).isEqualTo(1);
    assertThat(refused.err()).contains("made with another master key");
    assertThat(tablesIn(fresh)).isZero();
  }

  @Test
  void aFileThatIsNotABackupIsRefused() throws Exception {
    Path file = root.resolve("backups/notes.txt");
    Files.writeString(file, "Lista de asistentes del taller\n");
    Path fresh = root.resolve("not-a-backup");
    Result refused = command(fresh, keyFile, "restore", file.toString());
    assertThat(refused.exit()).isEqualTo(1);
    assertThat(refused.err()).contains("not a Tejido backup");
    assertThat(tablesIn(fresh)).isZero();
  }

  // --- the instances ---

  private ConfigurableApplicationContext start(Path instance) {
    return new SpringApplicationBuilder(TejidoApplication.class)
        .run(
            "--server.port=0",
            "--TEJIDO_DATA_DIR=" + instance,
            "--management.server.port=0",
            "--tejido.db.embedded.fsync=false",
            "--tejido.crypto.master-key-file=" + keyFile,
            "--logging.level.root=WARN");
  }

  private void fillWithFieldwork(ConfigurableApplicationContext app) {
    Site site =
        app.getBean(Sites.class)
            .register(
                new NewSite(
                    "respaldo",
                    "Municipio del respaldo",
                    "Michoacán",
                    "16006",
                    "Colonia del respaldo",
                    SiteStatus.ACTIVE,
                    null,
                    new LocalizedText(null, null)));
    siteKey = site.key();
    UserAccounts accounts = app.getBean(UserAccounts.class);
    coordinator = "coordinadora-respaldo";
    UserId id = accounts.create(coordinator, "Coordinadora", PASSWORD, false);
    accounts.assign(id, site.id(), SiteRole.COORDINATOR);
    actAs(app, coordinator);
    Vaults vaults = app.getBean(Vaults.class);
    vaults.create(site, PASSPHRASE);
    vaults.unlock(site, PASSPHRASE);
    Participant eustolia =
        app.getBean(Participants.class)
            .register(
                site,
                new NewParticipant(
                    "women",
                    "woman",
                    "45_59",
                    "mestizo",
                    "Colonia del respaldo",
                    new Identity(NAME, ALIAS, CONTACT)));
    participantId = eustolia.id();
    UUID workshop =
        app.getBean(Activities.class)
            .create(
                site,
                new NewActivity(
                    "interview",
                    LocalDate.of(2018, 5, 2),
                    "Entrevista en el mercado",
                    List.of("women"),
                    List.of(id.value()),
                    List.of(eustolia.id())));
    sourceId =
        app.getBean(Sources.class)
            .add(
                site,
                new NewSource(
                    workshop,
                    "transcript",
                    "Entrevista 1",
                    eustolia.code() + ": " + TESTIMONY,
                    "typed"));
    SecurityContextHolder.clearContext();
  }

  private static void actAs(ConfigurableApplicationContext app, String username) {
    UserDetails details = app.getBean(UserDetailsService.class).loadUserByUsername(username);
    SecurityContextHolder.getContext()
        .setAuthentication(
            new UsernamePasswordAuthenticationToken(details, null, details.getAuthorities()));
  }

  /** What anyone sees of the agendas: the public API's JSON for every site. */
  private Map<String, String> publicApi(ConfigurableApplicationContext app) throws Exception {
    String base = "http://localhost:" + app.getEnvironment().getProperty("local.server.port");
    HttpClient http = HttpClient.newHttpClient();
    Map<String, String> answers = new LinkedHashMap<>();
    List<String> paths = new java.util.ArrayList<>(List.of("/api/v1/sites"));
    for (Site site : app.getBean(Sites.class).all()) {
      paths.add("/api/v1/sites/" + site.key());
      paths.add("/api/v1/sites/" + site.key() + "/agenda");
    }
    for (String path : paths) {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create(base + path)).build(),
              HttpResponse.BodyHandlers.ofString());
      answers.put(path, response.statusCode() + " " + response.body());
    }
    assertThat(answers.get("/api/v1/sites/respaldo")).startsWith("200");
    assertThat(answers.values())
        .anyMatch(body -> body.startsWith("200") && body.contains("issues"));
    return answers;
  }

  /** Rows in every table, and what the fieldwork pages count. */
  private Map<String, Long> counts(ConfigurableApplicationContext app) {
    Map<String, Long> counts =
        countRows(JdbcClient.create(app.getBean(javax.sql.DataSource.class)));
    Site site = app.getBean(Sites.class).byKey(siteKey);
    actAs(app, coordinator);
    counts.put("listed participants", (long) app.getBean(Participants.class).list(site).size());
    counts.put("listed sources", (long) app.getBean(Sources.class).list(site).size());
    SecurityContextHolder.clearContext();
    return counts;
  }

  private static Map<String, Long> countRows(JdbcClient jdbc) {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String table :
        jdbc.sql(
                "select table_name from information_schema.tables where table_schema = 'public'"
                    + " and table_type = 'BASE TABLE' and table_name <> 'flyway_schema_history'"
                    + " order by 1")
            .query(String.class)
            .list()) {
      counts.put(
          table, jdbc.sql("select count(*) from \"" + table + "\"").query(Long.class).single());
    }
    return counts;
  }

  /** The tables of a stopped instance's database, read with its embedded server started alone. */
  private Map<String, Long> countsOf(Path instance) throws IOException {
    try (EmbeddedPostgres pg =
        EmbeddedPostgres.builder()
            .setDataDirectory(instance.resolve("pgdata"))
            .setCleanDataDirectory(false)
            .setConnectConfig(
                "password", Files.readString(instance.resolve("postgres-password")).strip())
            .start()) {
      return countRows(JdbcClient.create(pg.getDatabase("postgres", "tejido")));
    }
  }

  private long tablesIn(Path instance) throws IOException {
    return countsOf(instance).size();
  }

  // --- the command line ---

  record Result(int exit, String out, String err) {}

  private static Result command(Path instance, Path keys, String... args) {
    System.setProperty("TEJIDO_DATA_DIR", instance.toString());
    System.setProperty("tejido.db.embedded.fsync", "false");
    System.setProperty("tejido.crypto.master-key-file", keys.toString());
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
      int exit = TejidoApplication.command(args);
      return new Result(
          exit, stdout.toString(StandardCharsets.UTF_8), stderr.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(out);
      System.setErr(err);
      System.clearProperty("TEJIDO_DATA_DIR");
      System.clearProperty("tejido.db.embedded.fsync");
      System.clearProperty("tejido.crypto.master-key-file");
    }
  }

  private static boolean contains(byte[] haystack, String text) {
    byte[] needle = text.getBytes(StandardCharsets.UTF_8);
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
