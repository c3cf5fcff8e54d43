package org.tejido.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.crypto.tink.HybridDecrypt;
import com.google.crypto.tink.KeysetHandle;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tejido.audit.AuditEntry;
import org.tejido.audit.AuditLog;
import org.tejido.identity.SiteRole;
import org.tejido.identity.Team;
import org.tejido.shared.BadRequest;
import org.tejido.shared.Conflict;
import org.tejido.shared.Forbidden;
import org.tejido.sites.Site;
import org.tejido.support.Fixtures;
import org.tejido.support.Fixtures.Person;
import org.tejido.support.LogicalDump;
import org.tejido.support.MutableClock;
import org.tejido.support.TejidoTest;
import org.tejido.vault.internal.TestUnlockedVaults;
import org.tejido.vault.internal.UnlockedVaults;
import org.tejido.vault.internal.VaultStore;

/**
 * The site vault: what it stores, who can open it, with what, and what happens to data that was
 * moved or altered.
 */
@TejidoTest
class VaultTest {

  private static final String PASSPHRASE = "la frase larga de la coordinadora";
  private static final String OTHER_PASSPHRASE = "otra frase igual de larga 2017";
  private static final Pattern RECOVERY_KEY =
      Pattern.compile("([0-9A-HJKMNP-TV-Z]{4}-){12}[0-9A-HJKMNP-TV-Z]{4}");

  @Autowired Fixtures fixtures;
  @Autowired Vaults vaults;
  @Autowired JdbcClient jdbc;
  @Autowired DataSource dataSource;
  @Autowired AuditLog audit;
  @Autowired VaultStore store;
  @Autowired VaultProperties properties;
  @Autowired Team team;

  @AfterEach
  void signOut() {
    fixtures.actAsNobody();
  }

  /** A fresh site whose vault the returned coordinator created with {@link #PASSPHRASE}. */
  private record Vault(Site site, Person coordinator, String recoveryKey) {}

