package org.tejido.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tejido.sites.Site;
import org.tejido.support.Fixtures;
import org.tejido.support.TejidoTest;

@TejidoTest
class SiteEncryptionTest {

  @Autowired SiteEncryption encryption;
  @Autowired Fixtures fixtures;
  @Autowired JdbcClient jdbc;

  @Test
  void sealedTextOpensOnlyWithTheSameSiteAndContext() {
    Site site = fixtures.freshSite();
    UUID id = site.id().value();
    byte[] sealed = encryption.seal(id, "Violencia familiar y acoso sexual", "agenda_issue:1");

    assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("Violencia");
    assertThat(encryption.open(id, sealed, "agenda_issue:1"))
        .isEqualTo("Violencia familiar y acoso sexual");
    assertThatThrownBy(() -> encryption.open(id, sealed, "agenda_issue:2"))
        .isInstanceOf(SiteEncryption.TamperedData.class);
    Site other = fixtures.freshSite();
    assertThatThrownBy(() -> encryption.open(other.id().value(), sealed, "agenda_issue:1"))
        .isInstanceOf(SiteEncryption.TamperedData.class);
  }

  @Test
  void aTamperedCiphertextFailsLoudly() {
    UUID id = fixtures.freshSite().id().value();
    byte[] sealed = encryption.seal(id, "texto", "row:1");
    sealed[sealed.length - 1] ^= 1;
    assertThatThrownBy(() -> encryption.open(id, sealed, "row:1"))
        .isInstanceOf(SiteEncryption.TamperedData.class);
  }

  @Test
  void eachSiteGetsItsOwnDataKeyStoredOnlyWrapped() {
    Site site = fixtures.freshSite();
    byte[] wrapped =
        jdbc.sql("select wrapped_keyset from site_data_key where site_id = ?")
            .param(site.id().value())
            .query(byte[].class)
            .single();
    assertThat(wrapped).isNotEmpty();
    // A cleartext Tink keyset would name its key type; the wrapped one does not.
    assertThat(new String(wrapped, StandardCharsets.ISO_8859_1)).doesNotContain("AesGcmKey");
  }
}
