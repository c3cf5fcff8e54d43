package org.tejido.vault;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long an unlocked vault stays open without use, the cost of deriving a key from a passphrase
 * or the recovery key, and how long a new recovery key waits to be typed back.
 *
 * <p>The Argon2id defaults are RFC 9106's second recommended option (§4, "Parameter Choice"):
 * "Argon2id with t=3 iterations, p=4 lanes, m=2^(16) (64 MiB of RAM), 128-bit salt, and 256-bit tag
 * size". The vault's wraps can be attacked offline by whoever holds a copy of the database, so they
 * get more than a sign-in hash. The parameters are stored with each wrap: a wrap written with
 * weaker ones is rewritten with these at its next successful unlock.
 */
@ConfigurationProperties("tejido.vault")
public record VaultProperties(
    @DefaultValue("15m") Duration idleTimeout,
    @DefaultValue("65536") int kdfMemoryKib,
    @DefaultValue("3") int kdfIterations,
    @DefaultValue("4") int kdfParallelism,
    @DefaultValue("12") int minPassphraseLength,
    @DefaultValue("15m") Duration ceremonyTimeout) {}
