/**
 * Sites: the municipalities and neighbourhoods where Tejido is used, and whether a site is active
 * or suspended for safety. Entry point: {@link org.tejido.sites.Sites}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Sites")
package org.tejido.sites;
