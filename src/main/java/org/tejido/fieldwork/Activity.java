package org.tejido.fieldwork;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** A workshop, focus group, interview, walk, field-diary entry or feedback event. */
public record Activity(
    UUID id,
    String kind,
    LocalDate heldOn,
    String title,
    boolean fictional,
    List<String> populationGroups,
    List<String> facilitators,
    List<String> participantCodes) {}
