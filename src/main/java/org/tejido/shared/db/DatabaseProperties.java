package org.tejido.shared.db;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where Tejido keeps its data. With no {@code url} (the default) Tejido starts its own embedded
 * PostgreSQL in {@code embedded.dataDir}; with {@code TEJIDO_DB_URL} it uses that server instead.
 */
@ConfigurationProperties("tejido.db")
public record DatabaseProperties(
    String url,
    String user,
    String password,
    @DefaultValue("10") int poolSize,
    @DefaultValue Embedded embedded) {

  public boolean external() {
    return url != null && !url.isBlank();
  }

  /**
   * The embedded server: its data directory survives restarts unless {@code clean} is set (tests).
   * Its superuser's password is generated on first start into {@code passwordFile} (0600).
   */
  public record Embedded(
      @DefaultValue("var/pgdata") Path dataDir,
      @DefaultValue("var/postgres-password") Path passwordFile,
      @DefaultValue("0") int port,
      @DefaultValue("false") boolean clean,
      @DefaultValue("true") boolean fsync) {}
}
