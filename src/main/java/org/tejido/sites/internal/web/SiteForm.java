package org.tejido.sites.internal.web;

import org.tejido.shared.LocalizedText;
import org.tejido.sites.Site;
import org.tejido.sites.SiteDetails;

/**
 * The site form as the browser sends it. {@code state} only narrows the list of municipalities; the
 * INEGI code alone decides the municipality and its state.
 */
public class SiteForm {
  private String key;
  private String state;
  private String inegiCode;
  private String neighbourhood;
  private String populationNotesEs;
  private String populationNotesEn;

  static SiteForm of(Site site) {
    SiteForm f = new SiteForm();
    f.key = site.key();
    f.state = site.inegiCode().substring(0, 2);
    f.inegiCode = site.inegiCode();
    f.neighbourhood = site.neighbourhood();
    f.populationNotesEs = site.populationNotes().es();
    f.populationNotesEn = site.populationNotes().en();
    return f;
  }

  SiteDetails toDetails() {
    return new SiteDetails(
        inegiCode, neighbourhood, new LocalizedText(populationNotesEs, populationNotesEn));
  }

  /** The state whose municipalities to list: the one chosen, else the chosen code's. */
  public String getListedState() {
    if (state != null && state.matches("\\d{2}")) {
      return state;
    }
    return inegiCode != null && inegiCode.matches("\\d{5}") ? inegiCode.substring(0, 2) : null;
  }

  public String getKey() {
    return key;
  }

  public void setKey(String key) {
    this.key = key;
  }

  public String getState() {
    return state;
  }

  public void setState(String state) {
    this.state = state;
  }

  public String getInegiCode() {
    return inegiCode;
  }

  public void setInegiCode(String inegiCode) {
    this.inegiCode = inegiCode;
  }

  public String getNeighbourhood() {
    return neighbourhood;
  }

  public void setNeighbourhood(String neighbourhood) {
    this.neighbourhood = neighbourhood;
  }

  public String getPopulationNotesEs() {
    return populationNotesEs;
  }

  public void setPopulationNotesEs(String populationNotesEs) {
    this.populationNotesEs = populationNotesEs;
  }

  public String getPopulationNotesEn() {
    return populationNotesEn;
  }

  public void setPopulationNotesEn(String populationNotesEn) {
    this.populationNotesEn = populationNotesEn;
  }
}
