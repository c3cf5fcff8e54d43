package org.tejido.observatory;

/**
 * The twelve targets of Sustainable Development Goal 16, as theme tags; the message keys hold their
 * official short titles. Stored and sent by {@link #code()}; named by the message key {@link
 * #messageKey()}.
 */
public enum Sdg16Target {
  T16_1("16.1"),
  T16_2("16.2"),
  T16_3("16.3"),
  T16_4("16.4"),
  T16_5("16.5"),
  T16_6("16.6"),
  T16_7("16.7"),
  T16_8("16.8"),
  T16_9("16.9"),
  T16_10("16.10"),
  T16_A("16.a"),
  T16_B("16.b");

  private final String code;

  Sdg16Target(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  public String messageKey() {
    return "observatory.sdg16target." + code;
  }

  /**
   * @throws IllegalArgumentException for a code outside the vocabulary
   */
  public static Sdg16Target fromCode(String code) {
    for (Sdg16Target v : values()) {
      if (v.code.equals(code)) {
        return v;
      }
    }
    throw new IllegalArgumentException("Unknown Sdg16Target " + code);
  }
}
