package org.tejido.deidentification;

/** What a gazetteer term names. */
public enum EntityKind {
  PERSON("P"),
  /** Another name of a person: it shares the person's token, so it has the same prefix. */
  ALIAS("P"),
  PLACE("LUGAR"),
  STREET("CALLE"),
  NEIGHBOURHOOD("COLONIA"),
  OFFICIAL("FUNCIONARIO"),
  ORGANISATION("ORG"),
  OTHER("DATO");

  private final String prefix;

  EntityKind(String prefix) {
    this.prefix = prefix;
  }

  /** The Spanish prefix of this kind's tokens, as in {@code [P-07]} or {@code [COLONIA-2]}. */
  public String defaultTokenPrefix() {
    return prefix;
  }
}
