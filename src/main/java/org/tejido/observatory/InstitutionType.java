package org.tejido.observatory;

/**
 * What kind of actor an institution is. Stored and sent by {@link #code()}; named by the message
 * key {@link #messageKey()}.
 */
public enum InstitutionType {
  GOVERNMENT("government"),
  CIVIL_SOCIETY("civil_society"),
  BUSINESS("business"),
  CHURCH("church"),
  COMMUNITY_GROUP("community_group"),
  OTHER("other");

  private final String code;

  InstitutionType(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  public String messageKey() {
    return "observatory.institution-type." + code;
  }

  /**
   * @throws IllegalArgumentException for a code outside the vocabulary
   */
  public static InstitutionType fromCode(String code) {
    for (InstitutionType v : values()) {
      if (v.code.equals(code)) {
        return v;
      }
    }
    throw new IllegalArgumentException("Unknown InstitutionType " + code);
  }
}
