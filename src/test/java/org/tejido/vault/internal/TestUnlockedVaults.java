package org.tejido.vault.internal;

import java.time.Clock;
import java.time.Duration;

/** Lets tests outside this package build an {@link UnlockedVaults} on their own clock. */
public final class TestUnlockedVaults {

  private TestUnlockedVaults() {}

  public static UnlockedVaults create(Duration idle, Clock clock) {
    return new UnlockedVaults(idle, clock);
  }

  /** Runs the auto-lock sweep now, as the background sweeper would. */
  public static void sweep(UnlockedVaults vaults) {
    vaults.sweep();
  }
}
