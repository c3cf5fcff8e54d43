package org.tejido.backup.internal;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.springframework.stereotype.Component;
import org.tejido.audit.AuditLog;
import org.tejido.crypto.BackupEncryption;

/**
 * Writes a backup: one consistent snapshot of the whole schema, compressed, then encrypted with
 * {@link BackupEncryption}, into a file readable by its owner only that appears under its name only
 * once complete.
 */
@Component
class BackupWriter {

  private final DataSource dataSource;
  private final BackupEncryption encryption;
  private final PgTools tools;
  private final AuditLog audit;

  BackupWriter(DataSource dataSource, BackupEncryption encryption, PgTools tools, AuditLog audit) {
    this.dataSource = dataSource;
    this.encryption = encryption;
    this.tools = tools;
    this.audit = audit;
  }

  Summary write(Path target, boolean allowPgDump) throws IOException, SQLException {
    Path absolute = target.toAbsolutePath();
    if (Files.isDirectory(absolute)) {
      throw new BackupRefused(target + " is a directory; name the backup file.");
    }
    Path directory = absolute.getParent();
    if (directory == null || !Files.isDirectory(directory)) {
      throw new BackupRefused("The directory " + directory + " does not exist.");
    }
    Path partial = temporaryFile(directory, absolute.getFileName().toString());
    boolean done = false;
    try {
      Summary summary;
      try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.WRITE)) {
        // Closing the encryption writes its last segment; the channel stays open to be synced.
        OutputStream file =
            new FilterOutputStream(Channels.newOutputStream(channel)) {
              @Override
              public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
              }

              @Override
              public void close() throws IOException {
                flush();
              }
            };
        summary = snapshot(new BufferedOutputStream(file, 1 << 16), allowPgDump);
        channel.force(true);
      }
      Files.move(
          partial, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      done = true;
      Summary written =
          new Summary(
              summary.method(),
              summary.schemaVersion(),
              summary.tables(),
              summary.rows(),
              Files.size(absolute));
      audit.record(
          null,
          "backup.created",
          "backup",
          written.tables()
              + " tables, "
              + written.rows()
              + " rows, schema "
              + written.schemaVersion()
              + ", "
              + written.method());
      return written;
    } finally {
      if (!done) {
        Files.deleteIfExists(partial);
      }
    }
  }

  /** A new file beside the target, mode 0600 from its creation (never readable by others). */
  private static Path temporaryFile(Path directory, String name) throws IOException {
    for (int attempt = 0; ; attempt++) {
      Path candidate =
          directory.resolve("." + name + "." + Long.toHexString(System.nanoTime()) + ".partial");
      try {
        try {
          return Files.createFile(
              candidate,
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
          return Files.createFile(candidate);
        }
      } catch (FileAlreadyExistsException e) {
        if (attempt > 10) {
          throw e;
        }
      }
    }
  }

  private Summary snapshot(OutputStream file, boolean allowPgDump)
      throws IOException, SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      c.setReadOnly(true);
      try {
        String version = Catalog.schemaVersion(c);
        if (version == null) {
          throw new BackupRefused(
              "This database holds no Tejido schema: there is nothing to back up.");
        }
        int serverMajor = Catalog.serverMajorVersion(c);
        var pgDump =
            allowPgDump ? tools.pgDumpFor(serverMajor) : java.util.Optional.<PgTools.Tool>empty();
        String method = pgDump.isPresent() ? Contents.PG_DUMP : Contents.COPY;
        try (OutputStream encrypted = encryption.encrypting(file);
            GZIPOutputStream zipped = fastGzip(encrypted);
            DataOutputStream out =
                new DataOutputStream(new BufferedOutputStream(zipped, 1 << 16))) {
          new Contents.Header(method, version, Instant.now().toString(), serverMajor).write(out);
          Summary summary =
              pgDump.isPresent()
                  ? tools.dump(pgDump.get(), c, dataSource, out, version)
                  : copyEveryTable(c, out, version);
          out.flush();
          return summary;
        }
      } finally {
        c.rollback();
      }
    }
  }

  private static Summary copyEveryTable(Connection c, DataOutputStream out, String version)
      throws SQLException, IOException {
    CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
    List<String> tables = Catalog.tablesInLoadOrder(c);
    long total = 0;
    long bytes = 0;
    for (String table : tables) {
      List<String> columns = Catalog.columns(c, table);
      out.writeByte(Contents.TABLE);
      out.writeUTF(table);
      out.writeInt(columns.size());
      for (String column : columns) {
        out.writeUTF(column);
      }
      long rows;
      try (Frames.Writer frame = new Frames.Writer(out)) {
        rows =
            copy.copyOut(
                "COPY "
                    + Catalog.quote(table)
                    + " ("
                    + Catalog.columnList(columns)
                    + ") TO STDOUT (FORMAT binary)",
                frame);
        frame.close();
        bytes += frame.bytes();
      }
      out.writeLong(rows);
      total += rows;
    }
    for (Map.Entry<String, Long> sequence : Catalog.sequences(c).entrySet()) {
      if (sequence.getValue() != null) {
        out.writeByte(Contents.SEQUENCE);
        out.writeUTF(sequence.getKey());
        out.writeLong(sequence.getValue());
      }
    }
    out.writeByte(Contents.END);
    out.writeInt(tables.size());
    out.writeLong(total);
    return new Summary(Contents.COPY, version, tables.size(), total, bytes);
  }

  /** Compression that keeps up with the database: most of what Tejido stores is ciphertext. */
  static GZIPOutputStream fastGzip(OutputStream out) throws IOException {
    return new GZIPOutputStream(out, 1 << 16) {
      {
        def.setLevel(Deflater.BEST_SPEED);
      }
    };
  }
}
