package org.tejido.fieldwork.internal.web;

import org.tejido.fieldwork.Identity;
import org.tejido.fieldwork.NewParticipant;

/**
 * The new-participant form as the browser sends it. Name, alias and contact are kept when the form
 * is shown again: they are not secrets to the person who typed them, and every team page is sent
 * with {@code Cache-Control: no-store}; wiping them made people retype, or silently lose, them.
 */
public class ParticipantForm {
  private String populationGroup;
  private String gender;
  private String ageBand;
  private String ethnicity;
  private String neighbourhood;
  private String name;
  private String alias;
  private String contact;

  NewParticipant toNew() {
    return new NewParticipant(
        populationGroup,
        gender,
        ageBand,
        ethnicity,
        neighbourhood,
        new Identity(name, alias, contact));
  }

  public String getPopulationGroup() {
    return populationGroup;
  }

  public void setPopulationGroup(String populationGroup) {
    this.populationGroup = populationGroup;
  }

  public String getGender() {
    return gender;
  }

  public void setGender(String gender) {
    this.gender = gender;
  }

  public String getAgeBand() {
    return ageBand;
  }

  public void setAgeBand(String ageBand) {
    this.ageBand = ageBand;
  }

  public String getEthnicity() {
    return ethnicity;
  }

  public void setEthnicity(String ethnicity) {
    this.ethnicity = ethnicity;
  }

  public String getNeighbourhood() {
    return neighbourhood;
  }

  public void setNeighbourhood(String neighbourhood) {
    this.neighbourhood = neighbourhood;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getAlias() {
    return alias;
  }

  public void setAlias(String alias) {
    this.alias = alias;
  }

  public String getContact() {
    return contact;
  }

  public void setContact(String contact) {
    this.contact = contact;
  }
}
