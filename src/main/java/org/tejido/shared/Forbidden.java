package org.tejido.shared;

import org.springframework.http.HttpStatus;

/** Rendered as HTTP FORBIDDEN with its stable code. */
public final class Forbidden extends TejidoException {

  public Forbidden(String code, Object... args) {
    super(code, args);
  }

  @Override
  public HttpStatus status() {
    return HttpStatus.FORBIDDEN;
  }
}
