package org.tejido.observatory;

import java.util.Objects;
import java.util.UUID;

public record CommitmentId(UUID value) {
  public CommitmentId {
    Objects.requireNonNull(value);
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
