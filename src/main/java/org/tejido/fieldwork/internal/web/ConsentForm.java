package org.tejido.fieldwork.internal.web;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import org.tejido.fieldwork.Consent;
import org.tejido.shared.BadRequest;

/**
 * The consent form as the browser sends it. Its scopes are kept as ticked when the form is shown
 * again: a re-shown form that forgot "be quoted" saved the consent as "take part" only.
 */
public class ConsentForm {
  private String givenOn;
  private String method;
  private boolean takePart;
  private boolean beQuoted;
  private boolean quotedInPublished;
  private String formVersion = "v1";

  /** A fresh form: dated today, taking part ticked, the current form version. */
  static ConsentForm fresh(LocalDate today) {
    ConsentForm f = new ConsentForm();
    f.givenOn = today.toString();
    f.takePart = true;
    return f;
  }

  Consent toConsent() {
    return new Consent(
        null, date(givenOn, "givenOn"), method, takePart, beQuoted, quotedInPublished, formVersion);
  }

  static LocalDate date(String value, String field) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return LocalDate.parse(value.strip());
    } catch (DateTimeParseException e) {
      throw new BadRequest("validation.failed", Map.of(field, "validation.date.invalid"));
    }
  }

  public String getGivenOn() {
    return givenOn;
  }

  public void setGivenOn(String givenOn) {
    this.givenOn = givenOn;
  }

  public String getMethod() {
    return method;
  }

  public void setMethod(String method) {
    this.method = method;
  }

  public boolean isTakePart() {
    return takePart;
  }

  public void setTakePart(boolean takePart) {
    this.takePart = takePart;
  }

  public boolean isBeQuoted() {
    return beQuoted;
  }

  public void setBeQuoted(boolean beQuoted) {
    this.beQuoted = beQuoted;
  }

  public boolean isQuotedInPublished() {
    return quotedInPublished;
  }

  public void setQuotedInPublished(boolean quotedInPublished) {
    this.quotedInPublished = quotedInPublished;
  }

  public String getFormVersion() {
    return formVersion;
  }

  public void setFormVersion(String formVersion) {
    this.formVersion = formVersion;
  }
}
