package org.tejido.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.apache.catalina.valves.RemoteIpValve;
import org.junit.jupiter.api.Test;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;

class TrustedProxiesTest {

  @Test
  void byDefaultNoAddressIsTrustedNotEvenLoopback() {
    RemoteIpValve valve = configure(List.of());
    assertThat(valve.getInternalProxies()).isNull();
  }

  @Test
  void onlyTheConfiguredProxiesAreTrusted() {
    RemoteIpValve valve = configure(List.of("10.0.0.2", " 192.168.1.10 "));
    assertThat("10.0.0.2").matches(valve.getInternalProxies());
    assertThat("192.168.1.10").matches(valve.getInternalProxies());
    assertThat("127.0.0.1").doesNotMatch(valve.getInternalProxies());
    assertThat("10.0.0.20").doesNotMatch(valve.getInternalProxies());
    assertThat("10.0.0.2x").doesNotMatch(valve.getInternalProxies());
  }

  private static RemoteIpValve configure(List<String> proxies) {
    TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory();
    RemoteIpValve valve = new RemoteIpValve();
    factory.addEngineValves(valve);
    new TrustedProxies(new SessionProperties(Duration.ofHours(8), proxies)).customize(factory);
    return valve;
  }
}
