package org.tejido.shared.web;

/** Lets code outside controllers (security handlers, filters) name the error code of a response. */
public final class ErrorCode {
  /** Request attribute read by the error page: a code more precise than the HTTP status alone. */
  public static final String ATTRIBUTE = "tejido.error.code";

  /** Request attribute with the arguments of that code's message (an {@code Object[]}). */
  public static final String ARGUMENTS = "tejido.error.arguments";

  private ErrorCode() {}
}
