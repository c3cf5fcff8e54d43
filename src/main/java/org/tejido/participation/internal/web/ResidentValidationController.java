package org.tejido.participation.internal.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.tejido.participation.ResidentValidation;
import org.tejido.participation.ResidentVoting;
import org.tejido.participation.ValidationRound;
import org.tejido.participation.Verdict;
import org.tejido.participation.VoterGroup;
import org.tejido.shared.BadRequest;
import org.tejido.shared.Conflict;
import org.tejido.shared.TejidoException;
import org.tejido.shared.web.FormFailure;

/**
 * The resident's pages for a validation round, made for a phone: type the code (or follow the
 * card's link, whose code travels after {@code #} and so never reaches the server or its logs),
 * then say of each issue and proposal "agree", "change" or "remove".
 */
@Controller
@RequestMapping("/validate")
class ResidentValidationController {

  private final ResidentValidation validation;

  ResidentValidationController(ResidentValidation validation) {
    this.validation = validation;
  }

  /** The language switch goes back to the code page, as on /vote. */
  @ModelAttribute("switchLangUrl")
  String switchLanguage(Locale locale) {
    return "/validate?lang=" + ("en".equals(locale.getLanguage()) ? "es" : "en");
  }

  @GetMapping
  String enterCode() {
    return "participation/validate-code";
  }

  @PostMapping
  String form(
      @RequestParam(required = false) String code,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model) {
    try {
      return showForm(validation.roundFor(code, request.getRemoteAddr()), code, model);
    } catch (ResidentVoting.Wait wait) {
      return waitPage(wait, response, model);
    } catch (BadRequest | Conflict e) {
      return refused(e, response, model);
    }
  }

  @PostMapping("/comments")
  String submit(
      @RequestParam Map<String, String> form,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model) {
    String code = form.get("code");
    try {
      ValidationRound round = validation.roundFor(code, request.getRemoteAddr());
      validation.submit(code, Comments.response(round, form), request.getRemoteAddr());
    } catch (ResidentVoting.Wait wait) {
      return waitPage(wait, response, model);
    } catch (BadRequest e) {
      if (!e.fieldErrors().isEmpty()) {
        // The code is right and unspent: the form again, with what was written.
        model.addAttribute("entered", form);
        showForm(validation.roundFor(code, request.getRemoteAddr()), code, model);
        return FormFailure.render(model, response, e, "participation/validate-form");
      }
      return refused(e, response, model);
    } catch (Conflict e) {
      return refused(e, response, model);
    }
    return "participation/validate-thanks";
  }

  private static String showForm(ValidationRound round, String code, Model model) {
    model.addAttribute("round", round);
    model.addAttribute("groups", VoterGroup.values());
    model.addAttribute("verdicts", Verdict.values());
    model.addAttribute("code", code);
    return "participation/validate-form";
  }

  private static String refused(TejidoException e, HttpServletResponse response, Model model) {
    FormFailure.render(model, response, e, "participation/validate-code");
    response.setStatus(e instanceof Conflict ? 409 : 422);
    model.addAttribute("code", null);
    return "participation/validate-code";
  }

  private static String waitPage(
      ResidentVoting.Wait wait, HttpServletResponse response, Model model) {
    model.addAttribute("waitSeconds", wait.seconds());
    model.addAttribute("code", null);
    response.setStatus(429);
    response.setHeader("Retry-After", String.valueOf(wait.seconds()));
    return "participation/validate-code";
  }
}
