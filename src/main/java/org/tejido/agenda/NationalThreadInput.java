package org.tejido.agenda;

import java.util.List;
import java.util.UUID;

/** What the national coordinator writes for a thread, and the local issues it picks. */
public record NationalThreadInput(
    String titleEs,
    String titleEn,
    String descriptionEs,
    String descriptionEn,
    String domain,
    List<UUID> issues) {

  public static final int TITLE_MAX = 300;
  public static final int DESCRIPTION_MAX = 2000;

  public NationalThreadInput {
    issues = issues == null ? List.of() : List.copyOf(issues);
  }
}
