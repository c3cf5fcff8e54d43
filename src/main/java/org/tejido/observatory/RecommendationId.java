package org.tejido.observatory;

import java.util.Objects;
import java.util.UUID;

public record RecommendationId(UUID value) {
  public RecommendationId {
    Objects.requireNonNull(value);
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
