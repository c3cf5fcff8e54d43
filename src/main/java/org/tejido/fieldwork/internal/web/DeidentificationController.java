package org.tejido.fieldwork.internal.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.tejido.deidentification.EntityKind;
import org.tejido.deidentification.Replacement;
import org.tejido.deidentification.Rule;
import org.tejido.fieldwork.Deidentification;
import org.tejido.fieldwork.SourceTurn;
import org.tejido.fieldwork.Sources;
import org.tejido.identity.SiteRole;
import org.tejido.identity.Team;
import org.tejido.shared.BadRequest;
import org.tejido.shared.Conflict;
import org.tejido.shared.TejidoException;
import org.tejido.shared.web.FormFailure;
import org.tejido.sites.Site;
import org.tejido.vault.VaultErrors;

/**
 * Reviewing a source's de-identification: its words with every proposal marked in place and decided
 * beside it, terms added to the gazetteer from the same page without losing a decision, and "ready
 * for analysis" only for a reviewer who says they read the whole text.
 */
@Controller
@RequestMapping("/manage/sites/{key}/fieldwork/sources/{id}")
class DeidentificationController {

  private final FieldworkPages pages;
  private final Team team;
  private final Sources sources;
  private final Deidentification deidentification;

  DeidentificationController(
      FieldworkPages pages, Team team, Sources sources, Deidentification deidentification) {
    this.pages = pages;
    this.team = team;
    this.sources = sources;
    this.deidentification = deidentification;
  }

  @ModelAttribute
  void common(@PathVariable String key, Model model) {
    pages.common(key, model);
  }

  @GetMapping("/deidentify")
  String review(
      @ModelAttribute(name = "site", binding = false) Site site,
      @PathVariable UUID id,
      Model model,
      HttpServletResponse response) {
    start(site, id, model, response);
    try {
      show(model, deidentification.review(site, id), Map.of());
    } catch (Conflict e) {
      return locked(e, model, response);
    }
    return VIEW;
  }

  @PostMapping("/deidentify")
  String approve(
      @ModelAttribute(name = "site", binding = false) Site site,
      @PathVariable UUID id,
      @RequestParam Map<String, String> form,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    start(site, id, model, response);
    // The words the decisions were made on: refused (409) if they changed since.
    String reviewed = form.get("reviewed");
    if (reviewed == null || reviewed.isBlank()) {
      throw new BadRequest("request.invalid");
    }
    List<Deidentification.Decision> decisions = decisions(form);
    try {
      deidentification.approve(site, id, decisions, reviewed, form.containsKey("wholeText"));
    } catch (BadRequest e) {
      // Nothing was stored: the same page, every decision as it was sent, the reason above.
      return again(site, id, model, response, e, reviewed, decisions);
    } catch (Conflict e) {
      if (VaultErrors.LOCKED.equals(e.code())) {
        return locked(e, model, response);
      }
      throw e;
    }
    redirect.addFlashAttribute("notice", "fieldwork.source.deidentified");
    return "redirect:/manage/sites/" + site.key() + "/fieldwork/sources/" + id;
  }

  /**
   * Adds a term to the gazetteer and shows the proposals again, the new term's proposed and every
   * decision sent along kept as it was (with htmx only the review is swapped; without it the whole
   * page is answered).
   */
  @PostMapping("/gazetteer")
  String addTerm(
      @ModelAttribute(name = "site", binding = false) Site site,
      @PathVariable UUID id,
      @RequestParam Map<String, String> form,
      Model model,
      HttpServletResponse response) {
    start(site, id, model, response);
    String reviewed = form.get("reviewed");
    List<Deidentification.Decision> decisions;
    try {
      decisions = decisions(form);
    } catch (BadRequest e) {
      decisions = List.of();
    }
    try {
      var entry = deidentification.addToGazetteer(site, form.get("term"), form.get("kind"));
      model.addAttribute("notice", "fieldwork.gazetteer.added");
      model.addAttribute("noticeArg", entry.token());
    } catch (BadRequest e) {
      model.addAttribute("termValue", form.get("term"));
      model.addAttribute("termKind", form.get("kind"));
      return again(site, id, model, response, e, reviewed, decisions);
    } catch (Conflict e) {
      if (VaultErrors.LOCKED.equals(e.code())) {
        return locked(e, model, response);
      }
      throw e;
    }
    response.setHeader("HX-Push-Url", "false");
    keep(model, deidentification.review(site, id), reviewed, decisions);
    return VIEW;
  }

  private static final String VIEW = "fieldwork/deidentify";

  private void start(Site site, UUID id, Model model, HttpServletResponse response) {
    team.require(site.id(), SiteRole.VAULT_READERS);
    model.addAttribute("source", sources.get(site, id));
    // Raw words and names: never kept by a browser or a proxy.
    response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
  }

  private String again(
      Site site,
      UUID id,
      Model model,
      HttpServletResponse response,
      TejidoException e,
      String reviewed,
      List<Deidentification.Decision> decisions) {
    try {
      keep(model, deidentification.review(site, id), reviewed, decisions);
    } catch (Conflict locked) {
      return locked(locked, model, response);
    }
    return FormFailure.render(model, response, e, VIEW);
  }

