package org.tejido.observatory;

import org.tejido.sites.SiteId;

/**
 * Something the public tracker shows changed at a site (a recommendation, a session, a commitment,
 * an update, an institution's name): published inside the change's transaction, so a listener can
 * empty the public page cache.
 */
public record ObservatoryChanged(SiteId site) {}
