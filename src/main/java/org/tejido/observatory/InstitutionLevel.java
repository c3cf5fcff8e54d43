package org.tejido.observatory;

/**
 * The level of government an institution belongs to, or none for non-governmental actors. Stored
 * and sent by {@link #code()}; named by the message key {@link #messageKey()}.
 */
public enum InstitutionLevel {
  MUNICIPAL("municipal"),
  STATE("state"),
  FEDERAL("federal"),
  NONE("none");

  private final String code;

  InstitutionLevel(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  public String messageKey() {
    return "observatory.institution-level." + code;
  }

  /**
   * @throws IllegalArgumentException for a code outside the vocabulary
   */
  public static InstitutionLevel fromCode(String code) {
    for (InstitutionLevel v : values()) {
      if (v.code.equals(code)) {
        return v;
      }
    }
    throw new IllegalArgumentException("Unknown InstitutionLevel " + code);
  }
}
