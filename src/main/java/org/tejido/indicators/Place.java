package org.tejido.indicators;

/** Where an indicator is counted: the whole country, a state, or a municipality. */
public sealed interface Place {

  /** Mexico as a whole. */
  record National() implements Place {}

  /** A state by its INEGI code, 1–32 ({@code "16"} and {@code "016"} are both Michoacán). */
  record State(int code) implements Place {
    public State {
      if (code < 1 || code > 32) {
        throw new IllegalArgumentException("A state code is a number from 1 to 32.");
      }
    }

    public static State parse(String text) {
      String t = text.strip();
      if (!t.matches("\\d{1,3}")) {
        throw new IllegalArgumentException(
            "'" + text + "' is not a state code (1 to 32, e.g. 16 or 016).");
      }
      return new State(Integer.parseInt(t));
    }
  }

  /** A municipality by its five-digit INEGI code, state first ({@code 02004} is Tijuana). */
  record Municipality(String code) implements Place {
    public Municipality {
      if (code == null || !code.matches("\\d{5}")) {
        throw new IllegalArgumentException(
            "'" + code + "' is not a municipality code: five digits, state first (e.g. 02004).");
      }
      int state = Integer.parseInt(code.substring(0, 2));
      if (state < 1 || state > 32) {
        throw new IllegalArgumentException(
            "'" + code + "' does not start with a state code (01 to 32).");
      }
    }

    /** SESNSP's "no especificado" buckets (codes ending 998 or 999) are not municipalities. */
    public boolean isUnspecifiedBucket() {
      return code.endsWith("998") || code.endsWith("999");
    }
  }
}
