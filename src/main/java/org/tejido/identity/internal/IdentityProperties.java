package org.tejido.identity.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Sign-in protection: after {@code maxFailures} failed attempts for one account name, or {@code
 * maxFailuresPerAddress} from one address, further attempts wait {@code initialDelay}, doubling up
 * to {@code maxDelay}. The per-address limit is higher because a community centre or an NGO office
 * puts many people behind one address.
 */
@ConfigurationProperties("tejido.identity.login")
record IdentityProperties(
    @DefaultValue("5") int maxFailures,
    @DefaultValue("50") int maxFailuresPerAddress,
    @DefaultValue("30s") Duration initialDelay,
    @DefaultValue("15m") Duration maxDelay) {}
