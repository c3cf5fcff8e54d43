package org.tejido.shared;

/**
 * Tejido is up and serving (a web application, ready): the moment for work that tidies the database
 * at start-up. Not published when a command runs ({@code tejido backup restore}, {@code indicators
 * import}, …): a command acts on the database as it finds it — a restore into a blank database
 * above all — and must not have start-up work change it behind its back.
 */
public record ServingStarted() {}
