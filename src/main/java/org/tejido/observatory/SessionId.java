package org.tejido.observatory;

import java.util.Objects;
import java.util.UUID;

public record SessionId(UUID value) {
  public SessionId {
    Objects.requireNonNull(value);
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
