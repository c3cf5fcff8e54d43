package org.tejido.shared.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.springframework.boot.web.server.WebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Refuses to serve when the operations endpoints (health, Prometheus metrics) would be reachable
 * from outside: when {@code management.server.port} is missing or the public port (the actuator
 * would then answer on the public port), or when {@code management.server.address} is not a
 * loopback address, unless {@code tejido.management.public} ({@code TEJIDO_MANAGEMENT_PUBLIC=true})
 * says that exposing it on a network interface is meant (a private monitoring network). Runs when
 * the web server is being built, before Tejido starts serving anything.
 */
@Component
class ManagementPortCheck implements WebServerFactoryCustomizer<WebServerFactory> {

  private final Environment environment;

  ManagementPortCheck(Environment environment) {
    this.environment = environment;
  }

  @Override
  public void customize(WebServerFactory factory) {
    check(environment);
  }

  /**
   * @throws IllegalStateException with what to change, when the management port is not private
   */
  static void check(Environment environment) {
    String publicPort = environment.getProperty("server.port", "8080").strip();
    String managementPort = environment.getProperty("management.server.port", "").strip();
    if ("-1".equals(managementPort)) {
      return; // no HTTP management endpoints at all
    }
    if (managementPort.isEmpty()
        || (managementPort.equals(publicPort) && !"0".equals(managementPort))) {
      throw new IllegalStateException(
          "Refusing to start: the management port ("
              + (managementPort.isEmpty() ? "not set" : managementPort)
              + ") would be the public port ("
              + publicPort
              + "), so health and metrics would be public. Set TEJIDO_MANAGEMENT_PORT"
              + " (management.server.port) to a port of its own, or to -1 to turn it off.");
    }
    if (environment.getProperty("tejido.management.public", Boolean.class, false)) {
      return;
    }
    String address = environment.getProperty("management.server.address", "").strip();
    if (!loopback(address)) {
      throw new IllegalStateException(
          "Refusing to start: management.server.address ("
              + (address.isEmpty() ? "not set: every interface" : address)
              + ") is not a loopback address, so health and metrics would be reachable from the"
              + " network. Set it to 127.0.0.1, or set TEJIDO_MANAGEMENT_PUBLIC=true if a"
              + " private monitoring network is meant to reach it.");
    }
  }

  private static boolean loopback(String address) {
    if (address.isEmpty()) {
      return false;
    }
    // Only literal addresses or "localhost": no lookup of a name that DNS could answer otherwise.
    if (!address.equalsIgnoreCase("localhost") && !address.matches("[0-9.]+|\\[?[0-9a-fA-F:]+]?")) {
      return false;
    }
    try {
      return InetAddress.getByName(address).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
