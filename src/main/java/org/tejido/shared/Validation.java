package org.tejido.shared;

import java.util.LinkedHashMap;
import java.util.Map;

/** Collects field errors of one form, then fails with all of them at once. */
public final class Validation {

  private final Map<String, String> errors = new LinkedHashMap<>();

  public Validation require(boolean ok, String field, String messageKey) {
    if (!ok) {
      errors.putIfAbsent(field, messageKey);
    }
    return this;
  }

  /** Checks a required text of at most {@code max} characters. */
  public Validation text(String value, String field, int max) {
    require(value != null && !value.isBlank(), field, "validation.required");
    require(value == null || value.strip().length() <= max, field, "validation.too-long." + max);
    return this;
  }

  /** Checks an optional text of at most {@code max} characters. */
  public Validation optionalText(String value, String field, int max) {
    return require(
        value == null || value.strip().length() <= max, field, "validation.too-long." + max);
  }

  /**
   * @throws BadRequest {@code validation.failed} carrying every field error found
   */
  public void orThrow() {
    if (!errors.isEmpty()) {
      throw new BadRequest("validation.failed", errors);
    }
  }
}
