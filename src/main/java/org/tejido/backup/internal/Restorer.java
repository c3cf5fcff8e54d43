package org.tejido.backup.internal;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.springframework.stereotype.Component;
import org.tejido.audit.AuditLog;
import org.tejido.crypto.BackupEncryption;

/**
 * Loads a backup into an empty database. The file is read twice: once to check all of it (key,
 * integrity, structure, schema version) before anything is changed, then to load it. A blank
 * database is first migrated by Flyway up to the backup's schema version (no further: later
 * migrations run at the next start, on the restored data, as after any upgrade); then every table
 * is loaded in one transaction, parents before children. Nothing is disabled on the way: the
 * triggers that keep the audit log append-only and published agendas immutable refuse updates and
 * deletes only, and a restore only inserts.
 */
@Component
class Restorer {

  private final DataSource dataSource;
  private final BackupEncryption encryption;
  private final PgTools tools;
  private final AuditLog audit;

  Restorer(DataSource dataSource, BackupEncryption encryption, PgTools tools, AuditLog audit) {
    this.dataSource = dataSource;
    this.encryption = encryption;
    this.tools = tools;
    this.audit = audit;
  }

  /** Everything a backup holds except its data, read and checked in the first pass. */
  record Checked(
      Contents.Header header,
      List<Contents.Table> tables,
      Map<String, Long> sequences,
      int archiveMajor,
      Contents.End end) {}

  Summary restore(Path file) throws IOException, SQLException {
    if (!Files.isRegularFile(file)) {
      throw new BackupRefused("No backup file at " + file + ".");
    }
    Checked backup = check(file);
    Flyway flyway =
        Flyway.configure()
            .dataSource(dataSource)
            .locations("classpath:db/migration")
            .target(MigrationVersion.fromVersion(backup.header().schemaVersion()))
            .load();
    MigrationVersion known = latestKnown(flyway);
    MigrationVersion wanted = MigrationVersion.fromVersion(backup.header().schemaVersion());
    if (known == null || wanted.isNewerThan(known.getVersion())) {
      throw new BackupRefused(
          "This backup is at schema version "
              + wanted
              + ", newer than this version of Tejido knows ("
              + known
              + "). Restore it with the version of Tejido that made it, or a newer one.");
    }
    Set<String> holdingRows;
    boolean blank;
    try (Connection c = dataSource.getConnection()) {
      List<String> tables = Catalog.tablesInLoadOrder(c);
      blank = tables.isEmpty();
      if (!blank) {
        String current = Catalog.schemaVersion(c);
        if (current == null) {
          throw new BackupRefused(
              "This database already holds tables that are not Tejido's ("
                  + String.join(", ", tables.subList(0, Math.min(5, tables.size())))
                  + "). Restore into a new, empty database.");
        }
        if (!wanted.equals(MigrationVersion.fromVersion(current))) {
          throw new BackupRefused(
              "This database is at schema version "
                  + current
                  + " and the backup at "
                  + wanted
                  + ". Restore into a new, empty database.");
        }
        if (Contents.PG_DUMP.equals(backup.header().method())) {
          throw new BackupRefused(
              "A backup made with pg_dump is restored into a new database without any tables;"
                  + " this one already has Tejido's.");
        }
      }
      holdingRows = new HashSet<>();
      for (String table : tables) {
        if (!table.equals(Catalog.HISTORY) && Catalog.hasRows(c, table)) {
          holdingRows.add(table);
        }
      }
    }
    if (Contents.PG_DUMP.equals(backup.header().method())) {
      return restoreArchive(file, backup);
    }
    if (blank) {
      flyway.migrate();
      try (Connection c = dataSource.getConnection()) {
        for (String table : Catalog.tablesInLoadOrder(c)) {
          if (!table.equals(Catalog.HISTORY) && Catalog.hasRows(c, table)) {
            holdingRows.add(table);
          }
        }
      }
    }
    Summary summary = load(file, backup, holdingRows);
    audit.record(
        null,
        "backup.restored",
        "backup",
        summary.tables()
            + " tables, "
            + summary.rows()
            + " rows, schema "
            + summary.schemaVersion());
    return summary;
  }

  private static MigrationVersion latestKnown(Flyway flyway) {
    MigrationVersion latest = null;
    for (MigrationInfo info : flyway.info().all()) {
      if (info.getVersion() != null
          && (latest == null || info.getVersion().isNewerThan(latest.getVersion()))) {
        latest = info.getVersion();
      }
    }
    return latest;
  }

