package org.tejido.shared;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Under which licence a deployment publishes its open data (agendas, sites, the catalogue), and who
 * publishes it. Each deployment sets its own: the licence travels with every JSON body, CSV
 * companion, page footer, the OpenAPI document and the DCAT catalogue.
 *
 * @param baseUrl the public address of this deployment (e.g. {@code https://tejido.example.org}),
 *     used for the absolute addresses a harvester needs; empty: taken from the request, as the
 *     trusted proxy forwards it
 */
@ConfigurationProperties("tejido.open-data")
public record OpenDataProperties(
    @DefaultValue License license, @DefaultValue Publisher publisher, String baseUrl) {

  /**
   * The data licence.
   *
   * @param id its SPDX identifier, e.g. {@code CC-BY-4.0}
   * @param attribution the credit line re-users must give
   */
  @io.swagger.v3.oas.annotations.media.Schema(
      name = "License",
      description = "The data licence, and the credit line re-users must give",
      requiredProperties = {"id", "name", "url", "attribution"})
  public record License(
      @DefaultValue("CC-BY-4.0") String id,
      @DefaultValue("Creative Commons Attribution 4.0 International") String name,
      @DefaultValue("https://creativecommons.org/licenses/by/4.0/") String url,
      @DefaultValue(
              "Tejido: Agendas Locales de Seguridad Humana, co-construidas por los equipos de"
                  + " investigación y las comunidades de cada sitio")
          String attribution) {}

  /** Who publishes the data: the organisation running this deployment. */
  public record Publisher(@DefaultValue("Tejido") String name, String url) {}
}
