package org.tejido.observatory;

/**
 * How far a recommendation has been implemented; stalled and rejected need a reason. Stored and
 * sent by {@link #code()}; named by the message key {@link #messageKey()}.
 */
public enum ImplementationStatus {
  NOT_STARTED("not_started"),
  IN_PROGRESS("in_progress"),
  PARTLY_IMPLEMENTED("partly_implemented"),
  IMPLEMENTED("implemented"),
  STALLED("stalled"),
  REJECTED("rejected");

  private final String code;

  ImplementationStatus(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  /** Stalled and rejected say why: the public reads the reason beside the status. */
  public boolean requiresReason() {
    return this == STALLED || this == REJECTED;
  }

  public String messageKey() {
    return "observatory.implementation-status." + code;
  }

  /**
   * @throws IllegalArgumentException for a code outside the vocabulary
   */
  public static ImplementationStatus fromCode(String code) {
    for (ImplementationStatus v : values()) {
      if (v.code.equals(code)) {
        return v;
      }
    }
    throw new IllegalArgumentException("Unknown ImplementationStatus " + code);
  }
}
