package org.tejido.agenda;

import java.util.List;
import java.util.UUID;

/** What a coordinator types for a proposal: to whom, what, and which issues it answers. */
public record ProposalInput(String addressee, String textEs, String textEn, List<UUID> issues) {

  public static final int TEXT_MAX = 2000;

  public ProposalInput {
    issues = issues == null ? List.of() : List.copyOf(issues);
  }
}
