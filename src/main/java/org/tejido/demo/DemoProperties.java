package org.tejido.demo;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Whether the fictional demo site is added at start ({@code --demo}, {@code TEJIDO_DEMO=true}), and
 * where its vault's recovery key is written (owner-only, in the data directory).
 */
@ConfigurationProperties("tejido.demo")
record DemoProperties(
    @DefaultValue("false") boolean enabled,
    @DefaultValue("var/demo-vault-recovery-key.txt") Path recoveryKeyFile) {}
