package org.tejido.identity;

import org.tejido.sites.SiteId;

/**
 * One person's role at one site; {@code siteName} is what people call the site (its municipality).
 */
public record Membership(SiteId siteId, String siteKey, String siteName, SiteRole role) {}
