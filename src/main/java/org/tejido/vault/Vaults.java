package org.tejido.vault;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.HybridDecrypt;
import com.google.crypto.tink.HybridEncrypt;
import com.google.crypto.tink.KeysetHandle;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.tejido.audit.AuditLog;
import org.tejido.identity.SiteRole;
import org.tejido.identity.StaffMember;
import org.tejido.identity.Team;
import org.tejido.shared.BadRequest;
import org.tejido.shared.Conflict;
import org.tejido.shared.Forbidden;
import org.tejido.sites.Site;
import org.tejido.sites.SiteId;
import org.tejido.vault.internal.PendingCeremonies;
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
  private final PendingCeremonies ceremonies;
  private final List<VaultSealedData> sealedData;

  /**
   * Failed unlocks per site and person: after 5, each further attempt waits 30 s, doubling up to 15
   * minutes. Argon2id already makes each guess slow; this makes a long run of them impossible, and
   * reserving each attempt before deriving the key keeps parallel guesses within the limit.
   */
  private final org.tejido.shared.Throttle throttle =
      new org.tejido.shared.Throttle(
          5,
          java.time.Duration.ofSeconds(30),
          java.time.Duration.ofMinutes(15),
          java.time.Duration.ofHours(2),
          10_000,
          java.time.Clock.systemUTC());

  Vaults(
      VaultStore store,
      UnlockedVaults unlocked,
      VaultProperties properties,
      Team team,
      AuditLog audit,
      PendingCeremonies ceremonies,
      List<VaultSealedData> sealedData) {
    this.store = store;
    this.unlocked = unlocked;
    this.properties = properties;
    this.team = team;
    this.audit = audit;
    this.ceremonies = ceremonies;
    this.sealedData = List.copyOf(sealedData);
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
    boolean canRead = team.currentRoleAt(site.id()).map(SiteRole::readsVault).orElse(false);
    return new Status(
        exists, open.isPresent(), open.map(unlocked::locksAt).orElse(null), mine, canRead);
  }

  // ---- the key ceremony: nothing changes until the new recovery key is typed back ----

  /**
   * Starts creating the site's vault with the current coordinator's passphrase: makes the key pair
   * and a recovery key, kept in memory until {@link #confirmCeremony}. The vault does not exist
   * before that.
   */
  public KeyCeremony beginCreation(Site site, String passphrase) {
    StaffMember me = team.require(site.id(), SiteRole.COORDINATOR);
    checkPassphrase(passphrase);
    if (exists(site.id())) {
      throw new Conflict("vault.exists");
    }
    try {
      KeysetHandle keys = VaultCrypto.newKeyPair();
      UUID id = site.id().value();
      return begin(site, me, KeyCeremony.Kind.CREATE, keys, wrap(id, holder(me), passphrase, keys));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Could not create the vault", e);
    }
  }

  /** Starts replacing the recovery key (vault unlocked); the old one works until confirmed. */
  public KeyCeremony beginRecoveryKeyReplacement(Site site) {
    StaffMember me = team.require(site.id(), SiteRole.COORDINATOR);
    return begin(site, me, KeyCeremony.Kind.RECOVERY_KEY, openKeys(site.id()), null);
  }

  /**
   * Starts replacing the site's key pair: the vault must be unlocked and the current coordinator
   * must type their passphrase again (the recovery key does not do). The new key pair waits in
   * memory for its recovery key to be confirmed; only then is everything re-sealed to it.
   *
   * @throws BadRequest {@code vault.passphrase.wrong}, counted like a failed unlock
   */
  public KeyCeremony beginKeyPairReplacement(Site site, String passphrase) {
    StaffMember me = team.require(site.id(), SiteRole.COORDINATOR);
    KeysetHandle current = openKeys(site.id());
    checkMyPassphrase(site, me, passphrase == null ? "" : passphrase, current);
    try {
      KeysetHandle keys = VaultCrypto.newKeyPair();
      return begin(
          site,
          me,
          KeyCeremony.Kind.KEY_PAIR,
          keys,
          wrap(site.id().value(), holder(me), passphrase, keys));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private KeyCeremony begin(
      Site site, StaffMember me, KeyCeremony.Kind kind, KeysetHandle keys, VaultStore.Wrap mine) {
    String recovery = newRecoveryKey();
    List<Integer> asked = askedGroups();
    Instant expires = Instant.now().plus(properties.ceremonyTimeout());
    PendingCeremonies.Pending pending =
        new PendingCeremonies.Pending(
            VaultCrypto.randomToken(),
            site.id().value(),
            me.id().value(),
            kind,
            recovery,
            asked,
            keys,
            mine,
            expires);
    ceremonies.put(pending);
    return ceremony(pending);
  }

  /** The current coordinator's ceremony with this id at the site, while it has not expired. */
  public Optional<KeyCeremony> ceremony(Site site, String id) {
    StaffMember me = team.require(site.id(), SiteRole.COORDINATOR);
    return ceremonies.find(id, site.id().value(), me.id().value()).map(Vaults::ceremony);
  }

  /** Abandons a ceremony: nothing was changed, and its key material is forgotten. */
  public void cancelCeremony(Site site, String id) {
    StaffMember me = team.require(site.id(), SiteRole.COORDINATOR);
    ceremonies.find(id, site.id().value(), me.id().value()).ifPresent(p -> ceremonies.remove(id));
  }

  /**
   * Finishes a ceremony when the groups typed back (by position, from 1) match the recovery key:
   * creates the vault (and unlocks it), replaces the recovery key, or replaces the key pair.
   *
   * @throws BadRequest {@code vault.recovery-key.mismatch} when a group is wrong: nothing changes,
   *     and the same ceremony may be tried again
   * @throws Conflict {@code vault.ceremony.expired} when there is no such ceremony (any more)
   */
  @Transactional
  public KeyCeremony.Kind confirmCeremony(Site site, String id, Map<Integer, String> typed) {
    StaffMember me = team.require(site.id(), SiteRole.COORDINATOR);
    PendingCeremonies.Pending pending =
        ceremonies
            .find(id, site.id().value(), me.id().value())
            .orElseThrow(() -> new Conflict("vault.ceremony.expired"));
    List<String> groups = List.of(pending.recoveryKey().split("-"));
    for (int position : pending.asked()) {
      String answer = typed == null ? null : typed.get(position);
      byte[] given = VaultCrypto.utf8(normalizeRecoveryKey(answer == null ? "" : answer));
      if (!MessageDigest.isEqual(given, VaultCrypto.utf8(groups.get(position - 1)))) {
        throw new BadRequest("vault.recovery-key.mismatch");
      }
    }
    complete(site, me, pending, true);
    return pending.kind();
  }

  private void complete(
      Site site, StaffMember me, PendingCeremonies.Pending pending, boolean unlockAfter) {
    UUID id = site.id().value();
    try {
      VaultStore.Wrap recovery =
          wrap(id, RECOVERY, normalizeRecoveryKey(pending.recoveryKey()), pending.keys());
      switch (pending.kind()) {
        case CREATE -> {
          if (exists(site.id())) {
            ceremonies.remove(pending.id());
            throw new Conflict("vault.exists");
          }
          store.create(id, VaultCrypto.publicKeyset(pending.keys()), me.id().value());
          store.saveWrap(id, pending.myWrap());
          store.saveWrap(id, recovery);
          audit.record(id, "vault.created", site.key(), null);
          audit.record(id, "vault.key-holder.added", me.id().value().toString(), null);
          audit.record(id, "vault.key-holder.added", RECOVERY, null);
        }
        case RECOVERY_KEY -> {
          requireCurrentKeys(site.id(), pending.keys());
          store.saveWrap(id, recovery);
          audit.record(id, "vault.recovery-key.replaced", site.key(), null);
          audit.record(id, "vault.key-holder.added", RECOVERY, null);
        }
        case KEY_PAIR -> replaceKeyPair(site, me, pending, recovery);
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
    ceremonies.remove(pending.id());
    if (unlockAfter && pending.kind() == KeyCeremony.Kind.CREATE) {
      afterCommit(() -> open(id, pending.keys(), me));
    }
  }

  /**
   * Re-seals everything sealed to the site's key to the new key pair, then replaces the holders:
   * the acting coordinator's wrap and the recovery key (both of the new key) are written and every
   * other wrap (of the old key) deleted, all in one transaction with the re-sealing. Whatever is
   * committed, some holder can open it: before, everyone who could; after, this coordinator and the
   * recovery key just confirmed.
   */
  private void replaceKeyPair(
      Site site, StaffMember me, PendingCeremonies.Pending pending, VaultStore.Wrap recovery)
      throws GeneralSecurityException {
    UUID id = site.id().value();
    // Sealings under way finish first; new ones wait and then read the new public key.
    store.lockForReplacement(id);
    KeysetHandle old = openKeys(site.id());
    requireCurrentKeys(site.id(), old);
    HybridDecrypt opener = VaultCrypto.decrypter(old);
    byte[] newPublic = VaultCrypto.publicKeyset(pending.keys());
    HybridEncrypt sealer = VaultCrypto.encrypter(newPublic);
    VaultSealedData.Resealer resealer =
        (ciphertext, context) -> {
          byte[] ad = VaultCrypto.utf8(context);
          byte[] plain;
          try {
            plain = opener.decrypt(ciphertext, ad);
          } catch (GeneralSecurityException e) {
            throw new VaultTampered(context, e);
          }
          try {
            return sealer.encrypt(plain, ad);
          } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not seal", e);
          } finally {
            Arrays.fill(plain, (byte) 0);
          }
        };
    int resealed = 0;
    for (VaultSealedData data : sealedData) {
      resealed += data.reseal(site.id(), resealer);
    }
    store.replacePublicKeyset(id, newPublic);
    List<String> removed = new ArrayList<>();
    for (VaultStore.Holder h : store.holders(id)) {
      if (!h.holder().equals(RECOVERY) && !h.holder().equals(holder(me))) {
        store.deleteWrap(id, h.holder());
        removed.add(h.holder());
      }
    }
    store.saveWrap(id, pending.myWrap());
    store.saveWrap(id, recovery);
    audit.record(
        id,
        "vault.key-pair.replaced",
        site.key(),
        "resealed=" + resealed + "; key holders removed=" + removed.size());
    for (String holder : removed) {
      audit.record(
          id, "vault.key-holder.removed", holder.substring("user:".length()), "key-pair.replaced");
    }
    audit.record(id, "vault.key-holder.added", RECOVERY, null);
    ceremonies.removeSite(id);
    afterCommit(() -> open(id, pending.keys(), me));
  }

  private void requireCurrentKeys(SiteId site, KeysetHandle keys) throws GeneralSecurityException {
    if (!Arrays.equals(
        VaultCrypto.publicKeyset(keys), store.publicKeyset(site.value()).orElse(new byte[0]))) {
      throw new Conflict("vault.ceremony.expired");
    }
  }

  private void open(UUID site, KeysetHandle keys, StaffMember me) {
    try {
      unlocked.put(site, keys, VaultCrypto.decrypter(keys), me.id().value());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Runs once the current transaction has committed (at once without one). */
  private static void afterCommit(Runnable action) {
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCommit() {
              action.run();
            }
          });
    } else {
      action.run();
    }
  }

  private static KeyCeremony ceremony(PendingCeremonies.Pending p) {
    return new KeyCeremony(p.id(), p.kind(), p.recoveryKey(), p.asked(), p.expiresAt());
  }

  /** Two different groups of the thirteen, in order. */
  private static List<Integer> askedGroups() {
    int first = 1 + RANDOM.nextInt(13);
    int second;
    do {
      second = 1 + RANDOM.nextInt(13);
    } while (second == first);
    return List.of(Math.min(first, second), Math.max(first, second));
  }

  /**
   * Creates the site's vault with the current coordinator's passphrase at once and returns the
   * recovery key, without asking for it back: for programs and tests that hand the key over
   * themselves. People create vaults through {@link #beginCreation} and {@link #confirmCeremony}.
   * The vault is left locked.
   */
  @Transactional
  public String create(Site site, String passphrase) {
    StaffMember me = team.require(site.id(), SiteRole.COORDINATOR);
    KeyCeremony started = beginCreation(site, passphrase);
    PendingCeremonies.Pending pending =
        ceremonies.find(started.id(), site.id().value(), me.id().value()).orElseThrow();
    complete(site, me, pending, false);
    return started.recoveryKey();
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
    try {
      KeysetHandle keys = VaultCrypto.newKeyPair();
      store.create(site.value(), VaultCrypto.publicKeyset(keys), null);
      String recovery = newRecoveryKey();
      store.saveWrap(
          site.value(), wrap(site.value(), RECOVERY, normalizeRecoveryKey(recovery), keys));
      return recovery;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Could not create the vault", e);
    }
  }

  // ---- key holders ----

  /**
   * Who holds a wrapped copy of the site's private key: a coordinator ({@code user} set, with their
   * display name, or null if they are no longer on the team) or the recovery key.
   */
  public record KeyHolder(UUID user, String displayName, Instant since) {
    public boolean recoveryKey() {
      return user == null;
    }

    /** The day it was written, in central Mexico. */
    public java.time.LocalDate sinceDay() {
      return since.atZone(java.time.ZoneId.of("America/Mexico_City")).toLocalDate();
    }
  }

  /** The site's key holders, coordinators first (for the site's team). */
  public List<KeyHolder> keyHolders(Site site) {
    team.require(site.id());
    Map<UUID, String> names = new HashMap<>();
    team.membersOf(site.id()).forEach(m -> names.put(m.id().value(), m.displayName()));
    List<KeyHolder> holders = new ArrayList<>();
    for (VaultStore.Holder h : store.holders(site.id().value())) {
      if (h.holder().equals(RECOVERY)) {
        holders.add(new KeyHolder(null, null, h.since()));
      } else {
        UUID user = UUID.fromString(h.holder().substring("user:".length()));
        holders.add(new KeyHolder(user, names.get(user), h.since()));
      }
    }
    return holders;
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
    java.time.Duration wait = throttle.reserve(attempt);
    if (!wait.isZero()) {
      throw new BadRequest("vault.unlock.wait", Math.max(1, wait.toSeconds()));
    }
    VaultStore.Wrap wrap = store.wrap(id, holder).orElse(null);
    if (wrap == null) {
      // The same answer, cost and record as a wrong passphrase.
      VaultCrypto.deriveKey(secret, new byte[16], currentParams());
      audit.record(id, "vault.unlock.failed", site.key(), null);
      throw new BadRequest(VaultErrors.WRONG_PASSPHRASE);
    }
    try {
      byte[] key = VaultCrypto.deriveKey(secret, wrap.salt(), wrap.params());
      KeysetHandle keys =
          VaultCrypto.unwrapPrivate(wrap.wrapped(), VaultCrypto.aead(key), ad(id, holder));
      // A wrap of a replaced key pair (put back from an old backup) opens nothing sealed since:
      // refuse it like a wrong passphrase rather than open a vault that cannot read.
      if (!Arrays.equals(
          VaultCrypto.publicKeyset(keys), store.publicKeyset(id).orElse(new byte[0]))) {
        throw new GeneralSecurityException("wrap of a replaced key pair");
      }
      if (weakerThanCurrent(wrap.params())) {
        store.saveWrap(id, wrap(id, holder, secret, keys));
        audit.record(
            id,
            "vault.kdf.upgraded",
            RECOVERY.equals(holder) ? RECOVERY : holder.substring("user:".length()),
            wrap.params().memoryKib()
                + " KiB/"
                + wrap.params().iterations()
                + "/"
                + wrap.params().parallelism()
                + " -> "
                + properties.kdfMemoryKib()
                + " KiB/"
                + properties.kdfIterations()
                + "/"
                + properties.kdfParallelism());
      }
      // The private keyset stays with the open vault (to re-wrap it, see setMyPassphrase) and is
      // forgotten with it, on lock or after the idle timeout.
      unlocked.put(id, keys, VaultCrypto.decrypter(keys), me.id().value());
      throttle.reset(attempt);
      audit.record(
          id, RECOVERY.equals(holder) ? "vault.unlock.recovery" : "vault.unlock", site.key(), null);
    } catch (GeneralSecurityException e) {
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
      boolean added = store.wrap(site.id().value(), holder(me)).isEmpty();
      store.saveWrap(site.id().value(), wrap(site.id().value(), holder(me), passphrase, keys));
      audit.record(site.id().value(), "vault.passphrase.set", site.key(), null);
      if (added) {
        audit.record(site.id().value(), "vault.key-holder.added", me.id().value().toString(), null);
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private KeysetHandle openKeys(SiteId site) {
    return unlocked
        .use(site.value())
        .map(UnlockedVaults.Open::privateKeys)
        .orElseThrow(() -> new Conflict(VaultErrors.LOCKED));
  }

  // ---- sealing: anyone with a role, no unlock ----

  /**
   * Seals data to the site vault (readable only when the vault is unlocked); in the transaction
   * that stores the result (see {@link #publicKeyset}).
   */
  public byte[] seal(SiteId site, byte[] plaintext, String context) {
    return sealTo(publicKeyset(site), plaintext, context);
  }

  /**
   * The vault's public keyset, for sealing many things to it with {@link #sealTo} while reading it
   * once. Public: it seals, it cannot open.
   *
   * <p>Only inside a transaction, the one that stores what is sealed: the site's vault lock taken
   * here (shared; a key-pair replacement takes it exclusively) lasts until that transaction ends,
   * so a replacement cannot re-seal everything and switch keys between this read of the public key
   * and the insert of what was sealed with it. Outside a transaction the lock would be released at
   * once and the sealed data could land on the old key after the replacement, readable by the
   * holders it was meant to remove.
   *
   * @throws Conflict {@code vault.missing} when the site has no vault yet
   * @throws IllegalStateException when no transaction is active
   */
  public byte[] publicKeyset(SiteId site) {
    if (!TransactionSynchronizationManager.isActualTransactionActive()) {
      throw new IllegalStateException(
          "Sealing to a site's vault must run in the transaction that stores the result");
    }
    return store
        .publicKeysetForSealing(site.value())
        .orElseThrow(() -> new Conflict(VaultErrors.MISSING));
  }

  /**
   * The site's vault public key as a browser needs it to seal to the vault itself (the field diary
   * written offline): the raw X25519 key and a short identifier of it, both base64url. Public: it
   * seals, it cannot open. Read without the sealing lock: what the browser seals is stored later,
   * by {@link #requireCurrentDeviceKey} in the storing transaction.
   */
  public Optional<DeviceKey> deviceKey(SiteId site) {
    return store
        .publicKeyset(site.value())
        .map(
            keyset -> {
              try {
                byte[] raw = VaultCrypto.rawPublicKey(keyset);
                return new DeviceKey(keyIdOf(raw), base64url(raw));
              } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
              }
            });
  }

  /** A vault public key for a browser: its identifier and the raw key, base64url. */
  public record DeviceKey(String id, String publicKey) {}

  /**
   * Checks, in the transaction that stores something a browser sealed, that it was sealed to the
   * site's current key (the identifier it sent along): a ciphertext sealed to a replaced key could
   * never be opened, and would stop the next key-pair replacement from re-sealing the site.
   *
   * @throws Conflict {@code vault.missing}, or {@code vault.device-key.replaced}
   */
  public void requireCurrentDeviceKey(SiteId site, String keyId) {
    try {
      byte[] raw = VaultCrypto.rawPublicKey(publicKeyset(site));
      if (keyId == null
          || !MessageDigest.isEqual(VaultCrypto.utf8(keyIdOf(raw)), VaultCrypto.utf8(keyId))) {
        throw new Conflict("vault.device-key.replaced");
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String keyIdOf(byte[] rawPublicKey) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(rawPublicKey);
      return base64url(Arrays.copyOf(digest, 12));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String base64url(byte[] bytes) {
    return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
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
        && team.currentRoleAt(site).map(SiteRole::readsVault).orElse(false);
  }

  private HybridDecrypt reader(SiteId site) {
    return openVault(site).decrypter();
  }

  private UnlockedVaults.Open openVault(SiteId site) {
    team.require(site, SiteRole.VAULT_READERS);
    return unlocked.use(site.value()).orElseThrow(() -> new Conflict(VaultErrors.LOCKED));
  }

  private VaultStore.Wrap wrap(UUID site, String holder, String secret, KeysetHandle keys)
      throws GeneralSecurityException {
    byte[] salt = VaultCrypto.randomBytes(16);
    VaultCrypto.KdfParams params = currentParams();
    Aead wrapping = VaultCrypto.aead(VaultCrypto.deriveKey(secret, salt, params));
    return new VaultStore.Wrap(
        holder, salt, params, VaultCrypto.wrapPrivate(keys, wrapping, ad(site, holder)));
  }

  private VaultCrypto.KdfParams currentParams() {
    return new VaultCrypto.KdfParams(
        properties.kdfMemoryKib(), properties.kdfIterations(), properties.kdfParallelism());
  }

  /**
   * Whether a wrap's Argon2id costs less than the configured one: less memory or fewer passes and
   * nothing more. Lowering the configuration never rewrites a stronger wrap with weaker costs.
   */
  private boolean weakerThanCurrent(VaultCrypto.KdfParams stored) {
    VaultCrypto.KdfParams current = currentParams();
    return !stored.equals(current)
        && stored.memoryKib() <= current.memoryKib()
        && stored.iterations() <= current.iterations();
  }

  /** Checks the current coordinator's passphrase against their wrap of the open vault's key. */
  private void checkMyPassphrase(Site site, StaffMember me, String passphrase, KeysetHandle open) {
    UUID id = site.id().value();
    String attempt = id + "|" + me.id().value();
    java.time.Duration wait = throttle.reserve(attempt);
    if (!wait.isZero()) {
      throw new BadRequest("vault.unlock.wait", Math.max(1, wait.toSeconds()));
    }
    VaultStore.Wrap wrap = store.wrap(id, holder(me)).orElse(null);
    try {
      VaultCrypto.KdfParams params = wrap == null ? currentParams() : wrap.params();
      byte[] key =
          VaultCrypto.deriveKey(passphrase, wrap == null ? new byte[16] : wrap.salt(), params);
      if (wrap == null) {
        throw new GeneralSecurityException("no passphrase of their own");
      }
      KeysetHandle keys =
          VaultCrypto.unwrapPrivate(wrap.wrapped(), VaultCrypto.aead(key), ad(id, holder(me)));
      if (!Arrays.equals(VaultCrypto.publicKeyset(keys), VaultCrypto.publicKeyset(open))) {
        throw new GeneralSecurityException("wrap of another key pair");
      }
      throttle.reset(attempt);
    } catch (GeneralSecurityException e) {
      audit.record(id, "vault.passphrase.failed", site.key(), null);
      throw new BadRequest(VaultErrors.WRONG_PASSPHRASE);
    }
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
