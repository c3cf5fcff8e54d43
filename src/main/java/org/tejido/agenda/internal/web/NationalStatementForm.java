package org.tejido.agenda.internal.web;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.tejido.agenda.NationalStatement;
import org.tejido.agenda.NationalStatementInput;

/** A principle or requirement of the National Agenda as the browser sends it. */
public class NationalStatementForm {
  private String kind = NationalStatement.Kind.REQUIREMENT.code();
  private String textEs;
  private String textEn;
  private List<UUID> threads = new ArrayList<>();

  static NationalStatementForm of(NationalStatement statement) {
    NationalStatementForm f = new NationalStatementForm();
    f.kind = statement.kind().code();
    f.textEs = statement.text().es();
    f.textEn = statement.text().en();
    f.threads = new ArrayList<>(statement.threadIds());
    return f;
  }

  NationalStatementInput toInput() {
    return new NationalStatementInput(
        kind == null ? null : NationalStatement.Kind.parse(kind).orElse(null),
        textEs,
        textEn,
        threads);
  }

  public String getKind() {
    return kind;
  }

  public void setKind(String kind) {
    this.kind = kind;
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

  public List<UUID> getThreads() {
    return threads;
  }

  public void setThreads(List<UUID> threads) {
    this.threads = threads == null ? new ArrayList<>() : threads;
  }
}
