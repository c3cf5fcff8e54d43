package org.tejido.sites;

import org.tejido.shared.LocalizedText;

/**
 * A site: a neighbourhood in a municipality (identified by its INEGI code).
 *
 * @param key the short, stable name used in addresses, e.g. {@code apatzingan}
 * @param fictional a made-up site (the demonstration site), whose pages say so
 */
public record Site(
    SiteId id,
    String key,
    String municipality,
    String state,
    String inegiCode,
    String neighbourhood,
    SiteStatus status,
    LocalizedText statusReason,
    LocalizedText populationNotes,
    boolean fictional) {

  public boolean suspendedForSafety() {
    return status == SiteStatus.SUSPENDED_FOR_SAFETY;
  }
}
