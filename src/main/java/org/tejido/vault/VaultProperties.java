package org.tejido.vault;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long an unlocked vault stays open without use, and the cost of deriving a key from a
 * passphrase (Argon2id; defaults follow OWASP's minimum: 19 MiB, 2 iterations, 1 lane).
 */
@ConfigurationProperties("tejido.vault")
public record VaultProperties(
    @DefaultValue("15m") Duration idleTimeout,
    @DefaultValue("19456") int kdfMemoryKib,
    @DefaultValue("2") int kdfIterations,
    @DefaultValue("1") int kdfParallelism,
    @DefaultValue("12") int minPassphraseLength) {}
