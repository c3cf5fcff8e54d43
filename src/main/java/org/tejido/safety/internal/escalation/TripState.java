package org.tejido.safety.internal.escalation;

/**
 * Where a trip into the field stands: planned → in field → overdue → escalating → acknowledged →
 * resolved. A check-out in time goes straight to resolved.
 */
public enum TripState {
  PLANNED("planned"),
  IN_FIELD("in_field"),
  /** Past the return time, still within the grace period: nobody is alerted yet. */
  OVERDUE("overdue"),
  /** An alert is open and the chain is being notified. */
  ESCALATING("escalating"),
  /** A coordinator took responsibility; notifications stopped. */
  ACKNOWLEDGED("acknowledged"),
  RESOLVED("resolved");

  private final String code;

  TripState(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  public boolean open() {
    return this != RESOLVED;
  }

  public static TripState fromCode(String code) {
    for (TripState s : values()) {
      if (s.code.equals(code)) {
        return s;
      }
    }
    throw new IllegalArgumentException("Unknown trip state " + code);
  }
}
