/**
 * Sites: the municipalities (from INEGI's catalogue) and neighbourhoods where Tejido is used, and
 * whether a site is active or suspended for safety. Entry point: {@link org.tejido.sites.Sites};
 * the administrator's changes are published as {@link org.tejido.sites.SiteChanged} events.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Sites")
package org.tejido.sites;
