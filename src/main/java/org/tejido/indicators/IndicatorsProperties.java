package org.tejido.indicators;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The one population series every rate of this deployment divides by: {@code conapo} (CONAPO's
 * mid-year municipal projections, the year of the figure) or {@code census2020} (INEGI's 2020
 * census count, for every year). Never mixed: the two differ by a few percent (Tijuana 2020:
 * 1,961,388 projected, 1,922,523 counted).
 *
 * <p>{@code highImpact}: the comparable series (ids of {@link Regrouping}) a site page charts, in
 * order; by default the twelve high-impact crimes.
 */
@ConfigurationProperties("tejido.indicators")
public record IndicatorsProperties(
    @DefaultValue("conapo") PopulationSource population,
    @DefaultValue({
          "homicidio-doloso",
          "feminicidio",
          "secuestro",
          "extorsion",
          "robo-con-violencia",
          "robo-de-vehiculo",
          "robo-a-casa-habitacion",
          "robo-a-negocio",
          "robo-a-transeunte",
          "violacion",
          "narcomenudeo",
          "violencia-familiar"
        })
        java.util.List<String> highImpact) {

  public IndicatorsProperties {
    highImpact = highImpact == null ? java.util.List.of() : java.util.List.copyOf(highImpact);
  }

  /** Where the denominators come from. */
  public enum PopulationSource {
    CONAPO("conapo", "CONAPO population projections (2023 round)"),
    CENSUS2020("census2020", "INEGI Census 2020 population");

    private final String key;
    private final String label;

    PopulationSource(String key, String label) {
      this.key = key;
      this.label = label;
    }

    /** As stored in the {@code population} table. */
    public String key() {
      return key;
    }

    public String label() {
      return label;
    }
  }
}
