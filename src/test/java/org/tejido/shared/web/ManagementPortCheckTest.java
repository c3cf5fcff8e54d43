package org.tejido.shared.web;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** Health and metrics never end up on the public port or a public address. */
class ManagementPortCheckTest {

  private static MockEnvironment settings(String publicPort, String port, String address) {
    MockEnvironment env = new MockEnvironment().withProperty("server.port", publicPort);
    if (port != null) {
      env.setProperty("management.server.port", port);
    }
    if (address != null) {
      env.setProperty("management.server.address", address);
    }
    return env;
  }

  @Test
  void theDefaultsStart() {
    assertThatCode(() -> ManagementPortCheck.check(settings("8080", "8081", "127.0.0.1")))
        .doesNotThrowAnyException();
    assertThatCode(() -> ManagementPortCheck.check(settings("8080", "8081", "::1")))
        .doesNotThrowAnyException();
    // Tests ask for random ports for both.
    assertThatCode(() -> ManagementPortCheck.check(settings("0", "0", "127.0.0.1")))
        .doesNotThrowAnyException();
    // Turned off altogether.
    assertThatCode(() -> ManagementPortCheck.check(settings("8080", "-1", null)))
        .doesNotThrowAnyException();
  }

  @Test
  void refusesAManagementPortThatIsThePublicPort() {
    assertThatThrownBy(() -> ManagementPortCheck.check(settings("8080", "8080", "127.0.0.1")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("would be the public port (8080)")
        .hasMessageContaining("TEJIDO_MANAGEMENT_PORT");
    // Not even with the override for a public address.
    assertThatThrownBy(
            () ->
                ManagementPortCheck.check(
                    settings("9000", "9000", "127.0.0.1")
                        .withProperty("tejido.management.public", "true")))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void refusesAMissingManagementPortBecauseTheActuatorWouldShareThePublicOne() {
    assertThatThrownBy(() -> ManagementPortCheck.check(settings("8080", null, "127.0.0.1")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("not set");
  }

  @Test
  void refusesANonLoopbackAddressUnlessExplicitlyMeant() {
    for (String address : new String[] {"0.0.0.0", "10.0.0.5", "", "metrics.example.org", "::"}) {
      assertThatThrownBy(() -> ManagementPortCheck.check(settings("8080", "8081", address)))
          .as(address)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("TEJIDO_MANAGEMENT_PUBLIC=true");
    }
    assertThatThrownBy(() -> ManagementPortCheck.check(settings("8080", "8081", null)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("every interface");
    assertThatCode(
            () ->
                ManagementPortCheck.check(
                    settings("8080", "8081", "10.0.0.5")
                        .withProperty("tejido.management.public", "true")))
        .doesNotThrowAnyException();
  }
}
