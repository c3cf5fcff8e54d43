package org.tejido.fieldwork;

import java.time.LocalDate;
import java.util.UUID;

/**
 * A participant's consent: how it was given (a signed form can itself endanger people) and what it
 * covers — taking part, being quoted, being quoted in published agendas.
 */
public record Consent(
    UUID id,
    LocalDate givenOn,
    String method,
    boolean takePart,
    boolean beQuoted,
    boolean quotedInPublished,
    String formVersion) {}
