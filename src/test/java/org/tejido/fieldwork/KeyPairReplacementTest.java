package org.tejido.fieldwork;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.HybridDecrypt;
import com.google.crypto.tink.KeysetHandle;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tejido.audit.AuditEntry;
import org.tejido.audit.AuditLog;
import org.tejido.deidentification.GazetteerEntry;
import org.tejido.identity.SiteRole;
import org.tejido.shared.BadRequest;
import org.tejido.sites.Site;
import org.tejido.support.Fixtures;
import org.tejido.support.Fixtures.Person;
import org.tejido.support.TejidoTest;
import org.tejido.vault.KeyCeremony;
import org.tejido.vault.VaultErrors;
import org.tejido.vault.Vaults;
import org.tejido.vault.internal.VaultCrypto;
import org.tejido.vault.internal.VaultStore;

/**
 * Replacing a site's key pair: every ciphertext sealed to the site's key is sealed again to the new
 * one, so a copy of the old private key — kept by a former coordinator with their old wrap — opens
 * nothing in the database any more, while the team reads everything as before.
 */
@TejidoTest
class KeyPairReplacementTest {

  private static final String PASSPHRASE = "la frase larga de la coordinadora";
  private static final String FORMER = "la frase de quien se fue del equipo";

  @Autowired Fixtures fixtures;
  @Autowired Vaults vaults;
  @Autowired Participants participants;
  @Autowired Activities activities;
  @Autowired Sources sources;
  @Autowired Media media;
  @Autowired Deidentification deidentification;
  @Autowired VaultStore store;
  @Autowired AuditLog audit;
  @Autowired JdbcClient jdbc;

  @AfterEach
  void signOut() {
    fixtures.actAsNobody();
  }

  @Test
  void afterReplacingTheKeyPairTheOldPrivateKeyOpensNothingAndTheTeamReadsEverything()
      throws Exception {
    Site site = fixtures.freshSite();
    Person coordinator = fixtures.withRole(site.key(), SiteRole.COORDINATOR);
    Person leaving = fixtures.withRole(site.key(), SiteRole.COORDINATOR);
    fixtures.actAs(coordinator);
    String recovery = vaults.create(site, PASSPHRASE);
    vaults.unlock(site, PASSPHRASE);
    Participant juana =
        participants.register(
            site,
            new NewParticipant(
                "women",
                "woman",
                "30_44",
                "mestizo",
                null,
                new Identity("Juana Pérez", "la Güera", "443 000 1111")));
    UUID activity =
        activities.create(
            site,
            new NewActivity("workshop", LocalDate.now(), "Taller", List.of("women"), null, null));
    String text =
        "Facilitadora: ¿Qué pasó en la calle Morelos?\n"
            + juana.code()
            + ": Se llevaron a mi primo en la esquina.";
    UUID source =
        sources.add(site, new NewSource(activity, "transcript", "Taller 1", text, "typed"));
    UUID file =
        media.attach(
            site,
            activity,
            "photo",
            "cancha.jpg",
            "image/jpeg",
            "foto".getBytes(StandardCharsets.UTF_8));
    deidentification.addToGazetteer(site, "calle Morelos", "STREET");

    // A second coordinator sets a passphrase, then keeps a copy of their wrap of the old key.
    fixtures.actAs(leaving);
    vaults.setMyPassphrase(site, FORMER);
    VaultStore.Wrap kept =
        store.wrap(site.id().value(), "user:" + leaving.id().value()).orElseThrow();
    HybridDecrypt oldKey = unwrap(site, kept, FORMER);
    Map<String, byte[]> before = sealedToTheSite(site);
    assertThat(before.keySet())
        .as("one of each kind sealed to the site's key")
        .anyMatch(k -> k.startsWith("participant_key:"))
        .anyMatch(k -> k.startsWith("participant_identity_key:"))
        .anyMatch(k -> k.startsWith("source_key:"))
        .anyMatch(k -> k.startsWith("media_key:"))
        .anyMatch(k -> k.startsWith("gazetteer:"));
    before.forEach(
        (context, ciphertext) -> assertThat(opens(oldKey, ciphertext, context)).isTrue());

    fixtures.actAs(coordinator);
    assertThatThrownBy(() -> vaults.beginKeyPairReplacement(site, FORMER))
        .isInstanceOfSatisfying(
            BadRequest.class, e -> assertThat(e.code()).isEqualTo(VaultErrors.WRONG_PASSPHRASE));
    KeyCeremony ceremony = vaults.beginKeyPairReplacement(site, PASSPHRASE);
    // Nothing changes before the new recovery key is confirmed.
    assertThat(sealedToTheSite(site)).containsExactlyInAnyOrderEntriesOf(before);
    Map<Integer, String> typed = new HashMap<>();
    ceremony.asked().forEach(p -> typed.put(p, ceremony.groups().get(p - 1)));
    assertThat(vaults.confirmCeremony(site, ceremony.id(), typed))
        .isEqualTo(KeyCeremony.Kind.KEY_PAIR);

    Map<String, byte[]> after = sealedToTheSite(site);
    assertThat(after.keySet()).isEqualTo(before.keySet());
    after.forEach(
        (context, ciphertext) ->
            assertThat(opens(oldKey, ciphertext, context))
                .as("the old private key opens %s", context)
                .isFalse());
    // The former holder's wrap is gone; the acting coordinator's and the recovery key remain.
    assertThat(store.holders(site.id().value()))
        .extracting(VaultStore.Holder::holder)
        .containsExactlyInAnyOrder("user:" + coordinator.id().value(), Vaults.RECOVERY);
    // The team reads everything with the new key, the vault still open.
    assertThat(participants.identity(site, juana.id()).orElseThrow().name())
        .isEqualTo("Juana Pérez");
    assertThat(sources.raw(site, source))
        .extracting(SourceTurn::text)
        .containsExactly("¿Qué pasó en la calle Morelos?", "Se llevaron a mi primo en la esquina.");
    assertThat(media.download(site, file).filename()).isEqualTo("cancha.jpg");
    assertThat(deidentification.gazetteer(site))
        .extracting(GazetteerEntry::term)
        .contains("calle Morelos");
    // And again after locking, with the passphrase and with the new recovery key only.
    vaults.lock(site);
    vaults.unlock(site, PASSPHRASE);
    assertThat(participants.identity(site, juana.id()).orElseThrow().alias()).isEqualTo("la Güera");
    vaults.lock(site);
    assertThatThrownBy(() -> vaults.unlockWithRecoveryKey(site, recovery))
        .isInstanceOf(BadRequest.class);
    vaults.unlockWithRecoveryKey(site, ceremony.recoveryKey());
    assertThat(sources.raw(site, source)).hasSize(2);
    vaults.lock(site);

    // The kept wrap, put back (an old backup), is refused: it is of a key that opens nothing now.
    store.saveWrap(site.id().value(), kept);
    fixtures.actAs(leaving);
    assertThatThrownBy(() -> vaults.unlock(site, FORMER))
        .isInstanceOfSatisfying(
            BadRequest.class, e -> assertThat(e.code()).isEqualTo(VaultErrors.WRONG_PASSPHRASE));

    List<AuditEntry> entries = audit.forSite(site.id().value(), AuditLog.MAX_PAGE, Long.MAX_VALUE);
    assertThat(entries)
        .filteredOn(e -> e.action().equals("vault.key-pair.replaced"))
        .extracting(AuditEntry::detail)
        .containsExactly("resealed=" + before.size() + "; key holders removed=1");
    assertThat(entries)
        .filteredOn(e -> e.action().equals("vault.key-holder.removed"))
        .extracting(AuditEntry::subject)
        .containsExactly(leaving.id().value().toString());
  }

