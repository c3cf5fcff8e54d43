package org.tejido.fieldwork;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What may be listed about a source without opening the vault.
 *
 * @param reviewedBy the display name of who last reviewed its de-identification (null: nobody)
 * @param reviewedAt when they did
 * @param needsReview a term added to the gazetteer since appears in its words: it must be reviewed
 *     again (its de-identified text is not shown to roles that do not read the vault meanwhile)
 */
public record SourceSummary(
    UUID id,
    String kind,
    String title,
    UUID activityId,
    String activityTitle,
    String origin,
    boolean deidentified,
    boolean fictional,
    List<String> speakers,
    int turns,
    Instant createdAt,
    String reviewedBy,
    Instant reviewedAt,
    boolean needsReview) {}
