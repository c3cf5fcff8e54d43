package org.tejido.shared;

import org.springframework.http.HttpStatus;

/** Rendered as HTTP NOT FOUND with its stable code. */
public final class NotFound extends TejidoException {

  public NotFound(String code, Object... args) {
    super(code, args);
  }

  @Override
  public HttpStatus status() {
    return HttpStatus.NOT_FOUND;
  }
}
