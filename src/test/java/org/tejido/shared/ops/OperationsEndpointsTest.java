package org.tejido.shared.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Collections;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.tejido.support.TejidoTest;

/**
 * Liveness, readiness and Prometheus metrics answer on the management port, which listens on
 * loopback only; the public port knows nothing of the actuator.
 */
@TejidoTest
class OperationsEndpointsTest {

  @Autowired Environment environment;

  private final HttpClient http = HttpClient.newHttpClient();

  private int mainPort() {
    return environment.getRequiredProperty("local.server.port", Integer.class);
  }

  private int managementPort() {
    return environment.getRequiredProperty("local.management.port", Integer.class);
  }

  private HttpResponse<String> get(int port, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void probesAndMetricsAnswerOnTheManagementPort() throws Exception {
    assertThat(managementPort()).isNotEqualTo(mainPort());
    for (String probe : new String[] {"/actuator/health/liveness", "/actuator/health/readiness"}) {
      HttpResponse<String> response = get(managementPort(), probe);
      assertThat(response.statusCode()).as(probe).isEqualTo(200);
      assertThat(response.body()).as(probe).contains("\"UP\"");
    }
    HttpResponse<String> metrics = get(managementPort(), "/actuator/prometheus");
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.body()).contains("jvm_memory_used_bytes", "hikaricp_connections");
  }

  @Test
  void theMainPortHasNoActuator() throws Exception {
    for (String path :
        new String[] {
          "/actuator",
          "/actuator/health",
          "/actuator/health/liveness",
          "/actuator/prometheus",
          "/actuator/env",
          "/actuator/heapdump"
        }) {
      assertThat(get(mainPort(), path).statusCode()).as(path).isEqualTo(404);
    }
  }

  @Test
  void theManagementPortListensOnLoopbackOnly() throws Exception {
    Optional<InetAddress> external = externalAddress();
    if (external.isEmpty()) {
      // A machine with no other interface: nothing but loopback to listen on anyway.
      assertThat(environment.getProperty("management.server.address")).isEqualTo("127.0.0.1");
      return;
    }
    assertThatThrownBy(
            () -> {
              try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(external.get(), managementPort()), 1000);
              }
            })
        .isInstanceOf(IOException.class);
    // The main port, bound to every interface, answers there: the refusal above is the binding.
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(external.get(), mainPort()), 1000);
      assertThat(socket.isConnected()).isTrue();
    }
  }

  private static Optional<InetAddress> externalAddress() throws Exception {
    for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      if (!nic.isUp() || nic.isLoopback()) {
        continue;
      }
      for (InetAddress address : Collections.list(nic.getInetAddresses())) {
        if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
          return Optional.of(address);
        }
      }
    }
    return Optional.empty();
  }
}
