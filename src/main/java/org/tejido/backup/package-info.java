/**
 * Backup and restore of the whole database: {@code tejido backup FILE} writes a consistent,
 * encrypted snapshot (readable only with the master key, which is never inside it) and {@code
 * tejido restore FILE} loads one into an empty database. See {@code docs/backup.md}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Backup and restore")
package org.tejido.backup;
