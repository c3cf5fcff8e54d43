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
import org.springframework.transaction.support.TransactionTemplate;
import org.tejido.audit.AuditEntry;
import org.tejido.audit.AuditLog;
import org.tejido.identity.SiteRole;
import org.tejido.identity.Team;
import org.tejido.identity.UserAccounts;
import org.tejido.shared.BadRequest;
import org.tejido.shared.Conflict;
import org.tejido.shared.Forbidden;
import org.tejido.sites.Site;
import org.tejido.support.Fixtures;
import org.tejido.support.Fixtures.Person;
import org.tejido.support.LogicalDump;
import org.tejido.support.MutableClock;
import org.tejido.support.TejidoTest;
import org.tejido.vault.internal.PendingCeremonies;
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
  @Autowired PendingCeremonies ceremonies;
  @Autowired UserAccounts accounts;
  @Autowired org.tejido.vault.internal.KeyHolderRemoval removal;

  @Autowired TransactionTemplate tx;

  /** Sealing runs in the transaction that stores what it sealed, as in every caller. */
  private <T> T inTransaction(java.util.function.Supplier<T> work) {
    return tx.execute(status -> work.get());
  }

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
    byte[] sealed =
        inTransaction(() -> vaults.seal(v.site().id(), utf8("Testimonio de prueba"), "test:1"));

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
      key = replaceRecoveryKey(v.site());
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

    byte[] sealed = inTransaction(() -> vaults.seal(v.site().id(), utf8(text), "source_turn:42"));
    SealedKey subject =
        inTransaction(() -> vaults.newSubjectKey(v.site().id(), "participant_key:7"));
    byte[] toSubject = vaults.sealTo(subject.publicKeyset(), utf8(text), "participant_identity:7");

    assertThat(indexOf(sealed, utf8("cancha"))).isEqualTo(-1);
    assertThat(vaults.open(v.site().id(), sealed, "source_turn:42")).isEqualTo(utf8(text));
    assertThat(
            vaults.openWith(
                v.site().id(), subject, "participant_key:7", toSubject, "participant_identity:7"))
        .isEqualTo(utf8(text));
    // Sealing is randomised: the same text twice gives two different ciphertexts.
    assertThat(inTransaction(() -> vaults.seal(v.site().id(), utf8(text), "source_turn:42")))
        .isNotEqualTo(sealed);
  }

  @Test
  void aCiphertextMovedToAnotherRowOrSiteDoesNotOpen() {
    Vault v = newVault();
    vaults.unlock(v.site(), PASSPHRASE);
    Vault other = newVault();
    vaults.unlock(other.site(), PASSPHRASE);
    fixtures.actAs(v.coordinator());
    byte[] sealed =
        inTransaction(
            () -> vaults.seal(v.site().id(), utf8("de la fila 1"), "participant_identity:1"));
    SealedKey subject =
        inTransaction(() -> vaults.newSubjectKey(v.site().id(), "participant_key:1"));
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
    byte[] sealed =
        inTransaction(() -> vaults.seal(v.site().id(), utf8("el texto original"), "t:1"));

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
    byte[] sealed =
        inTransaction(() -> vaults.seal(v.site().id(), utf8("sellado sin abrir"), "t:1"));

    assertLocked(() -> vaults.open(v.site().id(), sealed, "t:1"));
    assertLocked(() -> vaults.requireReadable(v.site().id()));
    assertLocked(() -> vaults.setMyPassphrase(v.site(), OTHER_PASSPHRASE));
    assertLocked(() -> vaults.beginRecoveryKeyReplacement(v.site()));

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
    byte[] sealed =
        inTransaction(() -> vaults.seal(v.site().id(), utf8("lo que anotó en campo"), "t:9"));
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
    byte[] sealed =
        inTransaction(() -> vaults.seal(v.site().id(), utf8("antes del cambio"), "t:1"));
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

    String replacement = replaceRecoveryKey(v.site());
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

  // ---- the key ceremony ----

  @Test
  void theVaultDoesNotExistUntilTwoGroupsOfTheRecoveryKeyAreTypedBack() {
    Site site = fixtures.freshSite();
    Person coordinator = fixtures.withRole(site.key(), SiteRole.COORDINATOR);
    fixtures.actAs(coordinator);

    KeyCeremony ceremony = vaults.beginCreation(site, PASSPHRASE);

    assertThat(ceremony.recoveryKey()).matches(RECOVERY_KEY);
    assertThat(ceremony.asked()).hasSize(2).allSatisfy(p -> assertThat(p).isBetween(1, 13));
    assertThat(ceremony.asked().get(0)).isLessThan(ceremony.asked().get(1));
    assertThat(vaults.exists(site.id())).isFalse();
    assertThat(rowsOf(site)).isZero();
    assertThatThrownBy(() -> inTransaction(() -> vaults.publicKeyset(site.id())))
        .isInstanceOfSatisfying(
            Conflict.class, e -> assertThat(e.code()).isEqualTo(VaultErrors.MISSING));

    // A wrong group: refused, nothing created, the same ceremony can be tried again.
    Map<Integer, String> wrong = new java.util.HashMap<>(rightAnswer(ceremony));
    int second = ceremony.asked().get(1);
    wrong.put(second, ceremony.groups().get(second % 13));
    assertThatThrownBy(() -> vaults.confirmCeremony(site, ceremony.id(), wrong))
        .isInstanceOfSatisfying(
            BadRequest.class, e -> assertThat(e.code()).isEqualTo("vault.recovery-key.mismatch"));
    assertThatThrownBy(() -> vaults.confirmCeremony(site, ceremony.id(), Map.of()))
        .isInstanceOf(BadRequest.class);
    assertThat(vaults.exists(site.id())).isFalse();
    assertThat(rowsOf(site)).isZero();
    assertThat(actions(site)).doesNotContain("vault.created");

    // Typed as people type from paper: lower case, spaces.
    Map<Integer, String> typed = new java.util.HashMap<>();
    rightAnswer(ceremony).forEach((k, g) -> typed.put(k, " " + g.toLowerCase(Locale.ROOT) + " "));
    assertThat(vaults.confirmCeremony(site, ceremony.id(), typed))
        .isEqualTo(KeyCeremony.Kind.CREATE);

    assertThat(vaults.exists(site.id())).isTrue();
    assertThat(vaults.status(site).unlocked()).isTrue();
    assertThat(vaults.keyHolders(site))
        .extracting(Vaults.KeyHolder::user, Vaults.KeyHolder::displayName)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(coordinator.id().value(), "Test coordinator"),
            org.assertj.core.groups.Tuple.tuple(null, null));
    assertThat(actions(site)).contains("vault.created", "vault.key-holder.added");
    // Once only: the ceremony is over.
    assertThat(vaults.ceremony(site, ceremony.id())).isEmpty();
    vaults.lock(site);
    vaults.unlockWithRecoveryKey(site, ceremony.recoveryKey());
    vaults.lock(site);
    vaults.unlock(site, PASSPHRASE);
  }

  @Test
  void aCeremonyIsFinishedOnlyByWhoeverStartedItAtThatSite() {
    Site site = fixtures.freshSite();
    Person coordinator = fixtures.withRole(site.key(), SiteRole.COORDINATOR);
    Person colleague = fixtures.withRole(site.key(), SiteRole.COORDINATOR);
    Site elsewhere = fixtures.freshSite();
    accounts.assign(coordinator.id(), elsewhere.id(), SiteRole.COORDINATOR);
    fixtures.actAs(coordinator);
    KeyCeremony ceremony = vaults.beginCreation(site, PASSPHRASE);

    fixtures.actAs(colleague);
    assertThat(vaults.ceremony(site, ceremony.id())).isEmpty();
    assertThatThrownBy(() -> vaults.confirmCeremony(site, ceremony.id(), rightAnswer(ceremony)))
        .isInstanceOfSatisfying(
            Conflict.class, e -> assertThat(e.code()).isEqualTo("vault.ceremony.expired"));
    fixtures.actAs(coordinator);
    assertThatThrownBy(
            () -> vaults.confirmCeremony(elsewhere, ceremony.id(), rightAnswer(ceremony)))
        .isInstanceOf(Conflict.class);
    assertThat(vaults.exists(site.id())).isFalse();
    assertThat(vaults.exists(elsewhere.id())).isFalse();

    // Starting over forgets the first key.
    KeyCeremony again = vaults.beginCreation(site, PASSPHRASE);
    assertThat(vaults.ceremony(site, ceremony.id())).isEmpty();
    vaults.cancelCeremony(site, again.id());
    assertThat(vaults.ceremony(site, again.id())).isEmpty();
    assertThat(vaults.exists(site.id())).isFalse();
  }

  @Test
  void theOldRecoveryKeyKeepsWorkingUntilTheNewOneIsConfirmed() {
    Vault v = newVault();
    vaults.unlock(v.site(), PASSPHRASE);
    KeyCeremony ceremony = vaults.beginRecoveryKeyReplacement(v.site());
    vaults.lock(v.site());

    vaults.unlockWithRecoveryKey(v.site(), v.recoveryKey());
    assertThatThrownBy(() -> vaults.unlockWithRecoveryKey(v.site(), ceremony.recoveryKey()))
        .isInstanceOf(BadRequest.class);

    assertThat(vaults.confirmCeremony(v.site(), ceremony.id(), rightAnswer(ceremony)))
        .isEqualTo(KeyCeremony.Kind.RECOVERY_KEY);
    vaults.lock(v.site());
    assertThatThrownBy(() -> vaults.unlockWithRecoveryKey(v.site(), v.recoveryKey()))
        .isInstanceOf(BadRequest.class);
    vaults.unlockWithRecoveryKey(v.site(), ceremony.recoveryKey());
  }

  // ---- key holders ----

  @Test
  void aCoordinatorWhoseRoleIsRevokedLosesTheirWrapAtOnceAndTheVaultTheyOpenedLocks() {
    Vault v = newVault();
    Person colleague = colleagueWithAPassphrase(v);
    vaults.unlock(v.site(), OTHER_PASSPHRASE);
    assertThat(holders(v)).contains(colleague.id().value());

    fixtures.actAs(fixtures.administrator());
    accounts.revoke(colleague.id(), v.site().id());

    assertThat(holders(v))
        .doesNotContain(colleague.id().value())
        .contains(v.coordinator().id().value());
    assertThat(store.wrap(v.site().id().value(), "user:" + colleague.id().value())).isEmpty();
    assertThat(vaults.openedBy(v.site().id())).isEmpty();
    assertThat(removals(v)).containsExactly(colleague.id().value().toString());
  }

  @Test
  void aCoordinatorMadeResearcherLosesTheirWrap() {
    Vault v = newVault();
    Person colleague = colleagueWithAPassphrase(v);
    vaults.lock(v.site());
    fixtures.actAs(v.coordinator());
    vaults.unlock(v.site(), PASSPHRASE);

    fixtures.actAs(fixtures.administrator());
    accounts.assign(colleague.id(), v.site().id(), SiteRole.RESEARCHER);

    assertThat(holders(v)).doesNotContain(colleague.id().value());
    assertThat(removals(v)).containsExactly(colleague.id().value().toString());
    // Someone else's open vault stays open.
    assertThat(vaults.openedBy(v.site().id())).contains(v.coordinator().id().value());
    // Granting the same role again removes nothing.
    accounts.assign(v.coordinator().id(), v.site().id(), SiteRole.COORDINATOR);
    assertThat(holders(v)).contains(v.coordinator().id().value());
  }

  @Test
  void aDisabledAccountLosesItsWrapAtEverySite() {
    Vault v = newVault();
    Vault other = newVault();
    accounts.assign(v.coordinator().id(), other.site().id(), SiteRole.COORDINATOR);
    fixtures.actAs(v.coordinator());
    vaults.unlockWithRecoveryKey(other.site(), other.recoveryKey());
    vaults.setMyPassphrase(other.site(), OTHER_PASSPHRASE);
    vaults.unlock(v.site(), PASSPHRASE);

    fixtures.actAs(fixtures.administrator());
    accounts.setEnabled(v.coordinator().id(), false);

    assertThat(holders(v)).doesNotContain(v.coordinator().id().value());
    assertThat(holders(other)).doesNotContain(v.coordinator().id().value());
    assertThat(removals(v)).containsExactly(v.coordinator().id().value().toString());
    assertThat(removals(other)).containsExactly(v.coordinator().id().value().toString());
    assertThat(vaults.openedBy(v.site().id())).isEmpty();
    assertThat(vaults.openedBy(other.site().id())).isEmpty();
    // The recovery key still opens it.
    fixtures.actAs(fixtures.withRole(v.site().key(), SiteRole.COORDINATOR));
    vaults.unlockWithRecoveryKey(v.site(), v.recoveryKey());
  }

  @Autowired org.springframework.context.ApplicationContext context;

  @Test
  void aWrapLeftBehindByAnEarlierVersionIsRemovedAtStartUp() {
    Vault v = newVault();
    Person colleague = colleagueWithAPassphrase(v);
    VaultStore.Wrap kept =
        store.wrap(v.site().id().value(), "user:" + colleague.id().value()).orElseThrow();
    fixtures.actAs(fixtures.administrator());
    accounts.revoke(colleague.id(), v.site().id());
    // As earlier versions left it: the wrap of someone who is no longer a coordinator.
    store.saveWrap(v.site().id().value(), kept);
    fixtures.actAsNobody();

    // What Tejido announces once it is up and serving (and never for a command).
    context.publishEvent(new org.tejido.shared.ServingStarted());

    assertThat(holders(v)).containsExactly(v.coordinator().id().value());
    assertThat(removals(v))
        .containsExactly(colleague.id().value().toString(), colleague.id().value().toString());
  }

  // ---- the key derivation ----

  @Test
  void theDefaultKeyDerivationIsRfc9106sSecondRecommendedOption() {
    VaultProperties defaults =
        new org.springframework.boot.context.properties.bind.Binder(
                new org.springframework.boot.context.properties.source
                    .MapConfigurationPropertySource(Map.of()))
            .bindOrCreate("tejido.vault", VaultProperties.class);

    assertThat(defaults.kdfMemoryKib()).isEqualTo(64 * 1024);
    assertThat(defaults.kdfIterations()).isEqualTo(3);
    assertThat(defaults.kdfParallelism()).isEqualTo(4);
  }

  @Test
  void aWrapWithWeakerParametersIsRewrittenWithTheDefaultsAtItsNextUnlock() {
    VaultProperties weak =
        new VaultProperties(Duration.ofMinutes(15), 19456, 2, 1, 12, Duration.ofMinutes(15));
    VaultProperties strong =
        new VaultProperties(Duration.ofMinutes(15), 65536, 3, 4, 12, Duration.ofMinutes(15));
    UnlockedVaults unlocked =
        TestUnlockedVaults.create(Duration.ofMinutes(15), java.time.Clock.systemUTC());
    try {
      Vaults before = new Vaults(store, unlocked, weak, team, audit, ceremonies, List.of());
      Vaults after = new Vaults(store, unlocked, strong, team, audit, ceremonies, List.of());
      Site site = fixtures.freshSite();
      Person coordinator = fixtures.withRole(site.key(), SiteRole.COORDINATOR);
      fixtures.actAs(coordinator);
      String recovery = before.create(site, PASSPHRASE);
      String mine = "user:" + coordinator.id().value();
      assertThat(params(site, mine)).containsExactly(19456, 2, 1);
      byte[] sealed = inTransaction(() -> before.seal(site.id(), utf8("escrito antes"), "t:1"));

      after.unlock(site, PASSPHRASE);

      assertThat(params(site, mine)).containsExactly(65536, 3, 4);
      assertThat(params(site, RECOVERY)).containsExactly(19456, 2, 1);
      assertThat(actions(site)).contains("vault.kdf.upgraded");
      after.lock(site);
      after.unlock(site, PASSPHRASE);
      assertThat(after.open(site.id(), sealed, "t:1")).isEqualTo(utf8("escrito antes"));
      after.lock(site);
      after.unlockWithRecoveryKey(site, recovery);
      assertThat(params(site, RECOVERY)).containsExactly(65536, 3, 4);
      // A stronger wrap is never rewritten with weaker costs.
      before.lock(site);
      before.unlock(site, PASSPHRASE);
      assertThat(params(site, mine)).containsExactly(65536, 3, 4);
      assertThat(actions(site).stream().filter("vault.kdf.upgraded"::equals)).hasSize(2);
    } finally {
      unlocked.destroy();
    }
  }

  private List<Integer> params(Site site, String holder) {
    VaultStore.Wrap wrap = store.wrap(site.id().value(), holder).orElseThrow();
    return List.of(
        wrap.params().memoryKib(), wrap.params().iterations(), wrap.params().parallelism());
  }

  private static final String RECOVERY = Vaults.RECOVERY;

  private Person colleagueWithAPassphrase(Vault v) {
    Person colleague = fixtures.withRole(v.site().key(), SiteRole.COORDINATOR);
    fixtures.actAs(colleague);
    vaults.unlockWithRecoveryKey(v.site(), v.recoveryKey());
    vaults.setMyPassphrase(v.site(), OTHER_PASSPHRASE);
    vaults.lock(v.site());
    return colleague;
  }

  /** The coordinators holding a wrap, as stored. */
  private List<java.util.UUID> holders(Vault v) {
    return store.holders(v.site().id().value()).stream()
        .map(VaultStore.Holder::holder)
        .filter(h -> h.startsWith("user:"))
        .map(h -> java.util.UUID.fromString(h.substring("user:".length())))
        .toList();
  }

  @Test
  void parallelWrongPassphrasesAreCheckedNoMoreThanTheThrottleAllows() throws Exception {
    Vault v = newVault();
    vaults.lock(v.site());
    var context = org.springframework.security.core.context.SecurityContextHolder.getContext();
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(8);
    java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
    List<java.util.concurrent.Future<String>> attempts = new java.util.ArrayList<>();
    for (int i = 0; i < 16; i++) {
      attempts.add(
          pool.submit(
              () -> {
                org.springframework.security.core.context.SecurityContextHolder.setContext(context);
                start.await();
                try {
                  vaults.unlock(v.site(), "not the passphrase at all");
                  return "opened";
                } catch (BadRequest e) {
                  return e.code();
                }
              }));
    }
    start.countDown();
    List<String> answers = new java.util.ArrayList<>();
    for (var attempt : attempts) {
      answers.add(attempt.get());
    }
    pool.shutdown();

    assertThat(answers).doesNotContain("opened");
    assertThat(answers.stream().filter(a -> a.equals("vault.passphrase.wrong")).count())
        .isEqualTo(5);
    assertThat(answers.stream().filter(a -> a.equals("vault.unlock.wait")).count()).isEqualTo(11);
    assertThat(actions(v.site()).stream().filter(a -> a.equals("vault.unlock.failed")).count())
        .isEqualTo(5);
  }

  private List<String> removals(Vault v) {
    return audit.forSite(v.site().id().value(), AuditLog.MAX_PAGE, Long.MAX_VALUE).stream()
        .filter(e -> e.action().equals("vault.key-holder.removed"))
        .map(AuditEntry::subject)
        .toList();
  }

  private int rowsOf(Site site) {
    return jdbc.sql(
            "select (select count(*) from site_vault where site_id = ?)"
                + " + (select count(*) from site_vault_key where site_id = ?)")
        .params(site.id().value(), site.id().value())
        .query(Integer.class)
        .single();
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
    Vaults idleVaults = new Vaults(store, unlocked, properties, team, audit, ceremonies, List.of());
    try {
      Vault v = newVault();
      byte[] sealed =
          inTransaction(() -> idleVaults.seal(v.site().id(), utf8("antes de la pausa"), "t:1"));
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

  /** Replaces the recovery key through the ceremony, typing back the groups asked. */
  private String replaceRecoveryKey(Site site) {
    KeyCeremony ceremony = vaults.beginRecoveryKeyReplacement(site);
    vaults.confirmCeremony(site, ceremony.id(), rightAnswer(ceremony));
    return ceremony.recoveryKey();
  }

  static Map<Integer, String> rightAnswer(KeyCeremony ceremony) {
    Map<Integer, String> typed = new java.util.HashMap<>();
    for (int position : ceremony.asked()) {
      typed.put(position, ceremony.groups().get(position - 1));
    }
    return typed;
  }

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

  /**
   * A seal outside a transaction would release the site's vault lock at once, so a key-pair
   * replacement could complete between the seal and the insert, leaving data sealed to the old key
   * (readable by the holders the replacement removed). Sealing therefore needs the transaction that
   * stores the result, and holds the lock until it ends.
   */
  @Test
  void sealingOutsideATransactionIsRefusedAndInsideOneHoldsOffAKeyPairReplacementUntilCommit()
      throws Exception {
    Vault v = newVault();
    assertThatThrownBy(() -> vaults.seal(v.site().id(), utf8("sin transacción"), "t:1"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("transaction");
    assertThatThrownBy(() -> vaults.publicKeyset(v.site().id()))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> vaults.newSubjectKey(v.site().id(), "participant_key:1"))
        .isInstanceOf(IllegalStateException.class);

    tx.executeWithoutResult(
        status -> {
          vaults.seal(v.site().id(), utf8("en transacción"), "t:1");
          // The replacement's exclusive lock cannot be had from another connection meanwhile.
          assertThat(replacementLockFree(v.site())).isFalse();
        });
    assertThat(replacementLockFree(v.site())).isTrue();
  }

  /** Whether a key-pair replacement could take the site's vault lock now (from its own session). */
  private boolean replacementLockFree(Site site) {
    try (var connection = dataSource.getConnection();
        var statement =
            connection.prepareStatement(
                "select pg_try_advisory_lock(hashtextextended('site_vault:' || ?, 0))")) {
      connection.setAutoCommit(true);
      statement.setString(1, site.id().value().toString());
      try (var rs = statement.executeQuery()) {
        rs.next();
        boolean free = rs.getBoolean(1);
        if (free) {
          try (var unlock =
              connection.prepareStatement(
                  "select pg_advisory_unlock(hashtextextended('site_vault:' || ?, 0))")) {
            unlock.setString(1, site.id().value().toString());
            unlock.executeQuery().close();
          }
        }
        return free;
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
