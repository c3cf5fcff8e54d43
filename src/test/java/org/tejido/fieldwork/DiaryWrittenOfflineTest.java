package org.tejido.fieldwork;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tejido.identity.SiteRole;
import org.tejido.shared.Conflict;
import org.tejido.shared.Forbidden;
import org.tejido.sites.Site;
import org.tejido.support.DeviceSealing;
import org.tejido.support.Fixtures;
import org.tejido.support.Fixtures.Person;
import org.tejido.support.TejidoTest;
import org.tejido.vault.KeyCeremony;
import org.tejido.vault.Vaults;

/**
 * Diary entries sealed on a phone without signal: the server stores the ciphertext it cannot read,
 * a retried upload never adds a second entry, and only a reader with the vault open files it as a
 * diary source by its author.
 */
@TejidoTest
class DiaryWrittenOfflineTest {

  private static final String PASSPHRASE = "una frase secreta bastante larga";
  private static final String WORDS =
      "Sin señal en la loma.\n\nLa patrulla no pasó en toda la tarde.";

  @Autowired Fixtures fixtures;
  @Autowired Vaults vaults;
  @Autowired Sources sources;
  @Autowired FieldDiary diary;
  @Autowired JdbcClient jdbc;
  @Autowired Participants participants;
  @Autowired Withdrawals withdrawals;

  @AfterEach
  void nobody() {
    fixtures.actAsNobody();
  }

  private record Team(Site site, Person coordinator, Person community) {}

  private Team siteWithVault() {
    Site site = fixtures.freshSite();
    Person coordinator = fixtures.withRole(site.key(), SiteRole.COORDINATOR);
    Person community = fixtures.withRole(site.key(), SiteRole.COMMUNITY_RESEARCHER);
    fixtures.actAs(coordinator);
    vaults.create(site, PASSPHRASE);
    fixtures.actAsNobody();
    return new Team(site, coordinator, community);
  }

  private byte[] sealedOnThePhone(Team t, UUID id) {
    return DeviceSealing.seal(
        vaults.deviceKey(t.site().id()).orElseThrow(),
        id,
        "Recorrido sin señal",
        diary.today().toString(),
        WORDS);
  }

  private String keyId(Team t) {
    return vaults.deviceKey(t.site().id()).orElseThrow().id();
  }

  @Test
  void theServerKeepsTheCiphertextAsItCameAndARetryAddsNothing() {
    Team t = siteWithVault();
    UUID id = UUID.randomUUID();
    byte[] sealed = sealedOnThePhone(t, id);
    fixtures.actAs(t.community());

    assertThat(diary.receiveSealed(t.site(), id, keyId(t), sealed))
        .isEqualTo(FieldDiary.Received.STORED);
    assertThat(diary.receiveSealed(t.site(), id, keyId(t), sealed))
        .isEqualTo(FieldDiary.Received.ALREADY_STORED);

    List<byte[]> stored =
        jdbc.sql("select sealed from diary_device_entry where id = ?")
            .param(id)
            .query(byte[].class)
            .list();
    assertThat(stored).hasSize(1);
    assertThat(stored.get(0)).isEqualTo(sealed);
    assertThat(new String(stored.get(0), StandardCharsets.ISO_8859_1)).doesNotContain("patrulla");
    assertThat(diary.deviceEntriesWaiting(t.site())).isEqualTo(1);
  }

  @Test
  void anotherPersonCannotClaimAnEntrysId() {
    Team t = siteWithVault();
    UUID id = UUID.randomUUID();
    fixtures.actAs(t.community());
    diary.receiveSealed(t.site(), id, keyId(t), sealedOnThePhone(t, id));

    fixtures.actAs(t.coordinator());
    assertThatThrownBy(() -> diary.receiveSealed(t.site(), id, keyId(t), sealedOnThePhone(t, id)))
        .isInstanceOfSatisfying(
            Conflict.class, e -> assertThat(e.code()).isEqualTo("diary.device.id-taken"));
  }

  @Test
  void anEntrySealedToAReplacedKeyIsRefusedSoThePhoneKeepsIt() {
    Team t = siteWithVault();
    String formerKey = keyId(t);
    UUID id = UUID.randomUUID();
    byte[] sealed = sealedOnThePhone(t, id);
    replaceKeyPair(t);

    fixtures.actAs(t.community());
    assertThatThrownBy(() -> diary.receiveSealed(t.site(), id, formerKey, sealed))
        .isInstanceOfSatisfying(
            Conflict.class, e -> assertThat(e.code()).isEqualTo("vault.device-key.replaced"));
    assertThat(diary.deviceEntriesWaiting(t.site())).isZero();
  }

