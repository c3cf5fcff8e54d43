package org.tejido.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The hash format is a promise to every log already written: these values must never change. */
class AuditChainTest {

  private static final Instant AT = Instant.parse("2024-05-01T12:34:56.123456Z");
  private static final UUID SITE = UUID.fromString("11111111-2222-3333-4444-555555555555");
  private static final UUID ACTOR = UUID.fromString("aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee");

  private static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }

  @Test
  void knownVectorsComputedByAnIndependentImplementation() {
    // Computed with Python's hashlib from the encoding documented in AuditChain.
    assertThat(
            hex(
                AuditChain.hash(
                    1, AT, SITE, null, "vault.unlock", "APA-017", null, AuditChain.genesis())))
        .isEqualTo("528cfbb9168718141dfd68d4a72e68dc214808c19f86b1894a7b963f4f74ab7d");
    byte[] previous = HexFormat.of().parseHex("ab".repeat(32));
    assertThat(
            hex(
                AuditChain.hash(
                    2,
                    AT,
                    null,
                    ACTOR,
                    "participant.withdrawn",
                    "APA-017",
                    "según acta 3",
                    previous)))
        .isEqualTo("dbe24bb88966f139d056b87a7a7ba97969ff763a4d0df3f0bce085da9b62b791");
  }

  @Test
  void fieldBoundariesAndNullsAreUnambiguous() {
    byte[] g = AuditChain.genesis();
    String a = hex(AuditChain.hash(1, AT, SITE, ACTOR, "ab", "c", null, g));
    String b = hex(AuditChain.hash(1, AT, SITE, ACTOR, "a", "bc", null, g));
    String emptyDetail = hex(AuditChain.hash(1, AT, SITE, ACTOR, "ab", "c", "", g));
    String swapped = hex(AuditChain.hash(1, AT, ACTOR, SITE, "ab", "c", null, g));
    String noSite = hex(AuditChain.hash(1, AT, null, ACTOR, "ab", "c", null, g));
    String oneMicroLater =
        hex(AuditChain.hash(1, AT.plusNanos(1000), SITE, ACTOR, "ab", "c", null, g));
    assertThat(java.util.Set.of(a, b, emptyDetail, swapped, noSite, oneMicroLater)).hasSize(6);
  }

  @Test
  void timesFinerThanPostgresqlKeepsAreRefused() {
    assertThatThrownBy(
            () ->
                AuditChain.hash(
                    1, AT.plusNanos(1), SITE, null, "a", "b", null, AuditChain.genesis()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
