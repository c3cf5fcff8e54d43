package org.tejido.shared;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Directories and files that only Tejido's own system user may read: the data directory, the key
 * directory, the database password, a demo recovery key. Directories are 0700 (and tightened if
 * they exist with looser rights), files 0600 from the moment they exist.
 */
public final class PrivateFiles {

  private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY =
      PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> OWNER_ONLY_FILE =
      PosixFilePermissions.fromString("rw-------");

  private PrivateFiles() {}

  private static boolean posix() {
    return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  }

  /** Creates the directory (and its missing parents) if needed and makes it owner-only. */
  public static Path directory(Path dir) {
    try {
      Files.createDirectories(dir);
      if (posix() && !Files.getPosixFilePermissions(dir).equals(OWNER_ONLY_DIRECTORY)) {
        Files.setPosixFilePermissions(dir, OWNER_ONLY_DIRECTORY);
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot make " + dir + " a private directory", e);
    }
  }

  /**
   * Writes a secret to a file that is owner-only from its creation (a temporary file moved into
   * place), in a private directory.
   */
  public static void writeSecret(Path file, String text) {
    Path dir = directory(file.toAbsolutePath().getParent());
    try {
      Path tmp = Files.createTempFile(dir, ".secret", ".tmp");
      try {
        if (posix()) {
          Files.setPosixFilePermissions(tmp, OWNER_ONLY_FILE);
        }
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file, e);
    }
  }

  /** Reads a secret file, tightening it to owner-only first if it had looser rights. */
  public static String readSecret(Path file) {
    try {
      if (posix() && !Files.getPosixFilePermissions(file).equals(OWNER_ONLY_FILE)) {
        Files.setPosixFilePermissions(file, OWNER_ONLY_FILE);
      }
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
  }
}
