package org.tejido.vault.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.crypto.tink.HybridDecrypt;
import com.google.crypto.tink.KeysetHandle;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tejido.support.MutableClock;

/** The auto-lock of unlocked vaults, on a clock the test moves. */
class UnlockedVaultsTest {

  private static final Duration IDLE = Duration.ofMinutes(15);
  private static final Instant START = Instant.parse("2017-03-11T10:00:00Z");

  private final MutableClock clock = new MutableClock(START);
  private final UnlockedVaults vaults = new UnlockedVaults(IDLE, clock);
  private final UUID site = UUID.randomUUID();
  private final UUID coordinator = UUID.randomUUID();
  private KeysetHandle keys;
  private HybridDecrypt decrypter;

  @BeforeEach
  void keys() throws GeneralSecurityException {
    keys = VaultCrypto.newKeyPair();
    decrypter = VaultCrypto.decrypter(keys);
  }

  @AfterEach
  void stopTheSweeper() {
    vaults.destroy();
  }

  @Test
  void anUnlockedVaultIsThereUntilItHasBeenIdleForTheTimeout() {
    vaults.put(site, keys, decrypter, coordinator);

    clock.advance(IDLE);
    assertThat(vaults.peek(site)).isPresent();
    clock.advance(Duration.ofSeconds(1));

    assertThat(vaults.peek(site)).isEmpty();
    assertThat(vaults.use(site)).isEmpty();
  }

  @Test
  void usingTheVaultPostponesTheLockButPeekingDoesNot() {
    vaults.put(site, keys, decrypter, coordinator);

    clock.advance(Duration.ofMinutes(10));
    var used = vaults.use(site).orElseThrow();
    assertThat(used.lastUsed()).isEqualTo(START.plus(Duration.ofMinutes(10)));
    assertThat(used.openedBy()).isEqualTo(coordinator);
    assertThat(vaults.locksAt(used)).isEqualTo(START.plus(Duration.ofMinutes(25)));
    clock.advance(Duration.ofMinutes(10));
    assertThat(vaults.peek(site)).isPresent();
    clock.advance(Duration.ofMinutes(5).plusSeconds(1));

    assertThat(vaults.peek(site)).isEmpty();
    assertThat(vaults.use(site)).isEmpty();
  }

  @Test
  void onceIdleTooLongUsingItDoesNotBringItBack() {
    vaults.put(site, keys, decrypter, coordinator);
    clock.advance(IDLE.plusSeconds(1));
    assertThat(vaults.use(site)).isEmpty();

    // Even if the clock were set back, the vault is gone: use() removed it.
    clock.set(START);
    assertThat(vaults.peek(site)).isEmpty();
  }

  @Test
  void theSweeperDropsIdleVaultsAndTheirKeysAndKeepsTheOthers() {
    UUID busy = UUID.randomUUID();
    vaults.put(site, keys, decrypter, coordinator);
    clock.advance(Duration.ofMinutes(10));
    vaults.put(busy, keys, decrypter, coordinator);
    clock.advance(Duration.ofMinutes(5).plusSeconds(1));

    vaults.sweep();

    // Set the clock back: an entry that was merely expired would show again; a swept one does not.
    clock.set(START.plus(Duration.ofMinutes(11)));
    assertThat(vaults.peek(site)).isEmpty();
    assertThat(vaults.peek(busy)).isPresent();
  }

  @Test
  void anIdleVaultNotYetSweptIsOnlyHidden() {
    // The control for the test above: without a sweep, the expired entry is still in memory.
    vaults.put(site, keys, decrypter, coordinator);
    clock.advance(IDLE.plusSeconds(1));
    assertThat(vaults.peek(site)).isEmpty();

    clock.set(START.plus(Duration.ofMinutes(1)));
    assertThat(vaults.peek(site)).isPresent();
  }

  @Test
  void theOpenVaultHoldsTheKeysItWasUnlockedWith() {
    vaults.put(site, keys, decrypter, coordinator);

    var open = vaults.use(site).orElseThrow();

    assertThat(open.privateKeys()).isSameAs(keys);
    assertThat(open.decrypter()).isSameAs(decrypter);
  }

  @Test
  void lockingDropsTheVaultAtOnce() {
    vaults.put(site, keys, decrypter, coordinator);

    vaults.lock(site);

    clock.set(START);
    assertThat(vaults.peek(site)).isEmpty();
    assertThat(vaults.use(site)).isEmpty();
  }
}
