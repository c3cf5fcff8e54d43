package org.tejido.analysis.agreement;

/**
 * Data on which an agreement coefficient cannot be computed, or is undefined (no variation, nothing
 * pairable, one coder), with a message a person can act on.
 */
public class AgreementException extends IllegalArgumentException {

  public AgreementException(String message) {
    super(message);
  }
}
