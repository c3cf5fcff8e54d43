package org.tejido.opendata.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.tejido.agenda.AgendaVersion;
import org.tejido.agenda.Agendas;
import org.tejido.shared.OpenDataProperties;
import org.tejido.sites.Site;
import org.tejido.sites.Sites;

/**
 * The datasets this deployment publishes: one per site with a published agenda that is not
 * suspended for safety. Only what the public pages already show; drafts and silenced issues are not
 * in {@link Agendas}' public view at all.
 */
@Component
public class OpenDatasets {

  /** A site's published agenda as a dataset: its first and latest published versions. */
  public record AgendaDataset(Site site, AgendaVersion first, AgendaVersion latest) {

    public String place() {
      return site.municipality()
          + ", "
          + site.state()
          + (site.neighbourhood() == null ? "" : " · " + site.neighbourhood());
    }

    public String jsonPath() {
      return "/api/v1/sites/" + site.key() + "/agenda";
    }

    public String csvPath() {
      return "/sites/" + site.key() + "/agenda.csv";
    }

    public String readmePath() {
      return "/sites/" + site.key() + "/agenda-readme.txt";
    }

    public String pagePath() {
      return "/sites/" + site.key() + "/agenda";
    }
  }

  private final Sites sites;
  private final Agendas agendas;
  private final OpenDataProperties properties;

  OpenDatasets(Sites sites, Agendas agendas, OpenDataProperties properties) {
    this.sites = sites;
    this.agendas = agendas;
    this.properties = properties;
  }

  /** Every published agenda, fictional ones included (callers decide how to show them). */
  public List<AgendaDataset> agendas() {
    List<AgendaDataset> datasets = new ArrayList<>();
    for (Site site : sites.all()) {
      if (site.suspendedForSafety()) {
        continue;
      }
      List<AgendaVersion> versions = agendas.publishedVersions(site);
      if (!versions.isEmpty()) {
        datasets.add(new AgendaDataset(site, versions.get(versions.size() - 1), versions.get(0)));
      }
    }
    return datasets;
  }

  public OpenDataProperties properties() {
    return properties;
  }

  /**
   * The public address of this deployment, without a trailing slash: the configured one, or the
   * request's (as the trusted proxy forwards it).
   */
  public String baseUrl(HttpServletRequest request) {
    String configured = properties.baseUrl();
    if (configured != null && !configured.isBlank()) {
      return configured.strip().replaceAll("/+$", "");
    }
    return ServletUriComponentsBuilder.fromContextPath(request).build().toUriString();
  }
}
