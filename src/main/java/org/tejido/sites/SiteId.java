package org.tejido.sites;

import java.util.UUID;

public record SiteId(UUID value) {
  public SiteId {
    java.util.Objects.requireNonNull(value);
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
