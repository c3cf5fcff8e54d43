package org.tejido.identity.internal;

import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.catalina.Valve;
import org.apache.catalina.valves.RemoteIpValve;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * Believes {@code X-Forwarded-For} and {@code X-Forwarded-Proto} only from the proxies named in
 * {@code tejido.identity.trusted-proxies} ({@code TEJIDO_TRUSTED_PROXIES}). Tomcat's own default
 * trusts every private and loopback address, so any process or neighbour on the network could forge
 * the client address that the sign-in throttle counts. Runs after Spring Boot has added the valve
 * ({@code server.forward-headers-strategy=native}) and replaces its list.
 */
@Component
@ConditionalOnClass(TomcatServletWebServerFactory.class)
class TrustedProxies implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

  private final SessionProperties properties;

  TrustedProxies(SessionProperties properties) {
    this.properties = properties;
  }

  @Override
  public void customize(TomcatServletWebServerFactory factory) {
    for (Valve valve : factory.getEngineValves()) {
      if (valve instanceof RemoteIpValve remoteIp) {
        remoteIp.setInternalProxies(pattern());
        remoteIp.setTrustedProxies(null);
      }
    }
  }

  /** Exact addresses as one regular expression; empty (trust none) when none is given. */
  String pattern() {
    return properties.trustedProxies().stream()
        .map(String::strip)
        .filter(address -> !address.isEmpty())
        .map(Pattern::quote)
        .collect(Collectors.joining("|"));
  }

  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }
}
