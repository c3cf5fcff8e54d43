package org.tejido.agenda;

import java.util.List;
import java.util.UUID;
import org.tejido.shared.LocalizedText;

/**
 * A principle or a requirement of the National Agenda; a requirement may name the threads it
 * answers.
 */
public record NationalStatement(
    UUID id, Kind kind, int position, LocalizedText text, List<UUID> threadIds) {

  public enum Kind {
    PRINCIPLE("principle"),
    REQUIREMENT("requirement");

    private final String code;

    Kind(String code) {
      this.code = code;
    }

    public String code() {
      return code;
    }

    public static java.util.Optional<Kind> parse(String code) {
      for (Kind k : values()) {
        if (k.code.equals(code)) {
          return java.util.Optional.of(k);
        }
      }
      return java.util.Optional.empty();
    }
  }
}
