package org.tejido.shared;

import org.springframework.http.HttpStatus;

/** Rendered as HTTP CONFLICT with its stable code. */
public final class Conflict extends TejidoException {

  public Conflict(String code, Object... args) {
    super(code, args);
  }

  @Override
  public HttpStatus status() {
    return HttpStatus.CONFLICT;
  }
}
