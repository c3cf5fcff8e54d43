package org.tejido.safety.internal.escalation;

/** Why the chain is being alerted. */
public enum AlertKind {
  /** The return time plus grace passed without a check-out. */
  MISSED_CHECK_IN("missed_check_in"),
  /** The member pressed the panic control. */
  PANIC("panic"),
  /** The member checked out with her duress PIN: her screen said all was well. */
  DURESS("duress");

  private final String code;

  AlertKind(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  /** Panic and duress alert the whole chain at once; a missed check-in goes level by level. */
  public boolean alertsWholeChainAtOnce() {
    return this != MISSED_CHECK_IN;
  }

  public static AlertKind fromCode(String code) {
    for (AlertKind k : values()) {
      if (k.code.equals(code)) {
        return k;
      }
    }
    throw new IllegalArgumentException("Unknown alert kind " + code);
  }
}
