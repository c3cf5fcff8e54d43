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
  CURP,
  /** A name after an honorific or a title: "don Ramiro Pérez", "el comandante Hernández". */
  TITLE,
  /** A family by its surname: "los Valencia". */
  FAMILY,
  /** A nickname, an article and capitalised words: "El Chapulín", "el Güero". */
  NICKNAME,
  /** The name of a street or place after its kind: "calle Morelos", "barrio de El Ranchito". */
  PLACE,
  /** A long number: an identity, file, card or account number. */
  NUMBER,
  /** The Spanish name and place recogniser, a statistical model. */
  RECOGNISER,
  /** A capitalised word inside a sentence, nothing more: low confidence. */
  CAPITALISED
}
