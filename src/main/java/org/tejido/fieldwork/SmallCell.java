package org.tejido.fieldwork;

/**
 * A combination of attributes shared by fewer than {@link Participants#SMALL_CELL} people: shown in
 * analysis, it could single them out.
 */
public record SmallCell(
    String populationGroup,
    String gender,
    String ageBand,
    String ethnicity,
    String neighbourhood,
    int people) {}