  @Test
  void aReaderFilesTheEntryAsHerDiarySourceAndARetryAfterwardsAddsNothing() {
    Team t = siteWithVault();
    UUID id = UUID.randomUUID();
    byte[] sealed = sealedOnThePhone(t, id);
    fixtures.actAs(t.community());
    diary.receiveSealed(t.site(), id, keyId(t), sealed);
    assertThatThrownBy(() -> diary.fileDeviceEntries(t.site())).isInstanceOf(Forbidden.class);

    fixtures.actAs(t.coordinator());
    assertThatThrownBy(() -> diary.fileDeviceEntries(t.site()))
        .isInstanceOfSatisfying(
            Conflict.class, e -> assertThat(e.code()).isEqualTo("vault.locked"));
    vaults.unlock(t.site(), PASSPHRASE);
    assertThat(diary.fileDeviceEntries(t.site())).isEqualTo(1);

    SourceSummary filed =
        sources.list(t.site()).stream()
            .filter(s -> s.title().equals("Recorrido sin señal"))
            .findFirst()
            .orElseThrow();
    assertThat(filed.kind()).isEqualTo("field_diary");
    assertThat(sources.raw(t.site(), filed.id()))
        .extracting(SourceTurn::text)
        .containsExactly(WORDS);
    assertThat(diary.dayOf(t.site(), filed.id())).contains(diary.today());
    assertThat(
            jdbc.sql("select created_by from source where id = ?")
                .param(filed.id())
                .query(UUID.class)
                .single())
        .isEqualTo(t.community().id().value());
    assertThat(diary.deviceEntriesWaiting(t.site())).isZero();

    // The phone did not hear the answer and sends it again: nothing new.
    fixtures.actAs(t.community());
    assertThat(diary.receiveSealed(t.site(), id, keyId(t), sealed))
        .isEqualTo(FieldDiary.Received.ALREADY_STORED);
    assertThat(diary.deviceEntriesWaiting(t.site())).isZero();
    assertThat(sources.list(t.site())).hasSize(1);
  }

  @Test
  void anUploadThatDoesNotOpenIsDroppedAndDoesNotStopTheOthersBeingFiled() {
    Team t = siteWithVault();
    UUID garbage = UUID.randomUUID();
    UUID entry = UUID.randomUUID();
    fixtures.actAs(t.community());
    // Sealed under another id: it cannot open as this row.
    diary.receiveSealed(t.site(), garbage, keyId(t), sealedOnThePhone(t, entry));
    diary.receiveSealed(t.site(), entry, keyId(t), sealedOnThePhone(t, entry));

    fixtures.actAs(t.coordinator());
    vaults.unlock(t.site(), PASSPHRASE);
    assertThat(diary.fileDeviceEntries(t.site())).isEqualTo(1);
    assertThat(diary.deviceEntriesWaiting(t.site())).isZero();
    assertThat(sources.list(t.site())).hasSize(1);
  }

  @Test
  void replacingTheSitesKeyPairResealsEntriesThatWait() {
    Team t = siteWithVault();
    UUID id = UUID.randomUUID();
    fixtures.actAs(t.community());
    diary.receiveSealed(t.site(), id, keyId(t), sealedOnThePhone(t, id));

    replaceKeyPair(t);
    assertThat(diary.fileDeviceEntries(t.site())).isEqualTo(1);
    assertThat(sources.list(t.site()))
        .singleElement()
        .satisfies(
            s ->
                assertThat(sources.raw(t.site(), s.id()))
                    .extracting(SourceTurn::text)
                    .containsExactly(WORDS));
  }

  /** Leaves the coordinator acting, with the vault open on the new key pair. */
  private void replaceKeyPair(Team t) {
    fixtures.actAs(t.coordinator());
    vaults.unlock(t.site(), PASSPHRASE);
    KeyCeremony ceremony = vaults.beginKeyPairReplacement(t.site(), PASSPHRASE);
    Map<Integer, String> typed = new HashMap<>();
    ceremony.asked().forEach(p -> typed.put(p, ceremony.groups().get(p - 1)));
    vaults.confirmCeremony(t.site(), ceremony.id(), typed);
  }

  @Test
  void aWithdrawalWaitsUntilEntriesSealedOnPhonesAreFiledSinceTheyCouldMentionThePerson() {
    Team t = siteWithVault();
    fixtures.actAs(t.coordinator());
    vaults.unlock(t.site(), PASSPHRASE);
    Participant leaving =
        participants.register(
            t.site(),
            new NewParticipant(
                "adult_men",
                "man",
                "45_59",
                "mestizo",
                "Colonia Centro",
                new Identity("Patrulla Sánchez", null, null)));
    UUID id = UUID.randomUUID();
    byte[] mentioning =
        DeviceSealing.seal(
            vaults.deviceKey(t.site().id()).orElseThrow(),
            id,
            "Recorrido sin señal",
            diary.today().toString(),
            "Hablé con Patrulla Sánchez junto a la tienda.");
    fixtures.actAs(t.community());
    diary.receiveSealed(t.site(), id, keyId(t), mentioning);

    fixtures.actAs(t.coordinator());
    assertThatThrownBy(() -> withdrawals.withdraw(t.site(), leaving.id()))
        .isInstanceOfSatisfying(
            Conflict.class,
            e -> assertThat(e.code()).isEqualTo("fieldwork.withdraw.entries-waiting"));
    assertThat(participants.list(t.site())).extracting(Participant::id).contains(leaving.id());

    diary.fileDeviceEntries(t.site());
    withdrawals.withdraw(t.site(), leaving.id());
    // Filed first, the entry is a source like any other: the withdrawal reaches its mention.
    SourceSummary filed =
        sources.list(t.site()).stream()
            .filter(s -> s.title().equals("Recorrido sin señal"))
            .findFirst()
            .orElseThrow();
    assertThat(sources.raw(t.site(), filed.id()))
        .extracting(SourceTurn::text)
        .containsExactly("Hablé con " + Withdrawals.MARKER + " junto a la tienda.");
  }
}
