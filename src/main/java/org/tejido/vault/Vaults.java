package org.tejido.vault;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.HybridDecrypt;
import com.google.crypto.tink.KeysetHandle;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tejido.audit.AuditLog;
import org.tejido.identity.SiteRole;
import org.tejido.identity.StaffMember;
import org.tejido.identity.Team;
import org.tejido.shared.BadRequest;
import org.tejido.shared.Conflict;
import org.tejido.shared.Forbidden;
import org.tejido.sites.Site;
import org.tejido.sites.SiteId;
import org.tejido.vault.internal.UnlockedVaults;
import org.tejido.vault.internal.VaultCrypto;
import org.tejido.vault.internal.VaultStore;

/**
 * The site vault. Sealing needs only the site's public key, so every role can add data; opening
 * needs the vault unlocked by a coordinator and a reading role (coordinator or researcher).
 *
 * <p>Every ciphertext is bound to a {@code context} (table and row id) given as associated data, so
 * a ciphertext copied to another row or site fails to open.
 */
@Service
public class Vaults {

  public static final String RECOVERY = "recovery";
  private static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final VaultStore store;
  private final UnlockedVaults unlocked;
  private final VaultProperties properties;
  private final Team team;
  private final AuditLog audit;

  /**
   * Failed unlocks per site and person: after 5, each further attempt waits 30 s, doubling up to 15
   * minutes. Argon2id already makes each guess slow; this makes a long run of them impossible.
   */
  private final org.tejido.vault.internal.UnlockThrottle throttle =
      new org.tejido.vault.internal.UnlockThrottle(
          5, java.time.Duration.ofSeconds(30), java.time.Duration.ofMinutes(15));

  Vaults(
      VaultStore store,
      UnlockedVaults unlocked,
      VaultProperties properties,
      Team team,
      AuditLog audit) {
    this.store = store;
    this.unlocked = unlocked;
    this.properties = properties;
    this.team = team;
    this.audit = audit;
  }

  public boolean exists(SiteId site) {
    return store.publicKeyset(site.value()).isPresent();
  }

  /** The state of a site's vault as its team sees it. */
  public record Status(
      boolean exists, boolean unlocked, Instant locksAt, boolean myPassphrase, boolean canRead) {

    /** Minutes until the vault locks itself if nobody uses it. */
    public long minutesLeft() {
      return locksAt == null
          ? 0
          : Math.max(1, java.time.Duration.between(Instant.now(), locksAt).toMinutes() + 1);
    }
  }

  public Status status(Site site) {
    UUID id = site.id().value();
    boolean exists = exists(site.id());
    var open = unlocked.peek(id);
    boolean mine = team.current().map(m -> store.wrap(id, holder(m)).isPresent()).orElse(false);
    boolean canRead =
        team.currentRoleAt(site.id())
            .map(r -> r == SiteRole.COORDINATOR || r == SiteRole.RESEARCHER)
            .orElse(false);
    return new Status(
        exists, open.isPresent(), open.map(unlocked::locksAt).orElse(null), mine, canRead);
  }

  /**
   * Creates the site's vault with the current coordinator's passphrase and returns the recovery
   * key, which is shown once and never stored in clear.
   */
  @Transactional
  public String create(Site site, String passphrase) {
    StaffMember me = team.require(site.id(), SiteRole.COORDINATOR);
    checkPassphrase(passphrase);
    if (exists(site.id())) {
      throw new Conflict("vault.exists");
    }
    String recovery = createFor(site.id().value(), me.id().value(), passphrase);
    audit.record(site.id().value(), "vault.created", site.key(), null);
    return recovery;
  }

  /**
   * Creates a vault with only a recovery key (used when a site's data is loaded before any
   * coordinator exists, e.g. the demo).
   */
  @Transactional
  public String createWithRecoveryKeyOnly(SiteId site) {
    if (exists(site)) {
      throw new Conflict("vault.exists");
    }
    return createFor(site.value(), null, null);
  }

