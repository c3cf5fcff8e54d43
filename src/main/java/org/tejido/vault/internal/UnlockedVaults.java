package org.tejido.vault.internal;

import com.google.crypto.tink.HybridDecrypt;
import com.google.crypto.tink.KeysetHandle;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.tejido.vault.VaultProperties;

/**
 * Private keys of unlocked vaults, in memory only: never written anywhere, dropped after a period
 * without use (checked on every use and by a sweeper every few seconds), and gone on restart.
 */
@Component
public class UnlockedVaults implements DisposableBean {

  /**
   * An open vault: the site's private keys (kept only to re-wrap them for a new passphrase or
   * recovery key, and dropped with the rest), its decrypter, who opened it, when it was last used,
   * and the decrypters of subjects' (participants') private keys opened with it so far. Those add
   * nothing to what the open vault can read — each was opened with the site's key — and they are
   * dropped with it; parsing one costs a Diffie-Hellman in Java, which this saves.
   */
  public record Open(
      KeysetHandle privateKeys,
      HybridDecrypt decrypter,
      UUID openedBy,
      Instant openedAt,
      Instant lastUsed,
      Map<SubjectKey, HybridDecrypt> subjects) {}

  /** A subject's sealed private keyset, with the context it was opened in. */
  public record SubjectKey(String context, ByteBuffer sealed) {
    public static SubjectKey of(String context, byte[] sealed) {
      return new SubjectKey(context, ByteBuffer.wrap(sealed.clone()).asReadOnlyBuffer());
    }
  }

  private final Map<UUID, Open> open = new ConcurrentHashMap<>();
  private final Duration idle;
  private final Clock clock;
  private final ScheduledExecutorService sweeper =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "vault-auto-lock");
            t.setDaemon(true);
            return t;
          });

  @org.springframework.beans.factory.annotation.Autowired
  UnlockedVaults(VaultProperties properties) {
    this(properties.idleTimeout(), Clock.systemUTC());
  }

  UnlockedVaults(Duration idle, Clock clock) {
    this.idle = idle;
    this.clock = clock;
    sweeper.scheduleWithFixedDelay(this::sweep, 5, 5, TimeUnit.SECONDS);
  }

  public void put(UUID site, KeysetHandle privateKeys, HybridDecrypt decrypter, UUID by) {
    Instant now = clock.instant();
    open.put(site, new Open(privateKeys, decrypter, by, now, now, new ConcurrentHashMap<>()));
  }

  /** The open vault, marking it used; empty if locked or idle too long. */
  public Optional<Open> use(UUID site) {
    Instant now = clock.instant();
    Open current = open.computeIfPresent(site, (k, o) -> expired(o, now) ? null : touch(o, now));
    return Optional.ofNullable(current);
  }

  /** The open vault without marking it used (for showing its state). */
  public Optional<Open> peek(UUID site) {
    Open o = open.get(site);
    return o == null || expired(o, clock.instant()) ? Optional.empty() : Optional.of(o);
  }

  public Instant locksAt(Open o) {
    return o.lastUsed().plus(idle);
  }

  public void lock(UUID site) {
    open.remove(site);
  }

  /** The sites whose vault this person opened and is still open. */
  public java.util.List<UUID> sitesOpenedBy(UUID user) {
    return open.entrySet().stream()
        .filter(e -> e.getValue().openedBy().equals(user))
        .map(Map.Entry::getKey)
        .toList();
  }

  void sweep() {
    Instant now = clock.instant();
    open.entrySet().removeIf(e -> expired(e.getValue(), now));
  }

  private boolean expired(Open o, Instant now) {
    return o.lastUsed().plus(idle).isBefore(now);
  }

  private static Open touch(Open o, Instant now) {
    return new Open(o.privateKeys(), o.decrypter(), o.openedBy(), o.openedAt(), now, o.subjects());
  }

  @Override
  public void destroy() {
    sweeper.shutdownNow();
    open.clear();
  }
}
