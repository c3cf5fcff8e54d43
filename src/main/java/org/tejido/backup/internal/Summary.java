package org.tejido.backup.internal;

/** What a backup or a restore did, in numbers only. */
record Summary(String method, String schemaVersion, int tables, long rows, long bytes) {}
