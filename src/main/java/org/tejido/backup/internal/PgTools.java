package org.tejido.backup.internal;

import com.zaxxer.hikari.HikariDataSource;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.springframework.stereotype.Component;
import org.tejido.backup.BackupProperties;

/**
 * PostgreSQL's own {@code pg_dump} and {@code pg_restore}, used where they are installed and new
 * enough: {@code pg_dump} dumps servers of its own major version and older only, so an older client
 * (PostgreSQL 15's tools beside the embedded PostgreSQL 17, say) is passed over for COPY.
 */
@Component
class PgTools {

  private static final Pattern VERSION = Pattern.compile("\\(PostgreSQL\\)\\s+(\\d+)(\\.\\d+)?");

  private final BackupProperties properties;

  PgTools(BackupProperties properties) {
    this.properties = properties;
  }

  /** An installed PostgreSQL client program and its version. */
  record Tool(String executable, int major, String version) {}

  /** {@code pg_dump}, if it is installed and can dump a server of this major version. */
  Optional<Tool> pgDumpFor(int serverMajor) {
    return find("pg_dump").filter(tool -> canDump(tool.major(), serverMajor));
  }

  /** {@code pg_restore}, if it is installed and can read archives of this major version. */
  Optional<Tool> pgRestoreFor(int archiveMajor) {
    return find("pg_restore").filter(tool -> tool.major() >= archiveMajor);
  }

  /** pg_dump refuses servers newer than itself. */
  static boolean canDump(int pgDumpMajor, int serverMajor) {
    return pgDumpMajor >= serverMajor;
  }

  static Optional<Integer> majorVersion(String versionOutput) {
    Matcher m = VERSION.matcher(versionOutput);
    return m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
  }

  private Optional<Tool> find(String program) {
    String executable =
        properties.pgBinDir() == null ? program : properties.pgBinDir().resolve(program).toString();
    if (properties.pgBinDir() != null && !Files.isExecutable(Path.of(executable))) {
      return Optional.empty();
    }
    try {
      Process p = new ProcessBuilder(executable, "--version").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
        return Optional.empty();
      }
      return majorVersion(out).map(major -> new Tool(executable, major, out));
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /**
   * Dumps the database with {@code pg_dump --format=custom} inside the caller's snapshot (exported
   * from its REPEATABLE READ transaction), so the row counts recorded beside it describe exactly
   * the data in the archive.
   */
  Summary dump(Tool tool, Connection c, DataSource dataSource, DataOutputStream out, String version)
      throws SQLException, IOException {
    String snapshot;
    try (var s = c.createStatement();
        var rows = s.executeQuery("select pg_export_snapshot()")) {
      rows.next();
      snapshot = rows.getString(1);
    }
    List<String> tables = Catalog.tablesInLoadOrder(c);
    long total = 0;
    for (String table : tables) {
      try (var s = c.createStatement();
          var rows = s.executeQuery("select count(*) from " + Catalog.quote(table))) {
        rows.next();
        total += rows.getLong(1);
      }
    }
    out.writeByte(Contents.ARCHIVE);
    out.writeInt(tool.major());
    List<String> command = new ArrayList<>(List.of(tool.executable()));
    command.addAll(
        List.of("--format=custom", "--no-owner", "--no-privileges", "--snapshot=" + snapshot));
    long bytes;
    try (Frames.Writer frame = new Frames.Writer(out)) {
      run(command, dataSource, null, frame);
      frame.close();
      bytes = frame.bytes();
    }
    out.writeByte(Contents.END);
    out.writeInt(tables.size());
    out.writeLong(total);
    return new Summary(Contents.PG_DUMP, version, tables.size(), total, bytes);
  }

  /** Restores a custom-format archive into the (blank) database, all or nothing. */
  void restore(Tool tool, DataSource dataSource, InputStream archive) throws IOException {
    run(
        new ArrayList<>(
            List.of(
                tool.executable(),
                "--no-owner",
                "--no-privileges",
                "--single-transaction",
                "--exit-on-error")),
        dataSource,
        archive,
        OutputStream.nullOutputStream());
  }

  /** Runs a client program against the application's database; its password goes by PGPASSWORD. */
  private static void run(
      List<String> command, DataSource dataSource, InputStream stdin, OutputStream stdout)
      throws IOException {
    HikariDataSource hikari = (HikariDataSource) dataSource;
    URI uri = URI.create(hikari.getJdbcUrl().substring("jdbc:".length()));
    command.add("--host=" + (uri.getHost() == null ? "localhost" : uri.getHost()));
    if (uri.getPort() > 0) {
      command.add("--port=" + uri.getPort());
    }
    if (hikari.getUsername() != null && !hikari.getUsername().isBlank()) {
      command.add("--username=" + hikari.getUsername());
    }
    command.add("--no-password");
    command.add("--dbname=" + uri.getPath().substring(1));
    ProcessBuilder builder = new ProcessBuilder(command);
    if (hikari.getPassword() != null && !hikari.getPassword().isEmpty()) {
      builder.environment().put("PGPASSWORD", hikari.getPassword());
    }
    if (stdin == null) {
      builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    }
    Process process = builder.start();
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    Thread errorReader =
        daemon(
            () -> {
              try (InputStream e = process.getErrorStream()) {
                e.transferTo(errors);
              } catch (IOException ignored) {
                // The exit code says whether it failed.
              }
            });
    Thread feeder = null;
    if (stdin != null) {
      feeder =
          daemon(
              () -> {
                try (OutputStream in = process.getOutputStream()) {
                  stdin.transferTo(in);
                } catch (IOException ignored) {
                  // The program stopped reading: its exit code says why.
                }
              });
    }
    try (InputStream out = process.getInputStream()) {
      out.transferTo(stdout);
    }
    try {
      int exit = process.waitFor();
      errorReader.join();
      if (feeder != null) {
        feeder.join();
      }
      if (exit != 0) {
        throw new IOException(
            Path.of(command.get(0)).getFileName()
                + " failed ("
                + exit
                + "): "
                + errors.toString(StandardCharsets.UTF_8).strip());
      }
    } catch (InterruptedException e) {
      process.destroy();
      Thread.currentThread().interrupt();
      throw new IOException("Interrupted", e);
    }
  }

  private static Thread daemon(Runnable work) {
    Thread thread = new Thread(work, "pg-tools-io");
    thread.setDaemon(true);
    thread.start();
    return thread;
  }
}
