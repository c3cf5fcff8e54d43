package org.tejido.identity.internal;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Staff sessions and the network in front of Tejido. {@code absoluteLifetime}: a session ends this
 * long after sign-in however active it is (the idle timeout is {@code
 * server.servlet.session.timeout}). {@code trustedProxies}: the addresses of the reverse proxies
 * whose {@code X-Forwarded-For} and {@code X-Forwarded-Proto} are believed; empty trusts none, so
 * no client can forge them.
 */
@ConfigurationProperties("tejido.identity")
record SessionProperties(
    @DefaultValue("8h") Duration absoluteLifetime, @DefaultValue List<String> trustedProxies) {}
