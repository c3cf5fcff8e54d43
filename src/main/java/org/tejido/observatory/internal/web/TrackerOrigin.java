package org.tejido.observatory.internal.web;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.tejido.agenda.AgendaIssue;
import org.tejido.agenda.EvidenceQuotes;
import org.tejido.agenda.Proposal;

/**
 * One published proposal a recommendation comes from, in its agenda version, with the issues it
 * answers that the public sees and the published quotes behind them.
 */
public record TrackerOrigin(
    int version,
    Proposal proposal,
    List<AgendaIssue> issues,
    Map<UUID, List<EvidenceQuotes.Quote>> quotes) {}
