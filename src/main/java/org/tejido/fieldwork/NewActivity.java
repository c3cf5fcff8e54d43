package org.tejido.fieldwork;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

public record NewActivity(
    String kind,
    LocalDate heldOn,
    String title,
    List<String> populationGroups,
    List<UUID> facilitators,
    List<UUID> participants) {

  public NewActivity {
    populationGroups = populationGroups == null ? List.of() : List.copyOf(populationGroups);
    facilitators = facilitators == null ? List.of() : List.copyOf(facilitators);
    participants = participants == null ? List.of() : List.copyOf(participants);
  }
}
