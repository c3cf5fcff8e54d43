package org.tejido.fieldwork;

/** What could identify a participant. Every field is optional; all of it lives in the vault. */
public record Identity(String name, String alias, String contact) {
  public Identity {
    name = blankToNull(name);
    alias = blankToNull(alias);
    contact = blankToNull(contact);
  }

  public boolean isEmpty() {
    return name == null && alias == null && contact == null;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
