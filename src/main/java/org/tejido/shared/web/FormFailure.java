package org.tejido.shared.web;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.ui.Model;
import org.tejido.shared.BadRequest;
import org.tejido.shared.TejidoException;

/**
 * A form shown again because what was sent could not be used: nothing was stored, the fields keep
 * what the person typed (the caller puts it in the model), and the page says what to fix.
 */
public final class FormFailure {
  private FormFailure() {}

  /**
   * Field errors go beside their fields ({@code errors}: field → message code); any other error
   * above the form ({@code error}). Answers 422, and a form boosted by htmx does not put the POST
   * address in the address bar.
   *
   * @return the view to render
   */
  public static String render(
      Model model, HttpServletResponse response, TejidoException e, String view) {
    if (e instanceof BadRequest bad && !bad.fieldErrors().isEmpty()) {
      model.addAttribute("errors", bad.fieldErrors());
    } else {
      model.addAttribute("error", e);
    }
    response.setStatus(422);
    response.setHeader("HX-Push-Url", "false");
    return view;
  }
}
