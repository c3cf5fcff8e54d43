package org.tejido.observatory;

import java.time.LocalDate;
import java.util.List;

/** A session of the Mesa de Seguridad: who attended, the agreed minutes and the commitments. */
public record MesaSession(
    SessionId id,
    LocalDate heldOn,
    List<Institution> attendees,
    String minutes,
    List<Commitment> commitments) {}
