package org.tejido.agenda.internal.web;

import org.tejido.shared.BadRequest;

/** Version numbers as written in an address ({@code ?from=1&to=2}). */
final class VersionNumbers {

  private VersionNumbers() {}

  /**
   * @return null when absent
   * @throws BadRequest {@code agenda.changes.number} for anything but a whole number from 1
   */
  static Integer parse(String value) {
    if (value == null) {
      return null;
    }
    String v = value.strip();
    if (!v.matches("[0-9]{1,6}") || Integer.parseInt(v) < 1) {
      throw new BadRequest(
          "agenda.changes.number", value.length() > 12 ? value.substring(0, 12) : value);
    }
    return Integer.valueOf(v);
  }
}
