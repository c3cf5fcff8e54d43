package org.tejido.backup.internal;

/** A backup or restore that cannot go ahead, with what to do about it; nothing was changed. */
final class BackupRefused extends RuntimeException {
  BackupRefused(String message) {
    super(message);
  }
}
