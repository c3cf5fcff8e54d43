package org.tejido.participation;

import java.time.LocalDate;
import java.util.UUID;

/**
 * A dialogue or dissemination event, as the public reads it: texts as the team wrote them.
 *
 * @param attendees institutions and roles, never residents' names
 * @param agreed may be null
 * @param link an http(s) address, or null
 */
public record EngagementEvent(
    UUID id,
    LocalDate heldOn,
    EngagementKind kind,
    String attendees,
    String presented,
    String agreed,
    String link) {}
