package org.tejido.deidentification;

/** Why a replacement was proposed. */
public enum Rule {
  /** The text names a term of the gazetteer. */
  GAZETTEER,
  /** A Mexican phone number: ten digits, with or without country or long-distance prefix. */
  PHONE,
  /** An e-mail address. */
  EMAIL,
  /** A Mexican vehicle plate, such as {@code ABC-123-D}. */
  PLATE,
  /** A CURP, the 18-character Mexican personal identity code. */
  CURP
}
