package org.tejido.agenda;

import java.util.List;
import java.util.UUID;
import org.tejido.shared.LocalizedText;

/** A proposal addressed to someone, answering one or more issues of the same version. */
public record Proposal(
    UUID id, String ref, int position, String addressee, LocalizedText text, List<UUID> issueIds) {}
