package org.tejido.identity;

import org.tejido.sites.SiteId;

/** One person's role at one site. */
public record Membership(SiteId siteId, String siteKey, SiteRole role) {}
