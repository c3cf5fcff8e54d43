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

  /**
   * The roles that read the site vault (identities, raw testimony, the gazetteer) while it is open.
   * Community researchers and the observatory add to it but never read it.
   */
  public static final SiteRole[] VAULT_READERS = {COORDINATOR, RESEARCHER};

  /** Whether this role reads the site vault while it is open (see {@link #VAULT_READERS}). */
  public boolean readsVault() {
    return this == COORDINATOR || this == RESEARCHER;
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
