package org.tejido.observatory;

import java.util.Objects;
import java.util.UUID;

public record UpdateId(UUID value) {
  public UpdateId {
    Objects.requireNonNull(value);
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
