package org.tejido.agenda.internal.web;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.tejido.agenda.Proposal;
import org.tejido.agenda.ProposalInput;

/** The proposal form as the browser sends it. */
public class ProposalForm {
  private String addressee;
  private String textEs;
  private String textEn;
  private List<UUID> issues = new ArrayList<>();

  static ProposalForm of(Proposal proposal) {
    ProposalForm f = new ProposalForm();
    f.addressee = proposal.addressee();
    f.textEs = proposal.text().es();
    f.textEn = proposal.text().en();
    f.issues = new ArrayList<>(proposal.issueIds());
    return f;
  }

  ProposalInput toInput() {
    return new ProposalInput(addressee, textEs, textEn, issues);
  }

  public String getAddressee() {
    return addressee;
  }

  public void setAddressee(String addressee) {
    this.addressee = addressee;
  }

  public String getTextEs() {
    return textEs;
  }

  public void setTextEs(String textEs) {
    this.textEs = textEs;
  }

  public String getTextEn() {
    return textEn;
  }

  public void setTextEn(String textEn) {
    this.textEn = textEn;
  }

  public List<UUID> getIssues() {
    return issues;
  }

  public void setIssues(List<UUID> issues) {
    this.issues = issues == null ? new ArrayList<>() : issues;
  }
}