  private HybridDecrypt unwrap(Site site, VaultStore.Wrap wrap, String passphrase)
      throws GeneralSecurityException {
    byte[] key = VaultCrypto.deriveKey(passphrase, wrap.salt(), wrap.params());
    KeysetHandle keys =
        VaultCrypto.unwrapPrivate(
            wrap.wrapped(),
            VaultCrypto.aead(key),
            VaultCrypto.utf8("site_vault_key|" + site.id().value() + "|" + wrap.holder()));
    return VaultCrypto.decrypter(keys);
  }

  private static boolean opens(HybridDecrypt key, byte[] sealed, String context) {
    try {
      key.decrypt(sealed, VaultCrypto.utf8(context));
      return true;
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  /** Every ciphertext of the site sealed to its vault key, by the context it was sealed in. */
  private Map<String, byte[]> sealedToTheSite(Site site) {
    UUID id = site.id().value();
    Map<String, byte[]> sealed = new HashMap<>();
    record Row(UUID id, byte[] bytes) {}
    jdbc.sql(
            "select k.participant_id, k.sealed_private_keyset from participant_key k"
                + " join participant p on p.id = k.participant_id where p.site_id = ?")
        .param(id)
        .query((rs, i) -> new Row(rs.getObject(1, UUID.class), rs.getBytes(2)))
        .list()
        .forEach(r -> sealed.put("participant_key:" + r.id(), r.bytes()));
    jdbc.sql(
            "select k.participant_id, k.sealed_key from participant_identity k"
                + " join participant p on p.id = k.participant_id where p.site_id = ?")
        .param(id)
        .query((rs, i) -> new Row(rs.getObject(1, UUID.class), rs.getBytes(2)))
        .list()
        .forEach(r -> sealed.put("participant_identity_key:" + r.id(), r.bytes()));
    jdbc.sql(
            "select k.id, k.sealed_key from source_part k join source s on s.id = k.source_id"
                + " where s.site_id = ? and k.participant_id is null")
        .param(id)
        .query((rs, i) -> new Row(rs.getObject(1, UUID.class), rs.getBytes(2)))
        .list()
        .forEach(r -> sealed.put("source_key:" + r.id(), r.bytes()));
    jdbc.sql("select id, sealed_key from media where site_id = ?")
        .param(id)
        .query((rs, i) -> new Row(rs.getObject(1, UUID.class), rs.getBytes(2)))
        .list()
        .forEach(r -> sealed.put("media_key:" + r.id(), r.bytes()));
    jdbc.sql("select sealed_key from gazetteer where site_id = ?")
        .param(id)
        .query(byte[].class)
        .list()
        .forEach(b -> sealed.put("gazetteer:" + id, b));
    return sealed;
  }
}
