package org.tejido.shared.web;

import jakarta.servlet.http.HttpServletRequest;

/** Tells an htmx request (which wants a fragment) from a plain browser request (a full page). */
public final class Htmx {
  private Htmx() {}

  public static boolean isHtmx(HttpServletRequest request) {
    return "true".equals(request.getHeader("HX-Request"))
        && !"true".equals(request.getHeader("HX-History-Restore-Request"));
  }
}
