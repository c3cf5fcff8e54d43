package org.tejido.analysis.agreement;

/**
 * One coder's coding of a stretch of a source with a code: characters {@code start} (inclusive) to
 * {@code end} (exclusive), counted as the source's text counts them.
 */
public record CodingSpan(String coder, String source, String code, int start, int end) {}
