package org.tejido.fieldwork.internal.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.tejido.fieldwork.FieldDiary;
import org.tejido.shared.BadRequest;
import org.tejido.shared.web.FormFailure;
import org.tejido.sites.Site;

/**
 * The field diary on the phone: the draft kept on the server while a person types (posted by htmx a
 * moment after she stops), and the correction of her own entries while their window is open. The
 * diary form itself is the source form ({@code FieldworkController}). Entries written without
 * signal are sealed on the phone and arrive here as ciphertexts, which a reader files as sources
 * with the vault unlocked.
 */
@Controller
@RequestMapping("/manage/sites/{key}/fieldwork")
class DiaryController {

  private final FieldworkPages pages;
  private final FieldDiary diary;

  DiaryController(FieldworkPages pages, FieldDiary diary) {
    this.pages = pages;
    this.diary = diary;
  }

  @ModelAttribute
  void common(@PathVariable String key, Model model) {
    pages.common(key, model);
  }

  /** Keeps the draft; answers the line that says when it was kept. */
  @PostMapping("/diary/draft")
  String saveDraft(
      @ModelAttribute(name = "site", binding = false) Site site,
      @RequestParam(required = false) String title,
      @RequestParam(required = false) String day,
      @RequestParam(required = false) String text,
      Model model) {
    Instant saved = diary.saveDraft(site, title, day, text);
    model.addAttribute("draftSavedAt", saved.atZone(FieldDiary.ZONE));
    return "fieldwork/diary :: draftStatus";
  }

  @PostMapping("/diary/draft/discard")
  String discardDraft(
      @ModelAttribute(name = "site", binding = false) Site site, RedirectAttributes redirect) {
    diary.discardDraft(site);
    redirect.addFlashAttribute("notice", "fieldwork.diary.draft.discarded");
    return "redirect:/manage/sites/" + site.key() + "/fieldwork/sources/new?kind=field_diary";
  }

  /**
   * Receives an entry sealed on the phone: the ciphertext as the body, the phone's id for it and
   * the identifier of the key it was sealed to in the address. 201 when stored, 200 when an earlier
   * try had stored it already: either way the phone may forget it. The answer names the id it
   * received ({@code X-Tejido-Received}), so that the sign-in page (an expired session) is never
   * taken for a delivery.
   */
  @PostMapping("/diary/sealed")
  ResponseEntity<Void> receiveSealed(
      @ModelAttribute(name = "site", binding = false) Site site,
      @RequestParam UUID id,
      @RequestParam String keyId,
      HttpServletRequest request)
      throws IOException {
    byte[] sealed = request.getInputStream().readNBytes(FieldDiary.MAX_SEALED + 1);
    FieldDiary.Received received = diary.receiveSealed(site, id, keyId, sealed);
    return ResponseEntity.status(
            received == FieldDiary.Received.STORED ? HttpStatus.CREATED : HttpStatus.OK)
        .header(RECEIVED, id.toString())
        .build();
  }

  static final String RECEIVED = "X-Tejido-Received";

  /** Files the entries sealed on phones as diary sources (a reader, the vault unlocked). */
  @PostMapping("/diary/sealed/file")
  String fileDeviceEntries(
      @ModelAttribute(name = "site", binding = false) Site site, RedirectAttributes redirect) {
    int filed = diary.fileDeviceEntries(site);
    redirect.addFlashAttribute("notice", "fieldwork.diary.device.filed");
    redirect.addFlashAttribute("noticeArg", filed);
    return "redirect:/manage/sites/" + site.key() + "/fieldwork";
  }

  @GetMapping("/sources/{id}/correct")
  String correction(
      @ModelAttribute(name = "site", binding = false) Site site,
      @PathVariable UUID id,
      Model model) {
    FieldDiary.OwnText own = diary.own(site, id);
    Map<String, String> form = new HashMap<>();
    form.put("title", own.title());
    form.put("day", own.day().toString());
    form.put("text", own.text());
    model.addAttribute("form", form);
    model.addAttribute("today", diary.today());
    model.addAttribute("entryId", id);
    model.addAttribute("until", own.correctableUntil().atZone(FieldDiary.ZONE));
    return "fieldwork/diary-correct";
  }

  @PostMapping("/sources/{id}/correct")
  String correct(
      @ModelAttribute(name = "site", binding = false) Site site,
      @PathVariable UUID id,
      @RequestParam(required = false) String title,
      @RequestParam(required = false) String day,
      @RequestParam(required = false) String text,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    try {
      diary.correct(site, id, title, day, text);
    } catch (BadRequest e) {
      Map<String, String> form = new HashMap<>();
      form.put("title", title == null ? "" : title);
      form.put("day", day == null ? "" : day);
      form.put("text", text == null ? "" : text);
      model.addAttribute("form", form);
      model.addAttribute("today", diary.today());
      model.addAttribute("entryId", id);
      return FormFailure.render(model, response, e, "fieldwork/diary-correct");
    }
    redirect.addFlashAttribute("notice", "fieldwork.diary.corrected");
    return "redirect:/manage/sites/" + site.key() + "/fieldwork/sources/" + id;
  }
}
