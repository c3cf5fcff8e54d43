package org.tejido.observatory.internal.web;

import java.util.UUID;
import org.tejido.shared.NotFound;

/** Ids from addresses: a malformed one is simply not found. */
final class Ids {
  private Ids() {}

  static UUID parse(String raw, String notFoundCode) {
    try {
      return UUID.fromString(raw);
    } catch (IllegalArgumentException e) {
      throw new NotFound(notFoundCode);
    }
  }
}
