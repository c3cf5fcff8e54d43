package org.tejido.agenda.internal.web;

import java.util.ArrayList;
import java.util.List;
import org.tejido.agenda.AgendaIssue;
import org.tejido.agenda.IssueInput;

/** The issue form as the browser sends it. */
public class IssueForm {
  private String titleEs;
  private String titleEn;
  private String descriptionEs;
  private String descriptionEn;
  private List<String> domains = new ArrayList<>();
  private boolean silenced;

  static IssueForm of(AgendaIssue issue) {
    IssueForm f = new IssueForm();
    f.titleEs = issue.title().es();
    f.titleEn = issue.title().en();
    f.descriptionEs = issue.description().es();
    f.descriptionEn = issue.description().en();
    f.domains = new ArrayList<>(issue.domains());
    f.silenced = issue.silenced();
    return f;
  }

  IssueInput toInput() {
    return new IssueInput(titleEs, titleEn, descriptionEs, descriptionEn, domains, silenced);
  }

  public String getTitleEs() {
    return titleEs;
  }

  public void setTitleEs(String titleEs) {
    this.titleEs = titleEs;
  }

  public String getTitleEn() {
    return titleEn;
  }

  public void setTitleEn(String titleEn) {
    this.titleEn = titleEn;
  }

  public String getDescriptionEs() {
    return descriptionEs;
  }

  public void setDescriptionEs(String descriptionEs) {
    this.descriptionEs = descriptionEs;
  }

  public String getDescriptionEn() {
    return descriptionEn;
  }

  public void setDescriptionEn(String descriptionEn) {
    this.descriptionEn = descriptionEn;
  }

  public List<String> getDomains() {
    return domains;
  }

  public void setDomains(List<String> domains) {
    this.domains = domains == null ? new ArrayList<>() : domains;
  }

  public boolean isSilenced() {
    return silenced;
  }

  public void setSilenced(boolean silenced) {
    this.silenced = silenced;
  }
}
