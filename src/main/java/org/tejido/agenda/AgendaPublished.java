package org.tejido.agenda;

import org.tejido.sites.SiteId;

/** A new version of a site's agenda went public. */
public record AgendaPublished(SiteId site, int number) {}
