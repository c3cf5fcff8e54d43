package org.tejido.fieldwork;

/** A participant as recorded in the field; the identity may be empty. */
public record NewParticipant(
    String populationGroup,
    String gender,
    String ageBand,
    String ethnicity,
    String neighbourhood,
    Identity identity) {}
