package org.tejido.shared.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One data source for the whole application: the external PostgreSQL named by {@code
 * TEJIDO_DB_URL}, or an embedded PostgreSQL (real binaries from Maven Central) that lives as long
 * as the application context.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

  static final String EMBEDDED_DATABASE = "tejido";
  private static final Logger log = LoggerFactory.getLogger(DatabaseConfiguration.class);

  @Bean(destroyMethod = "close")
  EmbeddedServer embeddedServer(DatabaseProperties properties) throws IOException, SQLException {
    if (properties.external()) {
      return EmbeddedServer.NONE;
    }
    DatabaseProperties.Embedded embedded = properties.embedded();
    Files.createDirectories(embedded.dataDir());
    EmbeddedPostgres.Builder builder =
        EmbeddedPostgres.builder()
            .setDataDirectory(embedded.dataDir())
            .setCleanDataDirectory(embedded.clean())
            .setPGStartupWait(Duration.ofSeconds(60))
            .setServerConfig("max_connections", "100")
            .setServerConfig("listen_addresses", "127.0.0.1");
    // Zonky starts PostgreSQL with -F (fsync off) and synchronous_commit=off, which suits
    // throw-away test databases. Say what we want either way: -c fsync=on comes after -F and wins.
    String durable = embedded.fsync() ? "on" : "off";
    builder.setServerConfig("fsync", durable).setServerConfig("synchronous_commit", durable);
    if (embedded.port() > 0) {
      builder.setPort(embedded.port());
    }
    EmbeddedPostgres postgres = builder.start();
    try (Connection c = postgres.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      var rs =
          s.executeQuery("select 1 from pg_database where datname = '" + EMBEDDED_DATABASE + "'");
      if (!rs.next()) {
        s.execute("create database " + EMBEDDED_DATABASE);
      }
    }
    log.info(
        "Embedded PostgreSQL on port {} with data in {}",
        postgres.getPort(),
        embedded.dataDir().toAbsolutePath());
    return new EmbeddedServer(postgres);
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
    }
    return new HikariDataSource(config);
  }

  /** Holds the embedded server so that it stops after the pool that uses it has closed. */
  record EmbeddedServer(EmbeddedPostgres postgres) implements AutoCloseable {
    static final EmbeddedServer NONE = new EmbeddedServer(null);

    @Override
    public void close() throws IOException {
      if (postgres != null) {
        postgres.close();
      }
    }
  }
}
