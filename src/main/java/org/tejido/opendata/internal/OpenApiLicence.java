package org.tejido.opendata.internal;

import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.tejido.shared.OpenDataProperties;

/** The OpenAPI document states the data licence this deployment publishes under. */
@Configuration(proxyBeanMethods = false)
class OpenApiLicence {

  @Bean
  OpenApiCustomizer dataLicence(OpenDataProperties openData) {
    OpenDataProperties.License licence = openData.license();
    return openApi -> {
      if (openApi.getInfo() == null) {
        openApi.setInfo(new Info());
      }
      openApi
          .getInfo()
          .setLicense(
              // The URL, not the SPDX identifier: OpenAPI 3.1 allows only one of the two.
              new License().name(licence.name()).url(licence.url()));
    };
  }
}
