package org.tejido.shared.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * Errors that happen outside controllers (security filters, the request-size filter, the container)
 * arrive here and are rendered like every other error.
 */
@Controller
class TejidoErrorController implements ErrorController {

  private final ErrorRendering rendering;

  TejidoErrorController(ErrorRendering rendering) {
    this.rendering = rendering;
  }

  @RequestMapping("/error")
  Object error(HttpServletRequest request, Locale locale) {
    Object statusAttribute = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    HttpStatus status =
        statusAttribute instanceof Integer code
            ? HttpStatus.resolve(code)
            : HttpStatus.INTERNAL_SERVER_ERROR;
    if (status == null) {
      status = HttpStatus.INTERNAL_SERVER_ERROR;
    }
    Object path = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
    Object explicitCode = request.getAttribute(ErrorCode.ATTRIBUTE);
    String code = explicitCode instanceof String s ? s : codeFor(status);
    Object[] args =
        explicitCode instanceof String
                && request.getAttribute(ErrorCode.ARGUMENTS) instanceof Object[] a
            ? a
            : new Object[0];
    return rendering.render(
        request, path == null ? null : path.toString(), status, code, args, locale);
  }

  static String codeFor(HttpStatus status) {
    return switch (status) {
      case NOT_FOUND -> "page.not-found";
      case FORBIDDEN -> "access.denied";
      case UNAUTHORIZED -> "authentication.required";
      case CONTENT_TOO_LARGE -> "payload.too-large";
      case BAD_REQUEST -> "request.invalid";
      case METHOD_NOT_ALLOWED -> "method.not-allowed";
      default -> "server.error";
    };
  }
}
