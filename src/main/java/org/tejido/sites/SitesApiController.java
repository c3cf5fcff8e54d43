package org.tejido.sites;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.tejido.shared.LocalizedText;
import org.tejido.shared.OpenDataProperties;

/** The sites as JSON. */
@RestController
@Tag(name = "Sites", description = "Municipalities and neighbourhoods where agendas are built")
class SitesApiController {

  private final Sites sites;
  private final OpenDataProperties.License license;

  SitesApiController(Sites sites, OpenDataProperties openData) {
    this.sites = sites;
    this.license = openData.license();
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record SiteJson(
      String key,
      String municipality,
      String state,
      String inegiCode,
      String neighbourhood,
      String status,
      LocalizedText statusReason,
      LocalizedText populationNotes,
      String agenda,
      Boolean fictional,
      OpenDataProperties.License license) {

    static SiteJson of(Site s, OpenDataProperties.License license) {
      return new SiteJson(
          s.key(),
          s.municipality(),
          s.state(),
          s.inegiCode(),
          s.neighbourhood(),
          s.status().code(),
          s.statusReason().isEmpty() ? null : s.statusReason(),
          s.populationNotes().isEmpty() ? null : s.populationNotes(),
          s.suspendedForSafety() ? null : "/api/v1/sites/" + s.key() + "/agenda",
          // Said only of the demo site, so that no client mistakes its data for a real place's.
          s.fictional() ? Boolean.TRUE : null,
          // On each site, so that the list stays an array and a site read alone still says it.
          license);
    }
  }

  @GetMapping("/api/v1/sites")
  @Operation(summary = "All sites, in display order")
  List<SiteJson> all() {
    return sites.all().stream().map(s -> SiteJson.of(s, license)).toList();
  }

  @GetMapping("/api/v1/sites/{key}")
  @Operation(summary = "One site by its key, e.g. apatzingan")
  SiteJson one(@PathVariable String key) {
    return SiteJson.of(sites.byKey(key), license);
  }
}