  private Vault newVault() {
    Site site = fixtures.freshSite();
    Person coordinator = fixtures.withRole(site.key(), SiteRole.COORDINATOR);
    fixtures.actAs(coordinator);
    String recovery = vaults.create(site, PASSPHRASE);
    return new Vault(site, coordinator, recovery);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  // ---- creating ----

  @Test
  void creatingAVaultReturnsARecoveryKeyAndStoresNeitherSecretInClear() {
    Vault v = newVault();

    assertThat(v.recoveryKey()).matches(RECOVERY_KEY);
    List<Map<String, Object>> rows =
        jdbc.sql(
                "select holder, kdf_salt, wrapped_private from site_vault_key where site_id = ?"
                    + " order by holder")
            .param(v.site().id().value())
            .query()
            .listOfRows();
    assertThat(rows)
        .extracting(r -> r.get("holder"))
        .containsExactly("recovery", "user:" + v.coordinator().id().value());
    List<byte[]> secrets =
        List.of(
            utf8(PASSPHRASE),
            utf8(v.recoveryKey()),
            utf8(v.recoveryKey().replace("-", "")),
            utf8(PASSPHRASE.toUpperCase(Locale.ROOT)));
    for (Map<String, Object> row : rows) {
      for (String column : List.of("kdf_salt", "wrapped_private")) {
        byte[] stored = (byte[]) row.get(column);
        for (byte[] secret : secrets) {
          assertThat(indexOf(stored, secret))
              .as("%s of %s holds a secret in clear", column, row.get("holder"))
              .isEqualTo(-1);
        }
      }
    }
    // Nor anywhere else in the database.
    LogicalDump dump = LogicalDump.of(dataSource);
    assertThat(dump.where("user:" + v.coordinator().id().value()))
        .as("the dump sees the vault's rows")
        .contains("public.site_vault_key");
    assertThat(dump.findAll(List.of(PASSPHRASE, v.recoveryKey(), v.recoveryKey().replace("-", ""))))
        .isEmpty();
    // Created, not opened.
    assertThat(vaults.status(v.site()).unlocked()).isFalse();
  }

  @Test
  void aSiteHasOnlyOneVault() {
    Vault v = newVault();

    assertThatThrownBy(() -> vaults.create(v.site(), OTHER_PASSPHRASE))
        .isInstanceOfSatisfying(
            Conflict.class, e -> assertThat(e.code()).isEqualTo("vault.exists"));
  }

  // ---- unlocking ----

  @Test
  void theRightPassphraseOpensTheVault() {
    Vault v = newVault();
    byte[] sealed = vaults.seal(v.site().id(), utf8("Testimonio de prueba"), "test:1");

    vaults.unlock(v.site(), PASSPHRASE);

    assertThat(vaults.status(v.site()).unlocked()).isTrue();
    assertThat(vaults.canReadNow(v.site().id())).isTrue();
    assertThat(vaults.openedBy(v.site().id())).contains(v.coordinator().id().value());
    assertThat(new String(vaults.open(v.site().id(), sealed, "test:1"), StandardCharsets.UTF_8))
        .isEqualTo("Testimonio de prueba");
    assertThat(actions(v.site())).contains("vault.created", "vault.unlock");
  }

  @Test
  void aWrongPassphraseIsRefusedAndLeavesTheVaultLocked() {
    Vault v = newVault();

    for (String wrong :
        Arrays.asList(
            OTHER_PASSPHRASE, PASSPHRASE.toUpperCase(Locale.ROOT), PASSPHRASE + " ", "")) {
      BadRequest refused =
          catchThrowableOfType(BadRequest.class, () -> vaults.unlock(v.site(), wrong));
      assertThat(refused).as("unlocking with «%s»", wrong).isNotNull();
      assertThat(refused.code()).isEqualTo(VaultErrors.WRONG_PASSPHRASE);
    }
    BadRequest none = catchThrowableOfType(BadRequest.class, () -> vaults.unlock(v.site(), null));
    assertThat(none.code()).isEqualTo(VaultErrors.WRONG_PASSPHRASE);

    assertThat(vaults.status(v.site()).unlocked()).isFalse();
    assertThat(actions(v.site())).contains("vault.unlock.failed").doesNotContain("vault.unlock");
  }

  @Test
  void aCoordinatorWithoutAPassphraseOfTheirOwnGetsTheSameAnswerEvenWithAColleaguesPassphrase() {
    Vault v = newVault();
    Person colleague = fixtures.withRole(v.site().key(), SiteRole.COORDINATOR);
    fixtures.actAs(colleague);

    BadRequest refused =
        catchThrowableOfType(BadRequest.class, () -> vaults.unlock(v.site(), PASSPHRASE));

    assertThat(refused).isNotNull();
    assertThat(refused.code()).isEqualTo(VaultErrors.WRONG_PASSPHRASE);
    assertThat(vaults.status(v.site()).unlocked()).isFalse();
    assertThat(vaults.status(v.site()).myPassphrase()).isFalse();
  }

  @Test
  void onlyACoordinatorMayUnlock() {
    Vault v = newVault();
    fixtures.actAs(fixtures.withRole(v.site().key(), SiteRole.RESEARCHER));

    assertThatThrownBy(() -> vaults.unlock(v.site(), PASSPHRASE)).isInstanceOf(Forbidden.class);
    assertThatThrownBy(() -> vaults.unlockWithRecoveryKey(v.site(), v.recoveryKey()))
        .isInstanceOf(Forbidden.class);
    assertThat(vaults.status(v.site()).unlocked()).isFalse();
  }

  @Test
  void theRecoveryKeyOpensTheVaultTypedInLowerCaseWithSpacesAndOForZero() {
    Vault v = newVault();
    vaults.unlock(v.site(), PASSPHRASE);
    // A key with a 0 and a 1 in it, so that O-for-0 and l-for-1 are really tried.
    String key = v.recoveryKey();
    for (int i = 0; i < 50 && !(key.contains("0") && key.contains("1")); i++) {
      key = vaults.replaceRecoveryKey(v.site());
    }
    assertThat(key).contains("0").contains("1");
    vaults.lock(v.site());

    String typed =
        "  "
            + key.toLowerCase(Locale.ROOT)
                .replace('-', ' ')
                .replace('0', 'o')
                .replace('1', 'l')
                .replace(" ", "  ")
            + " \n";
    vaults.unlockWithRecoveryKey(v.site(), typed);

    assertThat(vaults.status(v.site()).unlocked()).isTrue();
    assertThat(actions(v.site())).contains("vault.unlock.recovery");
  }

  @Test
  void aRecoveryKeyWithOneWrongCharacterIsRefused() {
    Vault v = newVault();
    String key = v.recoveryKey();
    char last = key.charAt(key.length() - 1);
    String wrong = key.substring(0, key.length() - 1) + (last == 'Z' ? 'Y' : 'Z');

    BadRequest refused =
        catchThrowableOfType(BadRequest.class, () -> vaults.unlockWithRecoveryKey(v.site(), wrong));

    assertThat(refused.code()).isEqualTo(VaultErrors.WRONG_PASSPHRASE);
    assertThat(vaults.status(v.site()).unlocked()).isFalse();
  }

  // ---- sealing and opening ----

  @Test
  void whatIsSealedOpensAgainUnchanged() {
    Vault v = newVault();
    vaults.unlock(v.site(), PASSPHRASE);
    String text = "Doña Chayo: «en la esquina de la cancha» — ñ, ü, 😀";

    byte[] sealed = vaults.seal(v.site().id(), utf8(text), "source_turn:42");
    SealedKey subject = vaults.newSubjectKey(v.site().id(), "participant_key:7");
    byte[] toSubject = vaults.sealTo(subject.publicKeyset(), utf8(text), "participant_identity:7");

    assertThat(indexOf(sealed, utf8("cancha"))).isEqualTo(-1);
    assertThat(vaults.open(v.site().id(), sealed, "source_turn:42")).isEqualTo(utf8(text));
    assertThat(
            vaults.openWith(
                v.site().id(), subject, "participant_key:7", toSubject, "participant_identity:7"))
        .isEqualTo(utf8(text));
    // Sealing is randomised: the same text twice gives two different ciphertexts.
    assertThat(vaults.seal(v.site().id(), utf8(text), "source_turn:42")).isNotEqualTo(sealed);
  }

  @Test
  void aCiphertextMovedToAnotherRowOrSiteDoesNotOpen() {
    Vault v = newVault();
    vaults.unlock(v.site(), PASSPHRASE);
    Vault other = newVault();
    vaults.unlock(other.site(), PASSPHRASE);
    fixtures.actAs(v.coordinator());
    byte[] sealed = vaults.seal(v.site().id(), utf8("de la fila 1"), "participant_identity:1");
    SealedKey subject = vaults.newSubjectKey(v.site().id(), "participant_key:1");
    byte[] toSubject = vaults.sealTo(subject.publicKeyset(), utf8("x"), "participant_identity:1");

    assertThatThrownBy(() -> vaults.open(v.site().id(), sealed, "participant_identity:2"))
        .isInstanceOf(Vaults.VaultTampered.class)
        .hasMessageContaining("participant_identity:2");
    assertThatThrownBy(
            () ->
                vaults.openWith(
                    v.site().id(),
                    subject,
                    "participant_key:2",
                    toSubject,
                    "participant_identity:1"))
        .isInstanceOf(Vaults.VaultTampered.class);
    assertThatThrownBy(
            () ->
                vaults.openWith(
                    v.site().id(),
                    subject,
                    "participant_key:1",
                    toSubject,
                    "participant_identity:2"))
        .isInstanceOf(Vaults.VaultTampered.class);
    // The same row id at another site: another site's key.
    fixtures.actAs(other.coordinator());
    assertThatThrownBy(() -> vaults.open(other.site().id(), sealed, "participant_identity:1"))
        .isInstanceOf(Vaults.VaultTampered.class);
  }

  @Test
  void anAlteredCiphertextFailsLoudly() {
    Vault v = newVault();
    vaults.unlock(v.site(), PASSPHRASE);
    byte[] sealed = vaults.seal(v.site().id(), utf8("el texto original"), "t:1");

    for (int position : new int[] {0, sealed.length / 2, sealed.length - 1}) {
      byte[] altered = sealed.clone();
      altered[position] ^= 0x01;
      assertThatThrownBy(() -> vaults.open(v.site().id(), altered, "t:1"))
          .as("a bit flipped at %d", position)
          .isInstanceOf(Vaults.VaultTampered.class);
    }
    byte[] truncated = Arrays.copyOf(sealed, sealed.length - 1);
    assertThatThrownBy(() -> vaults.open(v.site().id(), truncated, "t:1"))
        .isInstanceOf(Vaults.VaultTampered.class);
    assertThatThrownBy(() -> vaults.open(v.site().id(), new byte[0], "t:1"))
        .isInstanceOf(Vaults.VaultTampered.class);

    DataKey key = Vaults.newDataKey();
    byte[] encrypted = key.encrypt(utf8("turno"), "source_turn:1");
    encrypted[encrypted.length - 1] ^= 0x01;
    assertThatThrownBy(() -> key.decrypt(encrypted, "source_turn:1"))
        .isInstanceOf(Vaults.VaultTampered.class);
  }

  @Test
  void aLockedVaultSealsButDoesNotOpen() {
    Vault v = newVault();
    byte[] sealed = vaults.seal(v.site().id(), utf8("sellado sin abrir"), "t:1");

    assertLocked(() -> vaults.open(v.site().id(), sealed, "t:1"));
    assertLocked(() -> vaults.requireReadable(v.site().id()));
    assertLocked(() -> vaults.setMyPassphrase(v.site(), OTHER_PASSPHRASE));
    assertLocked(() -> vaults.replaceRecoveryKey(v.site()));

    vaults.unlock(v.site(), PASSPHRASE);
    vaults.lock(v.site());

    assertLocked(() -> vaults.open(v.site().id(), sealed, "t:1"));
    assertLocked(() -> vaults.setMyPassphrase(v.site(), OTHER_PASSPHRASE));
    assertThat(vaults.status(v.site()).unlocked()).isFalse();
    assertThat(actions(v.site())).contains("vault.lock");
  }

  @Test
  void aCommunityResearcherCanSealButNeverOpenEvenWhenTheVaultIsUnlocked() {
    Vault v = newVault();
    Person community = fixtures.withRole(v.site().key(), SiteRole.COMMUNITY_RESEARCHER);
    Person researcher = fixtures.withRole(v.site().key(), SiteRole.RESEARCHER);
    Person observatory = fixtures.withRole(v.site().key(), SiteRole.OBSERVATORY);

    fixtures.actAs(community);
    byte[] sealed = vaults.seal(v.site().id(), utf8("lo que anotó en campo"), "t:9");
    assertThatThrownBy(() -> vaults.open(v.site().id(), sealed, "t:9"))
        .isInstanceOf(Forbidden.class);

    fixtures.actAs(v.coordinator());
    vaults.unlock(v.site(), PASSPHRASE);

    fixtures.actAs(community);
    assertThat(vaults.canReadNow(v.site().id())).isFalse();
    assertThatThrownBy(() -> vaults.open(v.site().id(), sealed, "t:9"))
        .isInstanceOf(Forbidden.class);
    assertThatThrownBy(() -> vaults.requireReadable(v.site().id())).isInstanceOf(Forbidden.class);
    fixtures.actAs(observatory);
    assertThatThrownBy(() -> vaults.open(v.site().id(), sealed, "t:9"))
        .isInstanceOf(Forbidden.class);
    fixtures.actAsNobody();
    assertThatThrownBy(() -> vaults.open(v.site().id(), sealed, "t:9"))
        .isInstanceOf(Forbidden.class);

    fixtures.actAs(researcher);
    assertThat(vaults.open(v.site().id(), sealed, "t:9")).isEqualTo(utf8("lo que anotó en campo"));
  }

  // ---- passphrases and the recovery key ----

  @Test
  void changingMyPassphraseRewrapsTheKeySoTheOldOneStopsWorkingAndTheRecoveryKeyStillWorks() {
    Vault v = newVault();
    byte[] sealed = vaults.seal(v.site().id(), utf8("antes del cambio"), "t:1");
    vaults.unlock(v.site(), PASSPHRASE);
    byte[] wrappedBefore = wrapped(v, "user:" + v.coordinator().id().value());

    vaults.setMyPassphrase(v.site(), OTHER_PASSPHRASE);
    vaults.lock(v.site());

    assertThat(wrapped(v, "user:" + v.coordinator().id().value())).isNotEqualTo(wrappedBefore);
    assertThatThrownBy(() -> vaults.unlock(v.site(), PASSPHRASE))
        .isInstanceOfSatisfying(
            BadRequest.class, e -> assertThat(e.code()).isEqualTo(VaultErrors.WRONG_PASSPHRASE));
    vaults.unlock(v.site(), OTHER_PASSPHRASE);
    assertThat(vaults.open(v.site().id(), sealed, "t:1")).isEqualTo(utf8("antes del cambio"));
    vaults.lock(v.site());
    vaults.unlockWithRecoveryKey(v.site(), v.recoveryKey());
    assertThat(vaults.open(v.site().id(), sealed, "t:1")).isEqualTo(utf8("antes del cambio"));
    assertThat(actions(v.site())).contains("vault.passphrase.set");
  }

  @Test
  void aSecondCoordinatorGetsAPassphraseOfTheirOwnWithoutChangingTheFirstOnes() {
    Vault v = newVault();
    Person colleague = fixtures.withRole(v.site().key(), SiteRole.COORDINATOR);
    fixtures.actAs(colleague);
    vaults.unlockWithRecoveryKey(v.site(), v.recoveryKey());
    vaults.setMyPassphrase(v.site(), OTHER_PASSPHRASE);
    vaults.lock(v.site());

    vaults.unlock(v.site(), OTHER_PASSPHRASE);
    assertThat(vaults.status(v.site()).myPassphrase()).isTrue();
    vaults.lock(v.site());
    fixtures.actAs(v.coordinator());
    assertThatThrownBy(() -> vaults.unlock(v.site(), OTHER_PASSPHRASE))
        .isInstanceOf(BadRequest.class);
    vaults.unlock(v.site(), PASSPHRASE);
    assertThat(vaults.status(v.site()).unlocked()).isTrue();
  }

  @Test
  void aPassphraseTooShortIsRefused() {
    Site site = fixtures.freshSite();
    fixtures.actAs(fixtures.withRole(site.key(), SiteRole.COORDINATOR));

    assertThatThrownBy(() -> vaults.create(site, "corta"))
        .isInstanceOfSatisfying(
            BadRequest.class, e -> assertThat(e.code()).isEqualTo("vault.passphrase.length"));
    assertThat(vaults.exists(site.id())).isFalse();

    vaults.create(site, PASSPHRASE);
    vaults.unlock(site, PASSPHRASE);
    assertThatThrownBy(() -> vaults.setMyPassphrase(site, "corta"))
        .isInstanceOfSatisfying(
            BadRequest.class, e -> assertThat(e.code()).isEqualTo("vault.passphrase.length"));
  }

  @Test
  void replacingTheRecoveryKeyInvalidatesTheOldOne() {
    Vault v = newVault();
    vaults.unlock(v.site(), PASSPHRASE);

    String replacement = vaults.replaceRecoveryKey(v.site());
    vaults.lock(v.site());

    assertThat(replacement).matches(RECOVERY_KEY).isNotEqualTo(v.recoveryKey());
    assertThatThrownBy(() -> vaults.unlockWithRecoveryKey(v.site(), v.recoveryKey()))
        .isInstanceOfSatisfying(
            BadRequest.class, e -> assertThat(e.code()).isEqualTo(VaultErrors.WRONG_PASSPHRASE));
    assertThat(vaults.status(v.site()).unlocked()).isFalse();
    vaults.unlockWithRecoveryKey(v.site(), replacement);
    assertThat(vaults.status(v.site()).unlocked()).isTrue();
    assertThat(actions(v.site())).contains("vault.recovery-key.replaced");
  }

  // ---- locking itself ----

  /**
   * Auto-lock must forget the site's private key, not only stop using it: a running server that is
   * seized (or whose memory is dumped) after the vault locked itself must not hold it.
   */
  @Test
  void lockingItselfAfterTheIdleTimeForgetsThePrivateKey() {
    MutableClock clock = new MutableClock(Instant.parse("2017-03-11T10:00:00Z"));
    UnlockedVaults unlocked = TestUnlockedVaults.create(Duration.ofMinutes(15), clock);
    Vaults idleVaults = new Vaults(store, unlocked, properties, team, audit);
    try {
      Vault v = newVault();
      byte[] sealed = idleVaults.seal(v.site().id(), utf8("antes de la pausa"), "t:1");
      idleVaults.unlock(v.site(), PASSPHRASE);
      // Whatever the vault holds in memory while open is visible to the search below.
      assertThat(secretsReachableFrom(idleVaults)).isNotEmpty();

      clock.advance(Duration.ofMinutes(14));
      assertThat(idleVaults.open(v.site().id(), sealed, "t:1"))
          .isEqualTo(utf8("antes de la pausa"));
      clock.advance(Duration.ofMinutes(15).plusSeconds(1));
      TestUnlockedVaults.sweep(unlocked);

      assertLocked(() -> idleVaults.open(v.site().id(), sealed, "t:1"));
      assertThat(idleVaults.status(v.site()).unlocked()).isFalse();
      assertThat(secretsReachableFrom(idleVaults))
          .as("key material still held after auto-lock")
          .isEmpty();
      assertLocked(() -> idleVaults.setMyPassphrase(v.site(), OTHER_PASSPHRASE));
    } finally {
      unlocked.destroy();
    }
  }

  // ---- helpers ----

  private static void assertLocked(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
    Conflict locked = catchThrowableOfType(Conflict.class, call);
    assertThat(locked).as("refused because the vault is locked").isNotNull();
    assertThat(locked.code()).isEqualTo(VaultErrors.LOCKED);
  }

  private List<String> actions(Site site) {
    return audit.forSite(site.id().value(), AuditLog.MAX_PAGE, Long.MAX_VALUE).stream()
        .map(AuditEntry::action)
        .toList();
  }

  private byte[] wrapped(Vault v, String holder) {
    return jdbc.sql("select wrapped_private from site_vault_key where site_id = ? and holder = ?")
        .params(v.site().id().value(), holder)
        .query(byte[].class)
        .single();
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  /**
   * Private keys and decrypters reachable from an object through Tejido's own objects, maps,
   * collections and records: what a memory dump of the running server would find through it.
   */
  private static List<Object> secretsReachableFrom(Object root) {
    List<Object> found = new ArrayList<>();
    Map<Object, Boolean> seen = new IdentityHashMap<>();
    Deque<Object> pending = new ArrayDeque<>(List.of(root));
    while (!pending.isEmpty()) {
      Object o = pending.pop();
      if (o == null || seen.put(o, true) != null) {
        continue;
      }
      if (o instanceof KeysetHandle || o instanceof HybridDecrypt) {
        found.add(o);
      } else if (o instanceof Map<?, ?> map) {
        map.forEach(
            (k, val) -> {
              pending.push(k == null ? "" : k);
              pending.push(val == null ? "" : val);
            });
      } else if (o instanceof Collection<?> c) {
        c.forEach(e -> pending.push(e == null ? "" : e));
      } else if (o.getClass().getName().startsWith("org.tejido.")) {
        for (Class<?> c = o.getClass(); c != null; c = c.getSuperclass()) {
          for (Field f : c.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) || f.getType().isPrimitive()) {
              continue;
            }
            try {
              f.setAccessible(true);
              Object value = f.get(o);
              if (value != null) {
                pending.push(value);
              }
            } catch (ReflectiveOperationException | RuntimeException e) {
              throw new AssertionError("cannot look into " + f, e);
            }
          }
        }
      }
    }
    return found;
  }
}
