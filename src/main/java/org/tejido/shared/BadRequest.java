package org.tejido.shared;

import java.util.Map;
import org.springframework.http.HttpStatus;

/** Rendered as HTTP BAD REQUEST with its stable code. */
public final class BadRequest extends TejidoException {

  private final transient Map<String, String> fieldErrors;

  public BadRequest(String code, Object... args) {
    super(code, args);
    this.fieldErrors = Map.of();
  }

  /**
   * A form or payload with one or more invalid fields.
   *
   * @param fieldErrors field name to message key, in the order the fields appear
   */
  public BadRequest(String code, Map<String, String> fieldErrors) {
    super(code);
    this.fieldErrors =
        java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fieldErrors));
  }

  public Map<String, String> fieldErrors() {
    return fieldErrors;
  }

  public boolean hasFieldError(String field) {
    return fieldErrors.containsKey(field);
  }

  @Override
  public HttpStatus status() {
    return HttpStatus.BAD_REQUEST;
  }
}
