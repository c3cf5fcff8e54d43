package org.tejido.sites;

/** Whether a site is worked on, or suspended because fieldwork would put lives at risk. */
public enum SiteStatus {
  ACTIVE("active"),
  SUSPENDED_FOR_SAFETY("suspended_for_safety");

  private final String code;

  SiteStatus(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  public static SiteStatus fromCode(String code) {
    for (SiteStatus s : values()) {
      if (s.code.equals(code)) {
        return s;
      }
    }
    throw new IllegalArgumentException("Unknown site status " + code);
  }
}
