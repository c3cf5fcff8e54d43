package org.tejido.fieldwork;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What may be listed about a source without opening the vault. */
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
    Instant createdAt) {}
