package org.tejido.agenda;

import java.util.List;

/** What a coordinator types for an issue. Titles in both languages; descriptions optional. */
public record IssueInput(
    String titleEs,
    String titleEn,
    String descriptionEs,
    String descriptionEn,
    List<String> domains,
    boolean silenced) {

  public static final int TITLE_MAX = 300;
  public static final int DESCRIPTION_MAX = 4000;

  public IssueInput {
    domains = domains == null ? List.of() : List.copyOf(domains);
  }
}
