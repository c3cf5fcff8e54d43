package org.tejido.participation;

import java.util.List;

/**
 * One resident's comments on a round: a sheet gathered in a workshop, or what she sent with a code.
 * Nothing else about her: her population group, if she says it.
 */
public record ValidationResponse(VoterGroup group, List<Comment> comments) {

  /** What she says of one item; {@code text} may be null. */
  public record Comment(String kind, String ref, Verdict verdict, String text) {}
}
