package org.tejido.participation;

import org.tejido.sites.SiteId;

/** A site's public engagement log changed (an event added or removed). */
public record EngagementLogged(SiteId site) {}
