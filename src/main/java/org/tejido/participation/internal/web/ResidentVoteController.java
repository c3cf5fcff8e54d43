package org.tejido.participation.internal.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.tejido.participation.PrioritisationSession;
import org.tejido.participation.ResidentVoting;
import org.tejido.participation.VoterGroup;
import org.tejido.shared.BadRequest;
import org.tejido.shared.Conflict;
import org.tejido.shared.TejidoException;
import org.tejido.shared.web.FormFailure;

/**
 * The resident's pages, made for a phone: type the code, then vote. Every answer is a page in the
 * resident's language; nothing here is cached or stored about who asks.
 */
@Controller
@RequestMapping("/vote")
class ResidentVoteController {

  private final ResidentVoting voting;

  ResidentVoteController(ResidentVoting voting) {
    this.voting = voting;
  }

  /**
   * The language switch goes back to the code page: the ballot is the answer to a POST, and a GET
   * of its address would find nothing (the code is typed again, in the other language).
   */
  @org.springframework.web.bind.annotation.ModelAttribute("switchLangUrl")
  String switchLanguage(java.util.Locale locale) {
    return "/vote?lang=" + ("en".equals(locale.getLanguage()) ? "es" : "en");
  }

  @GetMapping
  String enterCode() {
    return "participation/vote-code";
  }

  @PostMapping
  String ballot(
      @RequestParam(required = false) String code,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model) {
    model.addAttribute("code", code);
    try {
      PrioritisationSession session = voting.ballotFor(code, request.getRemoteAddr());
      return showBallot(session, code, model);
    } catch (ResidentVoting.Wait wait) {
      return waitPage(wait, response, model);
    } catch (BadRequest | Conflict e) {
      return refused(e, response, model);
    }
  }

  @PostMapping("/ballot")
  String cast(
      @RequestParam Map<String, String> form,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model) {
    String code = form.get("code");
    model.addAttribute("code", code);
    try {
      voting.cast(code, Marks.ballot(form), request.getRemoteAddr());
    } catch (ResidentVoting.Wait wait) {
      return waitPage(wait, response, model);
    } catch (BadRequest e) {
      if (!e.fieldErrors().isEmpty()) {
        // The code is right and unspent: show the ballot again with what was marked.
        model.addAttribute("entered", form);
        showBallot(voting.ballotFor(code, request.getRemoteAddr()), code, model);
        return FormFailure.render(model, response, e, "participation/vote-ballot");
      }
      return refused(e, response, model);
    } catch (Conflict e) {
      return refused(e, response, model);
    }
    return "participation/vote-thanks";
  }

  private static String showBallot(PrioritisationSession session, String code, Model model) {
    model.addAttribute("prioritisation", session);
    model.addAttribute("groups", VoterGroup.values());
    model.addAttribute("code", code);
    return "participation/vote-ballot";
  }

  /** Wrong and used codes share one answer; a closed session says so. */
  private static String refused(TejidoException e, HttpServletResponse response, Model model) {
    FormFailure.render(model, response, e, "participation/vote-code");
    response.setStatus(e instanceof Conflict ? 409 : 422);
    model.addAttribute("code", null);
    return "participation/vote-code";
  }

  private static String waitPage(
      ResidentVoting.Wait wait, HttpServletResponse response, Model model) {
    model.addAttribute("waitSeconds", wait.seconds());
    model.addAttribute("code", null);
    response.setStatus(429);
    response.setHeader("Retry-After", String.valueOf(wait.seconds()));
    return "participation/vote-code";
  }
}
