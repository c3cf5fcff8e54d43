package org.tejido.sites;

import org.tejido.shared.LocalizedText;

/** What it takes to register a site. */
public record NewSite(
    String key,
    String municipality,
    String state,
    String inegiCode,
    String neighbourhood,
    SiteStatus status,
    LocalizedText statusReason,
    LocalizedText populationNotes) {}
