package org.tejido.analysis.agreement;

/**
 * The coefficient is undefined for these data (for alpha, no pairable values or no variation among
 * them; for kappa, chance agreement of 1): valid input, but no number to report.
 */
public class UndefinedAgreementException extends AgreementException {

  public UndefinedAgreementException(String message) {
    super(message);
  }
}
