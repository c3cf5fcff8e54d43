package org.tejido.participation;

/** Prepared (codes and ballots can be printed), open (votes count), closed (results final). */
public enum SessionState {
  PREPARED("prepared"),
  OPEN("open"),
  CLOSED("closed");

  private final String code;

  SessionState(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  public static SessionState fromCode(String code) {
    for (SessionState s : values()) {
      if (s.code.equals(code)) {
        return s;
      }
    }
    throw new IllegalArgumentException("Unknown session state " + code);
  }
}
