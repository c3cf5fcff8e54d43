package org.tejido.sites;

/**
 * A municipality of INEGI's catalogue (Marco Geoestadístico 2024).
 *
 * @param code the 5-digit INEGI code: 2 digits of the state, 3 of the municipality
 */
public record Municipality(String code, String name, String stateCode, String stateName) {}
