package org.tejido.sites;

/** A new site exists (published inside the transaction that created it). */
public record SiteRegistered(SiteId site, String key) {}