  private String createFor(UUID site, UUID by, String passphrase) {
    try {
      KeysetHandle keys = VaultCrypto.newKeyPair();
      store.create(site, VaultCrypto.publicKeyset(keys), by);
      if (passphrase != null) {
        store.saveWrap(site, wrap(site, "user:" + by, passphrase, keys));
      }
      String recovery = newRecoveryKey();
      store.saveWrap(site, wrap(site, RECOVERY, normalizeRecoveryKey(recovery), keys));
      return recovery;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Could not create the vault", e);
    }
  }

  /**
   * Opens the vault with the current coordinator's passphrase.
   *
   * @throws BadRequest {@code vault.passphrase.wrong} — the same answer whether or not this
   *     coordinator has a passphrase for the vault
   */
  public void unlock(Site site, String passphrase) {
    StaffMember me = team.require(site.id(), SiteRole.COORDINATOR);
    open(site, me, holder(me), passphrase == null ? "" : passphrase);
  }

  public void unlockWithRecoveryKey(Site site, String recoveryKey) {
    StaffMember me = team.require(site.id(), SiteRole.COORDINATOR);
    open(site, me, RECOVERY, normalizeRecoveryKey(recoveryKey == null ? "" : recoveryKey));
  }

  private void open(Site site, StaffMember me, String holder, String secret) {
    UUID id = site.id().value();
    if (!exists(site.id())) {
      throw new Conflict(VaultErrors.MISSING);
    }
    String attempt = id + "|" + me.id().value();
    java.time.Duration wait = throttle.waitFor(attempt);
    if (!wait.isZero()) {
      throw new BadRequest("vault.unlock.wait", Math.max(1, wait.toSeconds()));
    }
    VaultStore.Wrap wrap = store.wrap(id, holder).orElse(null);
    if (wrap == null) {
      // The same answer, cost and record as a wrong passphrase.
      VaultCrypto.deriveKey(
          secret,
          new byte[16],
          new VaultCrypto.KdfParams(
              properties.kdfMemoryKib(), properties.kdfIterations(), properties.kdfParallelism()));
      throttle.failed(attempt);
      audit.record(id, "vault.unlock.failed", site.key(), null);
      throw new BadRequest(VaultErrors.WRONG_PASSPHRASE);
    }
    try {
      byte[] key = VaultCrypto.deriveKey(secret, wrap.salt(), wrap.params());
      KeysetHandle keys =
          VaultCrypto.unwrapPrivate(wrap.wrapped(), VaultCrypto.aead(key), ad(id, holder));
      // The private keyset stays with the open vault (to re-wrap it, see setMyPassphrase) and is
      // forgotten with it, on lock or after the idle timeout.
      unlocked.put(id, keys, VaultCrypto.decrypter(keys), me.id().value());
      throttle.succeeded(attempt);
      audit.record(
          id, RECOVERY.equals(holder) ? "vault.unlock.recovery" : "vault.unlock", site.key(), null);
    } catch (GeneralSecurityException e) {
      throttle.failed(attempt);
      audit.record(id, "vault.unlock.failed", site.key(), null);
      throw new BadRequest(VaultErrors.WRONG_PASSPHRASE);
    }
  }

  public void lock(Site site) {
    team.require(site.id());
    unlocked.lock(site.id().value());
    audit.record(site.id().value(), "vault.lock", site.key(), null);
  }

