package org.tejido.fieldwork;

import java.time.Instant;
import java.util.UUID;

/** A pseudonymous participant: a code and the attributes used in analysis, nothing else. */
public record Participant(
    UUID id,
    String code,
    String populationGroup,
    String gender,
    String ageBand,
    String ethnicity,
    String neighbourhood,
    boolean fictional,
    Instant createdAt) {}
