package org.tejido.sites;

import org.tejido.shared.LocalizedText;

/**
 * What an administrator enters for a site. Only the INEGI code is taken for the municipality: its
 * name and its state's come from INEGI's catalogue.
 */
public record SiteDetails(String inegiCode, String neighbourhood, LocalizedText populationNotes) {

  public static final int NEIGHBOURHOOD_MAX = 200;
  public static final int NOTES_MAX = 1000;
  public static final int REASON_MAX = 1000;
}
