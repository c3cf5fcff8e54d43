package org.tejido.opendata.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.tejido.agenda.AgendaVersion;
import org.tejido.agenda.Agendas;
import org.tejido.indicators.CrimeIndicators;
import org.tejido.observatory.ObservatoryTracker;
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

  /**
   * The official crime indicators, once figures have been imported: the latest month they report
   * and, when this running application imported them, when.
   */
  public record IndicatorsDataset(YearMonth latestMonth, Instant lastImport) {

    public static final String JSON_PATH = "/api/v1/indicators";
    public static final String SAMPLE_QUERY =
        "?municipality=02004&crime=Homicidio%20doloso&from=2024-01&to=2024-12";

    /** The import's day in central Mexico, or null when not known. */
    public java.time.LocalDate importedOn() {
      return lastImport == null
          ? null
          : java.time.LocalDate.ofInstant(lastImport, org.tejido.agenda.AgendaVersion.ZONE);
    }

    public String jsonPath() {
      return JSON_PATH;
    }

    public String csvPath() {
      return JSON_PATH + "?format=csv";
    }

    public String sampleQuery() {
      return SAMPLE_QUERY;
    }
  }

  /** A site's public tracker, once its observatory tracks a recommendation. */
  public record TrackerDataset(Site site, int recommendations) {

    public String place() {
      return site.municipality()
          + ", "
          + site.state()
          + (site.neighbourhood() == null ? "" : " · " + site.neighbourhood());
    }

    public String jsonPath() {
      return "/api/v1/sites/" + site.key() + "/recommendations";
    }

    public String csvPath() {
      return jsonPath() + "?format=csv";
    }

    public String pagePath() {
      return "/sites/" + site.key() + "/tracker";
    }
  }

  private final Sites sites;
  private final Agendas agendas;
  private final CrimeIndicators indicators;
  private final OpenDataProperties properties;
  private final ObservatoryTracker tracker;

  OpenDatasets(
      Sites sites,
      Agendas agendas,
      CrimeIndicators indicators,
      OpenDataProperties properties,
      ObservatoryTracker tracker) {
    this.tracker = tracker;
    this.sites = sites;
    this.agendas = agendas;
    this.indicators = indicators;
    this.properties = properties;
  }

  /** The indicators dataset, if any official figure has been imported. */
  public Optional<IndicatorsDataset> indicators() {
    if (!indicators.hasFigures()) {
      return Optional.empty();
    }
    return Optional.of(
        new IndicatorsDataset(
            indicators.latestReportedMonth().orElse(null), indicators.lastImport().orElse(null)));
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

  /** Every public tracker with recommendations, fictional ones included; never a suspended site. */
  public List<TrackerDataset> trackers() {
    List<TrackerDataset> datasets = new ArrayList<>();
    for (Site site : sites.all()) {
      if (site.suspendedForSafety()) {
        continue;
      }
      int n = tracker.recommendations(site).size();
      if (n > 0) {
        datasets.add(new TrackerDataset(site, n));
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
