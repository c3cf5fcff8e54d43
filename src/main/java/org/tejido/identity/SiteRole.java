package org.tejido.identity;

/** What a person does at one site. Roles are never global, except the platform administrator. */
public enum SiteRole {
  COORDINATOR("coordinator"),
  RESEARCHER("researcher"),
  COMMUNITY_RESEARCHER("community_researcher"),
  OBSERVATORY("observatory");

  private final String code;

  SiteRole(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  /** The message key of the role's name. */
  public String messageKey() {
    return "role." + code;
  }

  public static SiteRole fromCode(String code) {
    for (SiteRole r : values()) {
      if (r.code.equals(code)) {
        return r;
      }
    }
    throw new IllegalArgumentException("Unknown role " + code);
  }
}
