package org.tejido.analysis.agreement;

import java.util.Locale;

/** The level of measurement of the values being compared, which chooses alpha's metric. */
public enum MeasurementLevel {
  /** Labels: two values either match or do not. */
  NOMINAL,
  /** Ranks: a difference grows with how many values were used between the two. */
  ORDINAL,
  /** Numbers whose differences mean something: squared difference. */
  INTERVAL,
  /** Numbers with a true zero: squared difference relative to their sum. */
  RATIO;

  /** The level as written on the command line ({@code nominal}, {@code ordinal}, ...). */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Reads {@code nominal}, {@code ordinal}, {@code interval} or {@code ratio}, in any case. */
  public static MeasurementLevel parse(String text) {
    for (MeasurementLevel level : values()) {
      if (level.label().equalsIgnoreCase(text.strip())) {
        return level;
      }
    }
    throw new AgreementException(
        "Unknown level '" + text + "': use nominal, ordinal, interval or ratio.");
  }
}
