package org.tejido.fieldwork;

import java.util.UUID;

/**
 * One turn of a source: who spoke (a participant's code, another label, or nobody in particular)
 * and the words.
 */
public record SourceTurn(UUID id, int position, String speaker, UUID participantId, String text) {}
