package org.tejido.opendata.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.oas.models.OpenAPI;
import org.junit.jupiter.api.Test;
import org.tejido.shared.OpenDataProperties;

/** The document names this deployment, never whatever Host header a request carried. */
class OpenApiContractServersTest {

  private static OpenAPI customised(OpenDataProperties properties) {
    OpenAPI openApi = new OpenAPI();
    new OpenApiContract().publicReadsContract(properties).customise(openApi);
    return openApi;
  }

  private static OpenDataProperties.License ccBy() {
    return new OpenDataProperties.License(
        "CC-BY-4.0", "CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/", "Tejido");
  }

  @Test
  void theServerIsTheConfiguredBaseUrlAndThePublisherIsTheContact() {
    OpenAPI openApi =
        customised(
            new OpenDataProperties(
                ccBy(),
                new OpenDataProperties.Publisher(
                    "Observatorio", "https://observatorio.example.org"),
                "https://tejido.example.org/"));
    assertThat(openApi.getServers()).hasSize(1);
    assertThat(openApi.getServers().get(0).getUrl()).isEqualTo("https://tejido.example.org");
    assertThat(openApi.getInfo().getContact().getUrl())
        .isEqualTo("https://observatorio.example.org");
    assertThat(openApi.getInfo().getLicense().getUrl())
        .isEqualTo("https://creativecommons.org/licenses/by/4.0/");
  }

  @Test
  void withoutABaseUrlTheServerIsRelative() {
    OpenAPI openApi =
        customised(
            new OpenDataProperties(ccBy(), new OpenDataProperties.Publisher("Tejido", null), null));
    assertThat(openApi.getServers().get(0).getUrl()).isEqualTo("/");
    assertThat(openApi.getInfo().getContact()).isNull();
    assertThat(openApi.getComponents().getSchemas().get("Problem").getRequired())
        .contains("code", "status");
  }
}
