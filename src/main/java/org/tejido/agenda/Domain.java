package org.tejido.agenda;

import org.tejido.shared.LocalizedText;

/** A human-security domain; {@code un1994} marks the seven of the UNDP 1994 report. */
public record Domain(String key, LocalizedText name, boolean un1994) {

  /**
   * The domain's icon: a symbol that the bundled DejaVu Sans draws, so the web page and the printed
   * booklet show the same one without images or SVG. Decorative: the domain's name is always beside
   * it.
   */
  public String icon() {
    return switch (key) {
      case "personal" -> "\u2602"; // umbrella: protection
      case "community" -> "\u2302"; // house
      case "political" -> "\u2696"; // scales
      case "economic" -> "\u2692"; // hammer and pick: work
      case "health" -> "\u271A"; // cross
      case "food" -> "\u2615"; // hot drink
      case "environmental" -> "\u2618"; // shamrock
      case "women" -> "\u2640"; // female sign
      case "youth" -> "\u2605"; // star
      default -> "\u25C9"; // fisheye: a domain added later
    };
  }
}
