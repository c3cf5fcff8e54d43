package org.tejido.fieldwork;

import java.time.Instant;
import java.util.UUID;

/** A recording, photo or audiovisual letter attached to an activity (contents in the vault). */
public record MediaFile(
    UUID id, UUID activityId, String kind, String contentType, long sizeBytes, Instant createdAt) {}
