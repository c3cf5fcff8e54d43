package org.tejido.fieldwork;

import java.util.UUID;

/** A transcript, diary entry or workshop notes as typed, pasted or uploaded. */
public record NewSource(UUID activityId, String kind, String title, String text, String origin) {}
