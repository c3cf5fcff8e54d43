/**
 * Inter-coder agreement, pure Java with no state: {@link
 * org.tejido.analysis.agreement.KrippendorffAlpha} for nominal, ordinal, interval and ratio data
 * with missing values and any number of coders; {@link org.tejido.analysis.agreement.CohenKappa}
 * for two coders on nominal units; {@link org.tejido.analysis.agreement.CodingComparison} for two
 * coders' coding of the same sources, per character, the way NVivo's coding comparison query
 * computes percent agreement and kappa. {@link org.tejido.analysis.agreement.AgreementCommand} is
 * {@code tejido agreement ...}. A coefficient that is undefined for the data given (no variation,
 * nothing pairable) is an {@link org.tejido.analysis.agreement.AgreementException}, never a silent
 * {@code NaN}.
 *
 * <p>A named interface of the analysis module, so that the application's entry point can run the
 * command; the classes use no Spring.
 */
@org.springframework.modulith.NamedInterface("agreement")
package org.tejido.analysis.agreement;
