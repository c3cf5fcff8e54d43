/** Qualitative analysis: codebook, coding, queries and REFI-QDA project exchange ({@code qdpx}). */
@org.springframework.modulith.ApplicationModule(displayName = "Analysis")
package org.tejido.analysis;
