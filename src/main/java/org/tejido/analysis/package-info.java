/**
 * Qualitative analysis of de-identified sources: codebook, coding, queries and REFI-QDA project
 * exchange ({@link org.tejido.analysis.qdpx}). {@link org.tejido.analysis.agreement} measures
 * inter-coder agreement (Krippendorff's alpha, Cohen's kappa, NVivo's per-character coding
 * comparison) in pure Java.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Analysis")
package org.tejido.analysis;