  /** The proposals, with the decisions sent kept, if they were made on these same words. */
  private void keep(
      Model model,
      Deidentification.Review review,
      String reviewed,
      List<Deidentification.Decision> decisions) {
    Map<String, Deidentification.Decision> kept = new HashMap<>();
    if (review.fingerprint().equals(reviewed)) {
      for (var d : decisions) {
        kept.put(key(d.turn(), d.inSpeaker(), d.start(), d.end(), d.original()), d);
      }
    } else if (reviewed != null && !decisions.isEmpty()) {
      model.addAttribute("changed", true);
    }
    show(model, review, kept);
  }

  /** The vault is locked: the page says so, with the unlock form for those who can unlock. */
  private String locked(Conflict e, Model model, HttpServletResponse response) {
    if (!VaultErrors.LOCKED.equals(e.code())) {
      throw e;
    }
    model.addAttribute("locked", true);
    response.setStatus(409);
    return VIEW;
  }

  private static void show(
      Model model, Deidentification.Review review, Map<String, Deidentification.Decision> decided) {
    model.addAttribute("reviewed", review.fingerprint());
    List<ReviewedTurn> turns = new ArrayList<>();
    int index = 0;
    for (Deidentification.TurnProposals t : review.turns()) {
      List<Proposal> inSpeaker = new ArrayList<>();
      for (Replacement r : t.inSpeaker()) {
        inSpeaker.add(proposal(index++, t.turn(), true, r, decided));
      }
      List<Proposal> inText = new ArrayList<>();
      for (Replacement r : t.inText()) {
        inText.add(proposal(index++, t.turn(), false, r, decided));
      }
      turns.add(
          new ReviewedTurn(
              t.turn(),
              t.turn().speaker() == null ? List.of() : segments(t.turn().speaker(), inSpeaker),
              segments(t.turn().text(), inText),
              concat(inSpeaker, inText)));
    }
    model.addAttribute("turns", turns);
    model.addAttribute("proposalCount", index);
  }

  private static Proposal proposal(
      int index,
      SourceTurn turn,
      boolean inSpeaker,
      Replacement r,
      Map<String, Deidentification.Decision> decided) {
    var d = decided.get(key(turn.id(), inSpeaker, r.start(), r.end(), r.original()));
    return new Proposal(
        index,
        turn.id(),
        inSpeaker,
        r,
        d == null || d.accepted(),
        d == null || d.token() == null ? r.token() : d.token());
  }

  /**
   * The text cut into plain runs and proposals, in order; a proposal overlapping one before is
   * listed but not marked.
   */
  static List<Segment> segments(String text, List<Proposal> proposals) {
    List<Segment> out = new ArrayList<>();
    int at = 0;
    for (Proposal p : proposals) {
      Replacement r = p.r();
      if (r.start() < at || r.end() > text.length()) {
        continue;
      }
      if (r.start() > at) {
        out.add(new Segment(text.substring(at, r.start()), null));
      }
      out.add(new Segment(text.substring(r.start(), r.end()), p));
      at = r.end();
    }
    if (at < text.length()) {
      out.add(new Segment(text.substring(at), null));
    }
    return out;
  }

  private static List<Proposal> concat(List<Proposal> a, List<Proposal> b) {
    List<Proposal> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private static String key(UUID turn, boolean inSpeaker, int start, int end, String original) {
    return turn + "|" + inSpeaker + "|" + start + "|" + end + "|" + original;
  }

  /** The decisions of the review form: {@code p0.turn}, {@code p0.start}, … {@code p0.accept}. */
  private static List<Deidentification.Decision> decisions(Map<String, String> form) {
    List<Deidentification.Decision> decisions = new ArrayList<>();
    try {
      for (int i = 0; form.containsKey("p" + i + ".turn"); i++) {
        String p = "p" + i + ".";
        String kind = form.get(p + "kind");
        decisions.add(
            new Deidentification.Decision(
                UUID.fromString(form.get(p + "turn")),
                "true".equals(form.get(p + "speaker")),
                Integer.parseInt(form.get(p + "start")),
                Integer.parseInt(form.get(p + "end")),
                form.get(p + "original"),
                form.get(p + "token"),
                Rule.valueOf(form.get(p + "rule")),
                kind == null || kind.isEmpty() ? null : EntityKind.valueOf(kind),
                form.containsKey(p + "accept")));
      }
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new BadRequest("request.invalid");
    }
    return decisions;
  }

  /** One proposal as the reviewer sees it: numbered once, with what was decided so far. */
  record Proposal(
      int index, UUID turn, boolean inSpeaker, Replacement r, boolean accepted, String token) {}

  /** A run of a turn's words: plain ({@code proposal} null) or a proposal, marked in place. */
  record Segment(String text, Proposal proposal) {}

  record ReviewedTurn(
      SourceTurn turn, List<Segment> speaker, List<Segment> text, List<Proposal> proposals) {}
}
