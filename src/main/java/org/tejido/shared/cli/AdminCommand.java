package org.tejido.shared.cli;

/**
 * Marker for a picocli {@code @Command} bean that becomes a top-level subcommand of {@code tejido}.
 */
public interface AdminCommand {}