  /** The first pass: reads the whole file, keeping nothing but its structure. */
  Checked check(Path file) throws IOException {
    try (Reading reading = open(file)) {
      DataInputStream in = reading.in();
      Contents.Header header = Contents.Header.read(in);
      List<Contents.Table> tables = new ArrayList<>();
      Map<String, Long> sequences = new LinkedHashMap<>();
      int archiveMajor = 0;
      while (true) {
        byte kind = in.readByte();
        if (kind == Contents.TABLE && Contents.COPY.equals(header.method())) {
          String name = in.readUTF();
          List<String> columns = readColumns(in);
          new Frames.Reader(in).skipAll();
          tables.add(new Contents.Table(name, columns, in.readLong()));
        } else if (kind == Contents.ARCHIVE && Contents.PG_DUMP.equals(header.method())) {
          archiveMajor = in.readInt();
          new Frames.Reader(in).skipAll();
        } else if (kind == Contents.SEQUENCE) {
          sequences.put(in.readUTF(), in.readLong());
        } else if (kind == Contents.END) {
          Contents.End end = new Contents.End(in.readInt(), in.readLong());
          reading.finish();
          if (Contents.COPY.equals(header.method())
              && (end.tables() != tables.size()
                  || end.rows() != tables.stream().mapToLong(Contents.Table::rows).sum())) {
            throw new Contents.Malformed("its totals do not match its tables");
          }
          return new Checked(header, tables, sequences, archiveMajor, end);
        } else {
          throw new Contents.Malformed("unexpected section " + kind);
        }
      }
    }
  }

