package org.tejido.backup.internal;

import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import org.springframework.stereotype.Component;
import org.tejido.shared.cli.AdminCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tejido backup FILE} and {@code tejido restore FILE}. */
final class BackupCommands {

  private BackupCommands() {}

  @Component
  @Command(
      name = "backup",
      mixinStandardHelpOptions = true,
      description = {
        "Write an encrypted, consistent snapshot of the whole database to FILE.",
        "It can be read only with this instance's master key, which it does not contain:"
            + " keep the master key apart from the backups."
      })
  static final class Backup implements AdminCommand, Callable<Integer> {

    private final BackupWriter writer;

    @Parameters(
        paramLabel = "FILE",
        description = "The backup file to write (replaced if it exists).")
    Path file;

    @Option(names = "--copy", description = "Use COPY even where a suitable pg_dump is installed.")
    boolean copyOnly;

    Backup(BackupWriter writer) {
      this.writer = writer;
    }

    @Override
    public Integer call() {
      try {
        Summary done = writer.write(file, !copyOnly);
        System.out.printf(
            "Backup written to %s: %d tables, %d rows, %d bytes, schema version %s (%s).%n",
            file, done.tables(), done.rows(), done.bytes(), done.schemaVersion(), method(done));
        return 0;
      } catch (BackupRefused | IOException | SQLException e) {
        System.err.println("Backup failed: " + message(e) + " No backup file was written.");
        return 1;
      }
    }
  }

  @Component
  @Command(
      name = "restore",
      mixinStandardHelpOptions = true,
      description = {
        "Load a backup made by 'tejido backup' into an empty database.",
        "A blank database is first migrated to the backup's schema version; the data is then"
            + " loaded in one transaction. Stop Tejido first."
      })
  static final class Restore implements AdminCommand, Callable<Integer> {

    private final Restorer restorer;

    @Parameters(paramLabel = "FILE", description = "The backup file to restore.")
    Path file;

    Restore(Restorer restorer) {
      this.restorer = restorer;
    }

    @Override
    public Integer call() {
      try {
        Summary done = restorer.restore(file);
        System.out.printf(
            "Restored %s: %d tables, %d rows, schema version %s (%s).%n",
            file, done.tables(), done.rows(), done.schemaVersion(), method(done));
        return 0;
      } catch (BackupRefused | IOException | SQLException e) {
        System.err.println("Restore refused: " + message(e));
        return 1;
      }
    }
  }

  private static String method(Summary summary) {
    return Contents.PG_DUMP.equals(summary.method())
        ? "pg_dump"
        : "COPY in one REPEATABLE READ snapshot";
  }

  private static String message(Exception e) {
    if (e instanceof EOFException) {
      return "The backup ends too early: it is incomplete.";
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
