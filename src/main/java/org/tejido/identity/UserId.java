package org.tejido.identity;

import java.util.UUID;

public record UserId(UUID value) {
  public UserId {
    java.util.Objects.requireNonNull(value);
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
