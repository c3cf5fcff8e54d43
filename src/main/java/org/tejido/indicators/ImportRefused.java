package org.tejido.indicators;

/** A file Tejido will not load, with a message a person can act on. Nothing was changed. */
public class ImportRefused extends RuntimeException {
  public ImportRefused(String message) {
    super(message);
  }
}
