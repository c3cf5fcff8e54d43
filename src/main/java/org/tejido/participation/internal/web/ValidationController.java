package org.tejido.participation.internal.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.tejido.identity.SiteRole;
import org.tejido.identity.Team;
import org.tejido.participation.CommentAnswer;
import org.tejido.participation.ValidationRound;
import org.tejido.participation.ValidationRounds;
import org.tejido.participation.Verdict;
import org.tejido.participation.VoterGroup;
import org.tejido.shared.BadRequest;
import org.tejido.shared.Conflict;
import org.tejido.shared.web.FormFailure;
import org.tejido.sites.Site;
import org.tejido.sites.Sites;

/**
 * Validation rounds, for the site team: send the draft back, codes to hand out, workshop sheets to
 * enter, the comments item by item with an answer to each, and closing the round.
 */
@Controller
@RequestMapping("/manage/sites/{key}/validation")
class ValidationController {

  private final Sites sites;
  private final ValidationRounds rounds;
  private final Team team;

  ValidationController(Sites sites, ValidationRounds rounds, Team team) {
    this.sites = sites;
    this.rounds = rounds;
    this.team = team;
  }

  @ModelAttribute
  void common(@PathVariable String key, Model model) {
    Site site = sites.byKey(key);
    model.addAttribute("site", site);
    model.addAttribute("groups", VoterGroup.values());
    model.addAttribute("verdicts", Verdict.values());
    model.addAttribute("answers", CommentAnswer.values());
    model.addAttribute(
        "coordinates", team.currentRoleAt(site.id()).orElse(null) == SiteRole.COORDINATOR);
  }

  @GetMapping
  String list(@ModelAttribute(name = "site", binding = false) Site site, Model model) {
    model.addAttribute("rounds", rounds.list(site));
    return "participation/rounds";
  }

  @PostMapping
  String create(
      @ModelAttribute(name = "site", binding = false) Site site,
      @RequestParam(required = false) String title,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    try {
      UUID id = rounds.create(site, title);
      redirect.addFlashAttribute("notice", "rounds.created");
      return back(site, id);
    } catch (BadRequest | Conflict e) {
      model.addAttribute("rounds", rounds.list(site));
      model.addAttribute("title", title);
      return FormFailure.render(model, response, e, "participation/rounds");
    }
  }

  @GetMapping("/{id}")
  String round(
      @ModelAttribute(name = "site", binding = false) Site site,
      @PathVariable UUID id,
      Model model) {
    show(site, id, model);
    return "participation/round";
  }

  @PostMapping("/{id}/close")
  String close(
      @ModelAttribute(name = "site", binding = false) Site site,
      @PathVariable UUID id,
      RedirectAttributes redirect) {
    rounds.close(site, id);
    redirect.addFlashAttribute("notice", "rounds.closed");
    return back(site, id);
  }

  /** The codes are shown this once, on a page made to be printed and cut into cards. */
  @PostMapping("/{id}/codes")
  String codes(
      @ModelAttribute(name = "site", binding = false) Site site,
      @PathVariable UUID id,
      @RequestParam(required = false) String count,
      Model model,
      HttpServletResponse response) {
    try {
      model.addAttribute("codes", rounds.generateCodes(site, id, number(count)));
    } catch (BadRequest | Conflict e) {
      show(site, id, model);
      return FormFailure.render(model, response, e, "participation/round");
    }
    model.addAttribute("round", rounds.get(site, id));
    return "participation/round-codes";
  }

  @GetMapping("/{id}/sheet")
  String sheet(
      @ModelAttribute(name = "site", binding = false) Site site,
      @PathVariable UUID id,
      Model model) {
    model.addAttribute("round", rounds.get(site, id));
    return "participation/round-sheet";
  }

  @PostMapping("/{id}/sheet")
  String enterSheet(
      @ModelAttribute(name = "site", binding = false) Site site,
      @PathVariable UUID id,
      @RequestParam Map<String, String> form,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    ValidationRound round = rounds.get(site, id);
    try {
      rounds.enterSheet(site, id, Comments.response(round, form));
    } catch (BadRequest | Conflict e) {
      model.addAttribute("round", round);
      model.addAttribute("entered", form);
      return FormFailure.render(model, response, e, "participation/round-sheet");
    }
    redirect.addFlashAttribute("notice", "rounds.sheet.saved");
    return back(site, id) + "/sheet";
  }

  @PostMapping("/{id}/comments/{comment}/answer")
  String answer(
      @ModelAttribute(name = "site", binding = false) Site site,
      @PathVariable UUID id,
      @PathVariable UUID comment,
      @RequestParam(required = false) String answer,
      @RequestParam(required = false) String answerEs,
      @RequestParam(required = false) String answerEn,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    try {
      rounds.answer(
          site, id, comment, CommentAnswer.fromCode(answer).orElse(null), answerEs, answerEn);
    } catch (BadRequest e) {
      show(site, id, model);
      model.addAttribute("answering", comment);
      return FormFailure.render(model, response, e, "participation/round");
    }
    redirect.addFlashAttribute("notice", "rounds.answered");
    return back(site, id) + "#comment-" + comment;
  }

  private void show(Site site, UUID id, Model model) {
    var review = rounds.review(site, id);
    model.addAttribute("round", review.round());
    model.addAttribute("review", review);
    model.addAttribute("codeCounts", rounds.codeCounts(site, id));
  }

  private static String back(Site site, UUID id) {
    return "redirect:/manage/sites/" + site.key() + "/validation/" + id;
  }

  private static Integer number(String value) {
    try {
      return value == null ? null : Integer.valueOf(value.strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
