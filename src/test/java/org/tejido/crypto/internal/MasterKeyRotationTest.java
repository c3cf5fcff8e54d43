package org.tejido.crypto.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tejido.crypto.SiteEncryption;
import org.tejido.support.Fixtures;
import org.tejido.support.TejidoTest;

@TejidoTest
class MasterKeyRotationTest {

  @Autowired MasterKeyRotation rotation;
  @Autowired MasterKey master;
  @Autowired SiteEncryption encryption;
  @Autowired Fixtures fixtures;
  @Autowired JdbcClient jdbc;

  @Test
  void rotatingReWrapsEverySiteKeySoOldDataStillOpensAndTheOldKeyOpensNothing() throws Exception {
    UUID site = fixtures.freshSite().id().value();
    byte[] sealed = encryption.seal(site, "Respuestas autoritarias ante el desamparo", "row:1");
    String oldFile = Files.readString(master.file());
    Aead oldAead =
        TinkJsonProtoKeysetFormat.parseKeyset(oldFile, InsecureSecretKeyAccess.get())
            .getPrimitive(RegistryConfiguration.get(), Aead.class);

    MasterKeyRotation.Rotated done = rotation.rotate();

    assertThat(done.siteKeys())
        .isEqualTo(jdbc.sql("select count(*) from site_data_key").query(Integer.class).single());
    assertThat(Files.readString(master.file())).isNotEqualTo(oldFile);
    assertThat(master.handle().size()).isEqualTo(1);
    assertThat(encryption.open(site, sealed, "row:1"))
        .isEqualTo("Respuestas autoritarias ante el desamparo");

    byte[] wrapped =
        jdbc.sql("select wrapped_keyset from site_data_key where site_id = ?")
            .param(site)
            .query(byte[].class)
            .single();
    assertThatThrownBy(
            () ->
                TinkProtoKeysetFormat.parseEncryptedKeyset(
                    wrapped, oldAead, site.toString().getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(GeneralSecurityException.class);
  }

  @Test
  void aSiteKeyWrappedForAnotherSiteDoesNotOpen() {
    UUID a = fixtures.freshSite().id().value();
    UUID b = fixtures.freshSite().id().value();
    byte[] wrappedA =
        jdbc.sql("select wrapped_keyset from site_data_key where site_id = ?")
            .param(a)
            .query(byte[].class)
            .single();
    assertThatThrownBy(
            () ->
                TinkProtoKeysetFormat.parseEncryptedKeyset(
                    wrappedA, master.aead(), b.toString().getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(GeneralSecurityException.class);
  }
}
