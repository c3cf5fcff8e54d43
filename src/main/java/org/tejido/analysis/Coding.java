package org.tejido.analysis;

import java.time.Instant;
import java.util.UUID;

/**
 * A code applied to a span of a source's de-identified text. It holds no text.
 *
 * @param turn the position of the speaker turn ({@code SourceTurn.position()}); null when the span
 *     is in the whole source's text (see {@link Codings#WHOLE_SOURCE_SEPARATOR})
 * @param start the first code point of the span in that text (from 0)
 * @param end the code point after the span's last one
 * @param coderId the member of staff who applied it
 */
public record Coding(
    UUID id,
    UUID sourceId,
    Integer turn,
    int start,
    int end,
    UUID codeId,
    UUID coderId,
    Instant createdAt) {}
