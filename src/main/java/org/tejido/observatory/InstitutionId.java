package org.tejido.observatory;

import java.util.Objects;
import java.util.UUID;

public record InstitutionId(UUID value) {
  public InstitutionId {
    Objects.requireNonNull(value);
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
