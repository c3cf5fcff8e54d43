package org.tejido.backup;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where PostgreSQL's client programs ({@code pg_dump}, {@code pg_restore}) are: a directory, or
 * null to look them up on the {@code PATH}. They are used only when their major version can dump
 * the server; otherwise backups are made with COPY.
 */
@ConfigurationProperties("tejido.backup")
public record BackupProperties(Path pgBinDir) {}
