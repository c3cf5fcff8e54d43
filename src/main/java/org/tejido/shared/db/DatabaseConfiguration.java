package org.tejido.shared.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.tejido.shared.PrivateFiles;

/**
 * One data source for the whole application: the external PostgreSQL named by {@code
 * TEJIDO_DB_URL}, or an embedded PostgreSQL (real binaries from Maven Central) that lives as long
 * as the application context.
 *
 * <p>The embedded server listens on loopback only and asks for a password (SCRAM-SHA-256), which
 * Tejido generates on first start and keeps owner-only beside the data directory: another local
 * account cannot connect as the superuser, change a role or turn off the audit triggers. Zonky runs
 * {@code initdb -A trust}; the first start (and a start on a data directory made by an older
 * version) therefore sets the password while {@code trust} still holds, then rewrites {@code
 * pg_hba.conf} and reloads. Zonky's readiness check connects with the password given through {@code
 * setConnectConfig}, which both kinds of start accept.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

  static final String EMBEDDED_DATABASE = "tejido";
  private static final Logger log = LoggerFactory.getLogger(DatabaseConfiguration.class);

  /** Only these lines: password (SCRAM-SHA-256) over loopback TCP, no Unix socket at all. */
  static final String PG_HBA =
      """
      # Written by Tejido at every start: the embedded server asks every client for the password
      # kept in tejido.db.embedded.password-file, over loopback only.
      host all all 127.0.0.1/32 scram-sha-256
      host all all ::1/128 scram-sha-256
      """;

  @Bean(destroyMethod = "close")
  EmbeddedServer embeddedServer(
      DatabaseProperties properties, @Value("${tejido.data-dir:var}") Path dataDir)
      throws IOException, SQLException {
    // The data directory holds the key directory and, embedded, the database: owner-only either
    // way. This bean is the first to touch it (every other bean needs the data source).
    PrivateFiles.directory(dataDir);
    if (properties.external()) {
      return EmbeddedServer.NONE;
    }
    DatabaseProperties.Embedded embedded = properties.embedded();
    PrivateFiles.directory(embedded.dataDir().toAbsolutePath().getParent());
    Files.createDirectories(embedded.dataDir());
    String password = password(embedded.passwordFile());
    EmbeddedPostgres.Builder builder =
        EmbeddedPostgres.builder()
            .setDataDirectory(embedded.dataDir())
            .setCleanDataDirectory(embedded.clean())
            .setPGStartupWait(Duration.ofSeconds(60))
            .setServerConfig("max_connections", "100")
            .setServerConfig("listen_addresses", "127.0.0.1")
            // No Unix socket: pg_hba.conf then has only the loopback lines to get right.
            .setServerConfig("unix_socket_directories", "''")
            .setServerConfig("password_encryption", "scram-sha-256")
            // Zonky's own readiness check, and getDatabase(), connect with these properties.
            .setConnectConfig("password", password);
    // Zonky starts PostgreSQL with -F (fsync off) and synchronous_commit=off, which suits
    // throw-away test databases. Say what we want either way: -c fsync=on comes after -F and wins.
    String durable = embedded.fsync() ? "on" : "off";
    builder.setServerConfig("fsync", durable).setServerConfig("synchronous_commit", durable);
    if (embedded.port() > 0) {
      builder.setPort(embedded.port());
    }
    EmbeddedPostgres postgres = builder.start();
    try {
      requirePassword(postgres, embedded.dataDir(), password);
      try (Connection c = postgres.getPostgresDatabase().getConnection();
          Statement s = c.createStatement()) {
        var rs =
            s.executeQuery("select 1 from pg_database where datname = '" + EMBEDDED_DATABASE + "'");
        if (!rs.next()) {
          s.execute("create database " + EMBEDDED_DATABASE);
        }
      }
    } catch (IOException | SQLException | RuntimeException e) {
      postgres.close();
      throw e;
    }
    log.info(
        "Embedded PostgreSQL on port {} with data in {}",
        postgres.getPort(),
        embedded.dataDir().toAbsolutePath());
    return new EmbeddedServer(postgres, password);
  }

  /** The superuser's password: read from its file, or generated and written there (0600). */
  static String password(Path file) {
    if (Files.exists(file)) {
      String kept = PrivateFiles.readSecret(file).strip();
      if (!kept.isEmpty()) {
        return kept;
      }
    }
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    String generated = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    PrivateFiles.writeSecret(file, generated + "\n");
    log.info("Generated the embedded PostgreSQL password in {}", file.toAbsolutePath());
    return generated;
  }

  /**
   * Gives the superuser the password (hashed with SCRAM-SHA-256) and makes the server ask for it.
   * Idempotent: on a data directory already set up this rewrites the same two files.
   */
  private static void requirePassword(EmbeddedPostgres postgres, Path dataDir, String password)
      throws IOException, SQLException {
    try (Connection c = postgres.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("set password_encryption = 'scram-sha-256'");
      // The password is Base64url (letters, digits, '-', '_'): nothing to escape in a literal.
      s.execute("alter role postgres with password '" + password + "'");
      Path hba = dataDir.resolve("pg_hba.conf");
      if (!PG_HBA.equals(Files.readString(hba))) {
        Files.writeString(hba, PG_HBA);
        s.execute("select pg_reload_conf()");
      }
    }
  }

  @Bean(destroyMethod = "close")
  HikariDataSource dataSource(DatabaseProperties properties, EmbeddedServer server) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("tejido");
    config.setMaximumPoolSize(properties.poolSize());
    if (properties.external()) {
      config.setJdbcUrl(properties.url());
      config.setUsername(properties.user());
      config.setPassword(properties.password());
    } else {
      config.setJdbcUrl(server.postgres().getJdbcUrl("postgres", EMBEDDED_DATABASE));
      config.setUsername("postgres");
      config.setPassword(server.password());
    }
    return new HikariDataSource(config);
  }

  /** Holds the embedded server so that it stops after the pool that uses it has closed. */
  record EmbeddedServer(EmbeddedPostgres postgres, String password) implements AutoCloseable {
    static final EmbeddedServer NONE = new EmbeddedServer(null, null);

    @Override
    public void close() throws IOException {
      if (postgres != null) {
        postgres.close();
      }
    }
  }
}
