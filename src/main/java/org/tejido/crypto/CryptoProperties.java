package org.tejido.crypto;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the master key comes from: {@code TEJIDO_CRYPTO_MASTER_KEY} (a Tink JSON keyset) if set,
 * otherwise the key file, which is generated on first start when absent. Keep the file outside
 * backups of the database: a dump without it is unreadable.
 */
@ConfigurationProperties("tejido.crypto")
public record CryptoProperties(
    String masterKey, @DefaultValue("var/keys/master-keyset.json") Path masterKeyFile) {}