  /** Sets (or changes) the current coordinator's passphrase; the vault must be unlocked. */
  @Transactional
  public void setMyPassphrase(Site site, String passphrase) {
    StaffMember me = team.require(site.id(), SiteRole.COORDINATOR);
    checkPassphrase(passphrase);
    KeysetHandle keys = openKeys(site.id());
    try {
      store.saveWrap(site.id().value(), wrap(site.id().value(), holder(me), passphrase, keys));
      audit.record(site.id().value(), "vault.passphrase.set", site.key(), null);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Replaces the recovery key; the vault must be unlocked. Returns the new key, shown once. */
  @Transactional
  public String replaceRecoveryKey(Site site) {
    team.require(site.id(), SiteRole.COORDINATOR);
    KeysetHandle keys = openKeys(site.id());
    String recovery = newRecoveryKey();
    try {
      store.saveWrap(
          site.id().value(),
          wrap(site.id().value(), RECOVERY, normalizeRecoveryKey(recovery), keys));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
    audit.record(site.id().value(), "vault.recovery-key.replaced", site.key(), null);
    return recovery;
  }

  private KeysetHandle openKeys(SiteId site) {
    return unlocked
        .use(site.value())
        .map(UnlockedVaults.Open::privateKeys)
        .orElseThrow(() -> new Conflict(VaultErrors.LOCKED));
  }

  // ---- sealing: anyone with a role, no unlock ----

  /** Seals data to the site vault (readable only when the vault is unlocked). */
  public byte[] seal(SiteId site, byte[] plaintext, String context) {
    return sealTo(publicKeyset(site), plaintext, context);
  }

  /**
   * The vault's public keyset, for sealing many things to it with {@link #sealTo} while reading it
   * once. Public: it seals, it cannot open.
   *
   * @throws Conflict {@code vault.missing} when the site has no vault yet
   */
  public byte[] publicKeyset(SiteId site) {
    return store.publicKeyset(site.value()).orElseThrow(() -> new Conflict(VaultErrors.MISSING));
  }

  /** A new key pair for one subject (a participant), its private half sealed to the vault. */
  public SealedKey newSubjectKey(SiteId site, String context) {
    try {
      KeysetHandle keys = VaultCrypto.newKeyPair();
      return new SealedKey(
          VaultCrypto.publicKeyset(keys), seal(site, VaultCrypto.serializePrivate(keys), context));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Seals data to a public keyset: a subject's, or the vault's (readable with the vault unlocked).
   */
  public byte[] sealTo(byte[] publicKeyset, byte[] plaintext, String context) {
    try {
      return VaultCrypto.encrypter(publicKeyset).encrypt(plaintext, VaultCrypto.utf8(context));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Could not seal", e);
    }
  }

  /** A fresh 256-bit data key, for encrypting many records under one wrapped key. */
  public static DataKey newDataKey() {
    return new DataKey(VaultCrypto.randomBytes(32));
  }

  // ---- opening: vault unlocked, and a reading role ----

  /**
   * @throws Conflict {@code vault.locked} when the vault is not unlocked
   * @throws Forbidden when the current person may not read the vault
   * @throws VaultTampered when the ciphertext does not belong to this context
   */
  public byte[] open(SiteId site, byte[] sealed, String context) {
    HybridDecrypt decrypter = reader(site);
    try {
      return decrypter.decrypt(sealed, VaultCrypto.utf8(context));
    } catch (GeneralSecurityException e) {
      throw new VaultTampered(context, e);
    }
  }

  /** Opens data sealed to a subject's key, unwrapping the subject's private key with the vault. */
  public byte[] openWith(
      SiteId site, SealedKey key, String keyContext, byte[] sealed, String context) {
    UnlockedVaults.Open vault = openVault(site);
    UnlockedVaults.SubjectKey subjectKey =
        UnlockedVaults.SubjectKey.of(keyContext, key.sealedPrivateKeyset());
    HybridDecrypt subject = vault.subjects().get(subjectKey);
    if (subject == null) {
      byte[] privateKeyset = open(site, key.sealedPrivateKeyset(), keyContext);
      try {
        subject = VaultCrypto.decrypter(VaultCrypto.parsePrivate(privateKeyset));
      } catch (GeneralSecurityException e) {
        throw new VaultTampered(keyContext, e);
      } finally {
        java.util.Arrays.fill(privateKeyset, (byte) 0);
      }
      vault.subjects().put(subjectKey, subject);
    }
    try {
      return subject.decrypt(sealed, VaultCrypto.utf8(context));
    } catch (GeneralSecurityException e) {
      throw new VaultTampered(context, e);
    }
  }

  /**
   * Forgets a subject's private key opened in the site's open vault (after the subject's rows were
   * deleted: a withdrawal), so that it is gone from memory too, not only at the next lock.
   */
  public void forgetSubject(SiteId site, String keyContext) {
    unlocked
        .peek(site.value())
        .ifPresent(o -> o.subjects().keySet().removeIf(k -> k.context().equals(keyContext)));
  }

  /**
   * Checks that the current person may read the vault now.
   *
   * @throws Conflict {@code vault.locked}
   * @throws Forbidden for roles that never read the vault
   */
  public void requireReadable(SiteId site) {
    reader(site);
  }

  /** Whether the current person could read the vault now (unlocked, reading role). */
  public boolean canReadNow(SiteId site) {
    return unlocked.peek(site.value()).isPresent()
        && team.currentRoleAt(site)
            .map(r -> r == SiteRole.COORDINATOR || r == SiteRole.RESEARCHER)
            .orElse(false);
  }

  private HybridDecrypt reader(SiteId site) {
    return openVault(site).decrypter();
  }

  private UnlockedVaults.Open openVault(SiteId site) {
    team.require(site, SiteRole.COORDINATOR, SiteRole.RESEARCHER);
    return unlocked.use(site.value()).orElseThrow(() -> new Conflict(VaultErrors.LOCKED));
  }

  private VaultStore.Wrap wrap(UUID site, String holder, String secret, KeysetHandle keys)
      throws GeneralSecurityException {
    byte[] salt = VaultCrypto.randomBytes(16);
    VaultCrypto.KdfParams params =
        new VaultCrypto.KdfParams(
            properties.kdfMemoryKib(), properties.kdfIterations(), properties.kdfParallelism());
    Aead wrapping = VaultCrypto.aead(VaultCrypto.deriveKey(secret, salt, params));
    return new VaultStore.Wrap(
        holder, salt, params, VaultCrypto.wrapPrivate(keys, wrapping, ad(site, holder)));
  }

  private void checkPassphrase(String passphrase) {
    if (passphrase == null
        || passphrase.length() < properties.minPassphraseLength()
        || passphrase.length() > 256) {
      throw new BadRequest("vault.passphrase.length", properties.minPassphraseLength());
    }
  }

  private static String holder(StaffMember member) {
    return "user:" + member.id().value();
  }

  private static byte[] ad(UUID site, String holder) {
    return VaultCrypto.utf8("site_vault_key|" + site + "|" + holder);
  }

  /** 52 characters of Crockford's base32 (260 bits), in groups of four. */
  static String newRecoveryKey() {
    StringBuilder key = new StringBuilder();
    for (int i = 0; i < 52; i++) {
      if (i > 0 && i % 4 == 0) {
        key.append('-');
      }
      key.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return key.toString();
  }

  /** Tolerates what people do when typing a key from paper: case, spaces, dashes, O for 0. */
  static String normalizeRecoveryKey(String typed) {
    StringBuilder out = new StringBuilder();
    for (char c : typed.toUpperCase(java.util.Locale.ROOT).toCharArray()) {
      if (c == 'O') {
        c = '0';
      } else if (c == 'I' || c == 'L') {
        c = '1';
      }
      if (ALPHABET.indexOf(c) >= 0) {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** Raised when a ciphertext fails to open in its context: it was altered or moved. */
  public static final class VaultTampered extends RuntimeException {
    VaultTampered(String context, Throwable cause) {
      super("Vault data failed authentication (" + context + ")", cause);
    }
  }

  public Optional<UUID> openedBy(SiteId site) {
    return unlocked.peek(site.value()).map(UnlockedVaults.Open::openedBy);
  }
}
