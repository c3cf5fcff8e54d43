package org.tejido.analysis;

/**
 * A coding with the words it points at, cut from the de-identified text of its turn.
 *
 * @param sourceTitle the source's title (clear tier)
 * @param speaker the turn's speaker label after de-identification (null: none)
 * @param quote the coded words
 * @param coderName the display name of who coded it
 * @param mine whether the signed-in person coded it
 */
public record Segment(
    Coding coding,
    Code code,
    String sourceTitle,
    String speaker,
    String quote,
    String coderName,
    boolean mine) {}
