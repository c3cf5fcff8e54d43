package org.tejido.vault;

import java.time.Instant;
import java.util.List;

/**
 * A new recovery key shown to the coordinator who asked for it, waiting to be typed back in part
 * before anything changes: the vault is created, its recovery key or its key pair replaced, only
 * once {@link Vaults#confirmCeremony} gets the groups at {@link #asked()} right.
 *
 * @param id identifies the ceremony to the person who started it (not a secret by itself: it is
 *     bound to them and their site, and the web layer keeps it in their session)
 * @param asked the positions, from 1, of the groups of four to type back
 */
public record KeyCeremony(
    String id, Kind kind, String recoveryKey, List<Integer> asked, Instant expiresAt) {

  /** What the ceremony does once confirmed. */
  public enum Kind {
    /** Creates the site's vault (then unlocked). */
    CREATE,
    /** Replaces the recovery key; the old one works until then. */
    RECOVERY_KEY,
    /** Replaces the site's key pair and re-seals everything to the new one. */
    KEY_PAIR
  }

  /** The key's groups of four, in order. */
  public List<String> groups() {
    return List.of(recoveryKey.split("-"));
  }

  @Override
  public String toString() {
    return "KeyCeremony[" + kind + ", asked " + asked + "]";
  }
}
