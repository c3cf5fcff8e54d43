package org.tejido.vault.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.google.crypto.tink.KeysetHandle;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.tejido.vault.KeyCeremony.Kind;
import org.tejido.vault.VaultProperties;

/**
 * Key material waiting for its recovery key to be typed back: in this server's memory only, never
 * in the database, a log, a file or a page's form. Each is bound to the site and the person who
 * started it (the web layer also keeps its id in that person's session, so another session of the
 * same account cannot finish it), expires after {@code tejido.vault.ceremony-timeout}, and is gone
 * on restart — the ceremony then starts again, and nothing was created or changed meanwhile.
 */
@Component
public class PendingCeremonies {

  /**
   * A ceremony under way.
   *
   * @param keys the key pair the recovery key will wrap (new for CREATE and KEY_PAIR; the open
   *     vault's for RECOVERY_KEY)
   * @param myWrap the starter's passphrase wrap of {@code keys}, computed when they typed it (null
   *     for RECOVERY_KEY), so that the passphrase itself is not kept
   * @param asked the positions (1-based) of the recovery key's groups to type back
   */
  public record Pending(
      String id,
      UUID site,
      UUID user,
      Kind kind,
      String recoveryKey,
      List<Integer> asked,
      KeysetHandle keys,
      VaultStore.Wrap myWrap,
      Instant expiresAt) {
    @Override
    public String toString() {
      // Never printed with its key material, whoever logs it.
      return "Pending[" + kind + " " + site + "]";
    }
  }

  private final Cache<String, Pending> pending;

  PendingCeremonies(VaultProperties properties) {
    this.pending =
        Caffeine.newBuilder()
            .expireAfterWrite(properties.ceremonyTimeout())
            .maximumSize(1_000)
            .build();
  }

  /** Keeps a new ceremony, ending any other the same person had under way at the same site. */
  public void put(Pending p) {
    pending.asMap().values().removeIf(o -> o.site().equals(p.site()) && o.user().equals(p.user()));
    pending.put(p.id(), p);
  }

  /** The ceremony with this id, if it belongs to this person at this site and has not expired. */
  public Optional<Pending> find(String id, UUID site, UUID user) {
    if (id == null) {
      return Optional.empty();
    }
    Pending p = pending.getIfPresent(id);
    if (p == null || !p.site().equals(site) || !p.user().equals(user)) {
      return Optional.empty();
    }
    return Optional.of(p);
  }

  public void remove(String id) {
    if (id != null) {
      pending.invalidate(id);
    }
  }

  /** Ends every ceremony at a site (its key pair changed, or its vault is gone). */
  public void removeSite(UUID site) {
    pending.asMap().values().removeIf(p -> p.site().equals(site));
  }

  /** Ends every ceremony a person started (their access changed). */
  public void removeUser(UUID user) {
    pending.asMap().values().removeIf(p -> p.user().equals(user));
  }
}
