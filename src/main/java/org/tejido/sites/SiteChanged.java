package org.tejido.sites;

/**
 * What an administrator did to a site, published by {@link Sites} inside the transaction that did
 * it (the audit log records it there; the public page cache empties after the commit).
 */
public sealed interface SiteChanged {

  SiteId site();

  String key();

  /** The administrator added the site. */
  record Added(SiteId site, String key) implements SiteChanged {}

  /** Its municipality, neighbourhood or population notes changed. */
  record Edited(SiteId site, String key) implements SiteChanged {}

  /** Suspended for safety: its public pages say only that, with the reason. */
  record Suspended(SiteId site, String key) implements SiteChanged {}

  /** Active again: its public pages show its agenda again. */
  record Reactivated(SiteId site, String key) implements SiteChanged {}
}
