package org.tejido.analysis.internal.web;

/** The memo form as the browser sends it. */
public class MemoForm {
  private String text = "";

  static MemoForm of(String text) {
    MemoForm f = new MemoForm();
    f.text = text;
    return f;
  }

  public String getText() {
    return text;
  }

  public void setText(String text) {
    this.text = text == null ? "" : text;
  }
}