  private static List<String> readColumns(DataInputStream in) throws IOException {
    int count = in.readInt();
    if (count < 0 || count > 1600) {
      throw new Contents.Malformed("a table with " + count + " columns");
    }
    List<String> columns = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      columns.add(in.readUTF());
    }
    return columns;
  }

  /** The second pass: loads every table in one transaction, or nothing. */
  private Summary load(Path file, Checked backup, Set<String> holdingRows)
      throws IOException, SQLException {
    try (Reading reading = open(file);
        Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        DataInputStream in = reading.in();
        Contents.Header.read(in);
        CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
        Set<String> present = new HashSet<>(Catalog.tablesInLoadOrder(c));
        long total = 0;
        int tables = 0;
        for (Contents.Table expected : backup.tables()) {
          if (in.readByte() != Contents.TABLE) {
            throw new Contents.Malformed("it changed while it was read");
          }
          String name = in.readUTF();
          List<String> columns = readColumns(in);
          if (!name.equals(expected.name()) || !columns.equals(expected.columns())) {
            throw new Contents.Malformed("it changed while it was read");
          }
          if (!present.contains(name) || !Catalog.columns(c, name).equals(columns)) {
            throw new BackupRefused(
                "The table "
                    + name
                    + " in the backup does not match this database's. Restore into a new, empty"
                    + " database.");
          }
          Frames.Reader data = new Frames.Reader(in);
          long rows;
          if (name.equals(Catalog.HISTORY)) {
            rows = sameHistory(c, copy, columns, data);
          } else if (holdingRows.contains(name)) {
            rows = addToRowsThere(c, copy, name, columns, data);
          } else {
            rows =
                copy.copyIn(
                    "COPY "
                        + Catalog.quote(name)
                        + " ("
                        + Catalog.columnList(columns)
                        + ") FROM STDIN (FORMAT binary)",
                    data);
          }
          data.skipAll();
          long written = in.readLong();
          if (rows != written || written != expected.rows()) {
            throw new Contents.Malformed(
                "the table " + name + " holds " + rows + " rows instead of " + written);
          }
          if (!name.equals(Catalog.HISTORY)) {
            total += rows;
          }
          tables++;
        }
        for (Map.Entry<String, Long> sequence : backup.sequences().entrySet()) {
          if (in.readByte() != Contents.SEQUENCE || !in.readUTF().equals(sequence.getKey())) {
            throw new Contents.Malformed("it changed while it was read");
          }
          long value = in.readLong();
          try (var s = c.prepareStatement("select setval(?::regclass, ?, true)")) {
            s.setString(1, Catalog.quote(sequence.getKey()));
            s.setLong(2, value);
            s.execute();
          }
        }
        if (in.readByte() != Contents.END) {
          throw new Contents.Malformed("it changed while it was read");
        }
        in.readInt();
        in.readLong();
        reading.finish();
        c.commit();
        return new Summary(
            Contents.COPY, backup.header().schemaVersion(), tables, total, Files.size(file));
      } catch (IOException | SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    }
  }

  /**
   * Flyway wrote its own history while migrating; the backup's must describe the same migrations
   * (same versions, same checksums), or the backup was made from a schema this Tejido does not
   * have.
   */
  private static long sameHistory(
      Connection c, CopyManager copy, List<String> columns, Frames.Reader data)
      throws SQLException, IOException {
    try (var s = c.createStatement()) {
      s.execute(
          "create temp table restored_history (like "
              + Catalog.quote(Catalog.HISTORY)
              + ") on commit drop");
    }
    long rows =
        copy.copyIn(
            "COPY restored_history ("
                + Catalog.columnList(columns)
                + ") FROM STDIN (FORMAT binary)",
            data);
    String differs =
        "select count(*) from ((select version, checksum from restored_history where success"
            + " and version is not null except select version, checksum from "
            + Catalog.quote(Catalog.HISTORY)
            + " where success and version is not null) union all (select version, checksum from "
            + Catalog.quote(Catalog.HISTORY)
            + " where success and version is not null except select version, checksum from"
            + " restored_history where success and version is not null)) d";
    try (var s = c.createStatement();
        var result = s.executeQuery(differs)) {
      result.next();
      if (result.getLong(1) != 0) {
        throw new BackupRefused(
            "The backup's schema history differs from this database's migrations: it was made"
                + " with migrations this version of Tejido does not have.");
      }
    }
    try (var s = c.createStatement()) {
      s.execute("drop table restored_history");
    }
    return rows;
  }

  /**
   * A table that already holds rows: allowed only when every one of them is also in the backup (the
   * vocabulary a migration inserts, say); the backup's other rows are then added. Any row of the
   * database's own means it is not empty, and the restore is refused.
   */
  private static long addToRowsThere(
      Connection c, CopyManager copy, String name, List<String> columns, Frames.Reader data)
      throws SQLException, IOException {
    String cols = Catalog.columnList(columns);
    try (var s = c.createStatement()) {
      s.execute(
          "create temp table restored_rows (like " + Catalog.quote(name) + ") on commit drop");
    }
    long rows = copy.copyIn("COPY restored_rows (" + cols + ") FROM STDIN (FORMAT binary)", data);
    try (var s = c.createStatement();
        var result =
            s.executeQuery(
                "select count(*) from (select "
                    + cols
                    + " from "
                    + Catalog.quote(name)
                    + " except all select "
                    + cols
                    + " from restored_rows) d")) {
      result.next();
      long own = result.getLong(1);
      if (own != 0) {
        throw new BackupRefused(
            "This database is not empty: the table "
                + name
                + " holds "
                + own
                + " rows that are not in the backup. Restore into a new, empty database;"
                + " nothing was changed.");
      }
    }
    try (var s = c.createStatement()) {
      s.execute(
          "insert into "
              + Catalog.quote(name)
              + " ("
              + cols
              + ") select "
              + cols
              + " from restored_rows except select "
              + cols
              + " from "
              + Catalog.quote(name));
      s.execute("drop table restored_rows");
    }
    return rows;
  }

  private Summary restoreArchive(Path file, Checked backup) throws IOException, SQLException {
    PgTools.Tool pgRestore =
        tools
            .pgRestoreFor(backup.archiveMajor())
            .orElseThrow(
                () ->
                    new BackupRefused(
                        "This backup was made with pg_dump "
                            + backup.archiveMajor()
                            + "; install pg_restore "
                            + backup.archiveMajor()
                            + " or newer (or set tejido.backup.pg-bin-dir) to restore it."));
    try (Reading reading = open(file)) {
      DataInputStream in = reading.in();
      Contents.Header.read(in);
      if (in.readByte() != Contents.ARCHIVE) {
        throw new Contents.Malformed("it changed while it was read");
      }
      in.readInt();
      Frames.Reader archive = new Frames.Reader(in);
      tools.restore(pgRestore, dataSource, archive);
      archive.skipAll();
      while (in.readByte() == Contents.SEQUENCE) {
        in.readUTF();
        in.readLong();
      }
      in.readInt();
      in.readLong();
      reading.finish();
    }
    try (Connection c = dataSource.getConnection()) {
      String restored = Catalog.schemaVersion(c);
      if (!backup.header().schemaVersion().equals(restored)) {
        throw new BackupRefused(
            "pg_restore finished but the schema is at version "
                + restored
                + ", not "
                + backup.header().schemaVersion()
                + ".");
      }
    }
    audit.record(
        null,
        "backup.restored",
        "backup",
        backup.end().tables()
            + " tables, "
            + backup.end().rows()
            + " rows, schema "
            + backup.header().schemaVersion()
            + ", pg_dump");
    return new Summary(
        Contents.PG_DUMP,
        backup.header().schemaVersion(),
        backup.end().tables(),
        backup.end().rows(),
        Files.size(file));
  }

  /** The decrypted, decompressed contents of a backup file. */
  private Reading open(Path file) throws IOException {
    InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    try {
      InputStream decrypted = encryption.decrypting(raw);
      GZIPInputStream unzipped;
      try {
        unzipped = new GZIPInputStream(decrypted, 1 << 16);
      } catch (ZipException e) {
        throw new Contents.Malformed("its contents are not compressed as a backup's are");
      }
      return new Reading(
          raw, decrypted, new DataInputStream(new BufferedInputStream(unzipped, 1 << 16)));
    } catch (IOException | RuntimeException e) {
      raw.close();
      throw e;
    }
  }

  /** An open backup; {@link #finish} checks that it ends exactly where its contents do. */
  private record Reading(InputStream raw, InputStream decrypted, DataInputStream in)
      implements AutoCloseable {

    void finish() throws IOException {
      if (in.read() != -1) {
        throw new Contents.Malformed("it goes on after its end");
      }
      // Reading the decrypted stream to its end authenticates the last segment: a file cut at a
      // segment boundary is caught here.
      if (decrypted.read() != -1) {
        throw new Contents.Malformed("it goes on after its end");
      }
    }

    @Override
    public void close() throws IOException {
      raw.close();
    }
  }
}
