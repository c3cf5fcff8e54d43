package org.tejido.observatory;

import java.util.UUID;

/** A published proposal a recommendation comes from: its id in that agenda version. */
public record LinkedProposal(UUID proposalId, int agendaVersion) {}
