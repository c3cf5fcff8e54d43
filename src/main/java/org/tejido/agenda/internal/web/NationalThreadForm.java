package org.tejido.agenda.internal.web;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.tejido.agenda.LocalOrigin;
import org.tejido.agenda.NationalThread;
import org.tejido.agenda.NationalThreadInput;

/** A National Agenda thread as the browser sends it. */
public class NationalThreadForm {
  private String titleEs;
  private String titleEn;
  private String descriptionEs;
  private String descriptionEn;
  private String domain;
  private List<UUID> issues = new ArrayList<>();

  static NationalThreadForm of(NationalThread thread) {
    NationalThreadForm f = new NationalThreadForm();
    f.titleEs = thread.title().es();
    f.titleEn = thread.title().en();
    f.descriptionEs = thread.description().es();
    f.descriptionEn = thread.description().en();
    f.domain = thread.domain();
    f.issues = new ArrayList<>(thread.origins().stream().map(LocalOrigin::issueId).toList());
    return f;
  }

  NationalThreadInput toInput() {
    return new NationalThreadInput(titleEs, titleEn, descriptionEs, descriptionEn, domain, issues);
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

  public String getDomain() {
    return domain;
  }

  public void setDomain(String domain) {
    this.domain = domain;
  }

  public List<UUID> getIssues() {
    return issues;
  }

  public void setIssues(List<UUID> issues) {
    this.issues = issues == null ? new ArrayList<>() : issues;
  }
}
