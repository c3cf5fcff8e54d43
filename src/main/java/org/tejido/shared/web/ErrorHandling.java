package org.tejido.shared.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import org.tejido.shared.TejidoException;

/** Maps exceptions thrown by controllers to Tejido's error vocabulary. */
@ControllerAdvice
class ErrorHandling {

  private static final Logger log = LoggerFactory.getLogger(ErrorHandling.class);
  private final ErrorRendering rendering;

  ErrorHandling(ErrorRendering rendering) {
    this.rendering = rendering;
  }

  @ExceptionHandler(TejidoException.class)
  Object tejido(TejidoException e, HttpServletRequest request, Locale locale) {
    return rendering.render(
        request, request.getRequestURI(), e.status(), e.code(), e.args(), locale);
  }

  @ExceptionHandler(NoResourceFoundException.class)
  Object noResource(HttpServletRequest request, Locale locale) {
    return plain(request, HttpStatus.NOT_FOUND, "page.not-found", locale);
  }

  @ExceptionHandler({
    MethodArgumentTypeMismatchException.class,
    MissingServletRequestParameterException.class,
    HttpMessageNotReadableException.class,
    HandlerMethodValidationException.class
  })
  Object badRequest(Exception e, HttpServletRequest request, Locale locale) {
    log.debug("Bad request on {}: {}", request.getRequestURI(), e.getClass().getSimpleName());
    return plain(request, HttpStatus.BAD_REQUEST, "request.invalid", locale);
  }

  @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
  Object methodNotAllowed(HttpServletRequest request, Locale locale) {
    return plain(request, HttpStatus.METHOD_NOT_ALLOWED, "method.not-allowed", locale);
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  Object unsupportedMediaType(HttpServletRequest request, Locale locale) {
    return plain(request, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "media-type.unsupported", locale);
  }

  @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
  Object notAcceptable(HttpServletRequest request, Locale locale) {
    return plain(request, HttpStatus.NOT_ACCEPTABLE, "media-type.not-acceptable", locale);
  }

  @ExceptionHandler(MaxUploadSizeExceededException.class)
  Object tooLarge(HttpServletRequest request, Locale locale) {
    return plain(request, HttpStatus.CONTENT_TOO_LARGE, "payload.too-large", locale);
  }

  private Object plain(HttpServletRequest request, HttpStatus status, String code, Locale locale) {
    return rendering.render(request, request.getRequestURI(), status, code, new Object[0], locale);
  }
}
