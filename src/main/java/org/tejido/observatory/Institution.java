package org.tejido.observatory;

/**
 * An institution or actor of a site's directory, as anyone may see it: its contacts are not here
 * (they are for the site's staff alone).
 */
public record Institution(
    InstitutionId id, String name, InstitutionLevel level, InstitutionType type) {}
