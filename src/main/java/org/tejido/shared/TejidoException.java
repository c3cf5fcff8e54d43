package org.tejido.shared;

import org.springframework.http.HttpStatus;

/**
 * The root of Tejido's small error vocabulary. Each error carries a stable machine code (used in
 * problem+json responses) and a message key resolved in the user's language.
 */
public abstract sealed class TejidoException extends RuntimeException
    permits NotFound, BadRequest, Forbidden, Conflict {

  private final String code;
  private final transient Object[] args;

  protected TejidoException(String code, Object... args) {
    super(code);
    this.code = code;
    this.args = args;
  }

  /**
   * Stable identifier such as {@code site.not-found}; also the message key ({@code error.<code>}).
   */
  public String code() {
    return code;
  }

  public Object[] args() {
    return args.clone();
  }

  public String messageKey() {
    return "error." + code;
  }

  public abstract HttpStatus status();
}
