package org.tejido.fieldwork.internal.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.tejido.fieldwork.Activities;
import org.tejido.fieldwork.Consent;
import org.tejido.fieldwork.FieldworkProperties;
import org.tejido.fieldwork.Identity;
import org.tejido.fieldwork.Media;
import org.tejido.fieldwork.NewActivity;
import org.tejido.fieldwork.NewParticipant;
import org.tejido.fieldwork.NewSource;
import org.tejido.fieldwork.Participants;
import org.tejido.fieldwork.Sources;
import org.tejido.fieldwork.Vocabulary;
import org.tejido.fieldwork.Withdrawals;
import org.tejido.fieldwork.internal.text.SourceFiles;
import org.tejido.identity.SiteRole;
import org.tejido.identity.Team;
import org.tejido.shared.BadRequest;
import org.tejido.shared.Conflict;
import org.tejido.shared.TejidoException;
import org.tejido.shared.web.FormFailure;
import org.tejido.sites.Site;
import org.tejido.sites.Sites;
import org.tejido.vault.Vaults;

/**
 * The site team's fieldwork: activities, participants and consent, sources (typed, pasted or
 * uploaded) and media. Plain forms with redirects; every page works on a phone.
 */
@Controller
@RequestMapping("/manage/sites/{key}/fieldwork")
class FieldworkController {

  private final Sites sites;
  private final Team team;
  private final Vaults vaults;
  private final Activities activities;
  private final Participants participants;
  private final Sources sources;
  private final Media media;
  private final Withdrawals withdrawals;
  private final SourceFiles files;

  FieldworkController(
      Sites sites,
      Team team,
      Vaults vaults,
      Activities activities,
      Participants participants,
      Sources sources,
      Media media,
      Withdrawals withdrawals,
      FieldworkProperties properties) {
    this.sites = sites;
    this.team = team;
    this.vaults = vaults;
    this.activities = activities;
    this.participants = participants;
    this.sources = sources;
    this.media = media;
    this.withdrawals = withdrawals;
    this.files = new SourceFiles(properties.maxUploadSize().toBytes());
  }

  @ModelAttribute
  void common(@PathVariable String key, Model model) {
    Site site = sites.byKey(key);
    team.require(
        site.id(), SiteRole.COORDINATOR, SiteRole.RESEARCHER, SiteRole.COMMUNITY_RESEARCHER);
    SiteRole role = team.currentRoleAt(site.id()).orElseThrow();
    model.addAttribute("site", site);
    model.addAttribute("role", role);
    model.addAttribute("vault", vaults.status(site));
    model.addAttribute("vocabulary", VOCABULARY);
  }

  /** The closed lists, for the forms: {@code ${vocabulary.genders}} and so on. */
  private static final Map<String, List<String>> VOCABULARY =
      Map.of(
          "populationGroups", Vocabulary.POPULATION_GROUPS,
          "genders", Vocabulary.GENDERS,
          "ageBands", Vocabulary.AGE_BANDS,
          "ethnicities", Vocabulary.ETHNICITIES,
          "activityKinds", Vocabulary.ACTIVITY_KINDS,
          "consentMethods", Vocabulary.CONSENT_METHODS,
          "sourceKinds", Vocabulary.SOURCE_KINDS,
          "mediaKinds", Vocabulary.MEDIA_KINDS);

  @GetMapping
  String overview(@ModelAttribute(name = "site", binding = false) Site site, Model model) {
    model.addAttribute("activities", activities.list(site));
    model.addAttribute("participants", participants.list(site));
    model.addAttribute("smallCells", participants.smallCells(site));
    model.addAttribute("sources", sources.list(site));
    return "fieldwork/overview";
  }

  // ---- activities ----

  @GetMapping("/activities/new")
  String newActivity(@ModelAttribute(name = "site", binding = false) Site site, Model model) {
    model.addAttribute("participants", participants.list(site));
    model.addAttribute("members", team.membersOf(site.id()));
    model.addAttribute("me", team.current().orElseThrow().id());
    model.addAttribute("today", LocalDate.now());
    return "fieldwork/activity-form";
  }

  @PostMapping("/activities")
  String createActivity(
      @ModelAttribute(name = "site", binding = false) Site site,
      @RequestParam(required = false) String kind,
      @RequestParam(required = false) String heldOn,
      @RequestParam(required = false) String title,
      @RequestParam(required = false) List<String> populationGroups,
      @RequestParam(required = false) List<UUID> participantIds,
      @RequestParam(required = false) List<UUID> facilitatorIds,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    try {
      UUID me = team.current().orElseThrow().id().value();
      UUID id =
          activities.create(
              site,
              new NewActivity(
                  kind,
                  date(heldOn, "heldOn"),
                  title,
                  populationGroups,
                  facilitatorIds == null ? List.of(me) : facilitatorIds,
                  participantIds));
      redirect.addFlashAttribute("notice", "fieldwork.saved");
      return "redirect:/manage/sites/" + site.key() + "/fieldwork/activities/" + id;
    } catch (BadRequest e) {
      model.addAttribute("participants", participants.list(site));
      model.addAttribute("members", team.membersOf(site.id()));
      model.addAttribute("me", team.current().orElseThrow().id());
      model.addAttribute("today", LocalDate.now());
      model.addAttribute(
          "form", Map.of("kind", nz(kind), "heldOn", nz(heldOn), "title", nz(title)));
      return invalid(model, response, e, "fieldwork/activity-form");
    }
  }

  @GetMapping("/activities/{id}")
  String activity(
      @ModelAttribute(name = "site", binding = false) Site site,
      @PathVariable UUID id,
      Model model) {
    model.addAttribute("activity", activities.get(site, id));
    model.addAttribute("media", media.list(site, id));
    model.addAttribute(
        "sources", sources.list(site).stream().filter(s -> id.equals(s.activityId())).toList());
    return "fieldwork/activity";
  }

  @PostMapping("/activities/{id}/media")
  String attach(
      @ModelAttribute(name = "site", binding = false) Site site,
      @PathVariable UUID id,
      @RequestParam(required = false) String kind,
      @RequestParam(required = false) MultipartFile file,
      RedirectAttributes redirect)
      throws IOException {
    if (file == null || file.isEmpty()) {
      throw new BadRequest("source.file.empty");
    }
    media.attach(
        site, id, kind, file.getOriginalFilename(), file.getContentType(), file.getBytes());
    redirect.addFlashAttribute("notice", "fieldwork.media.attached");
    return "redirect:/manage/sites/" + site.key() + "/fieldwork/activities/" + id;
  }

  @GetMapping("/media/{id}")
  ResponseEntity<byte[]> download(
      @ModelAttribute(name = "site", binding = false) Site site, @PathVariable UUID id) {
    Media.Download file = media.download(site, id);
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType(file.contentType()))
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment()
                .filename(file.filename(), java.nio.charset.StandardCharsets.UTF_8)
                .build()
                .toString())
        .header(HttpHeaders.CACHE_CONTROL, "no-store")
        .body(file.content());
  }

  // ---- participants ----

  @GetMapping("/participants/new")
  String newParticipant() {
    return "fieldwork/participant-form";
  }

  @PostMapping("/participants")
  String createParticipant(
      @ModelAttribute(name = "site", binding = false) Site site,
      @RequestParam Map<String, String> form,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    try {
      var created =
          participants.register(
              site,
              new NewParticipant(
                  form.get("populationGroup"),
                  form.get("gender"),
                  form.get("ageBand"),
                  form.get("ethnicity"),
                  form.get("neighbourhood"),
                  new Identity(form.get("name"), form.get("alias"), form.get("contact"))));
      redirect.addFlashAttribute("notice", "fieldwork.participant.registered");
      redirect.addFlashAttribute("noticeArg", created.code());
      return "redirect:/manage/sites/" + site.key() + "/fieldwork/participants/" + created.id();
    } catch (BadRequest e) {
      Map<String, String> kept = new java.util.HashMap<>(form);
      // Never echo identity fields back into a page that might be cached or screenshotted.
      kept.keySet().removeAll(List.of("name", "alias", "contact", "_csrf"));
      model.addAttribute("form", kept);
      return invalid(model, response, e, "fieldwork/participant-form");
    }
  }

  @GetMapping("/participants/{id}")
  String participant(
      @ModelAttribute(name = "site", binding = false) Site site,
      @PathVariable UUID id,
      Model model) {
    model.addAttribute("participant", participants.get(site, id));
    model.addAttribute("consents", participants.consents(site, id));
    model.addAttribute("today", LocalDate.now());
    if (vaults.canReadNow(site.id())) {
      model.addAttribute("identity", participants.identity(site, id).orElse(null));
      model.addAttribute("identityShown", true);
    }
    return "fieldwork/participant";
  }

  @PostMapping("/participants/{id}/consents")
  String consent(
      @ModelAttribute(name = "site", binding = false) Site site,
      @PathVariable UUID id,
      @RequestParam Map<String, String> form,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    try {
      participants.recordConsent(
          site,
          id,
          new Consent(
              null,
              date(form.get("givenOn"), "givenOn"),
              form.get("method"),
              form.containsKey("takePart"),
              form.containsKey("beQuoted"),
              form.containsKey("quotedInPublished"),
              form.get("formVersion")));
    } catch (BadRequest e) {
      model.addAttribute("participant", participants.get(site, id));
      model.addAttribute("consents", participants.consents(site, id));
      model.addAttribute("today", LocalDate.now());
      model.addAttribute("consentForm", form);
      return invalid(model, response, e, "fieldwork/participant");
    }
    redirect.addFlashAttribute("notice", "fieldwork.consent.recorded");
    return "redirect:/manage/sites/" + site.key() + "/fieldwork/participants/" + id;
  }

  /**
   * The withdrawal's confirmation page: every mention of the person in what others wrote, with a
   * little context, those to redact selected. Needs the vault open.
   */
  @GetMapping("/participants/{id}/withdraw")
  String reviewWithdrawal(
      @ModelAttribute(name = "site", binding = false) Site site,
      @PathVariable UUID id,
      Model model,
      HttpServletResponse response) {
    team.require(site.id(), SiteRole.COORDINATOR);
    model.addAttribute("participant", participants.get(site, id));
    try {
      model.addAttribute("review", withdrawals.review(site, id));
    } catch (Conflict e) {
      // The vault is locked: say so on the page, with the way to open it.
      model.addAttribute("error", e);
      response.setStatus(409);
    }
    response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
    return "fieldwork/withdraw";
  }

  @PostMapping("/participants/{id}/withdraw")
  String withdraw(
      @ModelAttribute(name = "site", binding = false) Site site,
      @PathVariable UUID id,
      @RequestParam(required = false) String confirm,
      @RequestParam(required = false) String reviewed,
      @RequestParam(name = "redact", required = false) List<String> redact,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    team.require(site.id(), SiteRole.COORDINATOR);
    var p = participants.get(site, id);
    try {
      if (!p.code()
          .equals(confirm == null ? "" : confirm.strip().toUpperCase(java.util.Locale.ROOT))) {
        throw new BadRequest("fieldwork.withdraw.confirm", p.code());
      }
      if (reviewed == null || reviewed.isBlank()) {
        // Only a confirmation given on the list of mentions can withdraw.
        throw new Conflict("fieldwork.withdraw.changed");
      }
      withdrawals.withdraw(
          site, id, redact == null ? java.util.Set.of() : java.util.Set.copyOf(redact), reviewed);
    } catch (BadRequest | Conflict e) {
      model.addAttribute("participant", p);
      if (!"fieldwork.withdraw.vault-locked".equals(e.code())) {
        var review = withdrawals.review(site, id);
        model.addAttribute("review", review);
        // A mistyped code keeps the ticks given on this same list; a changed list starts afresh.
        if (review.fingerprint().equals(reviewed)) {
          model.addAttribute("chosen", redact == null ? List.of() : redact);
        }
      }
      response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
      return invalid(model, response, e, "fieldwork/withdraw");
    }
    redirect.addFlashAttribute("notice", "fieldwork.participant.withdrawn");
    redirect.addFlashAttribute("noticeArg", p.code());
    return "redirect:/manage/sites/" + site.key() + "/fieldwork";
  }

  // ---- sources ----

  @GetMapping("/sources/new")
  String newSource(
      @ModelAttribute(name = "site", binding = false) Site site,
      @RequestParam(required = false) String kind,
      @RequestParam(required = false) UUID activity,
      Model model) {
    model.addAttribute("activities", activities.list(site));
    model.addAttribute(
        "form",
        Map.of(
            "kind",
            kind == null ? "transcript" : kind,
            "activityId",
            activity == null ? "" : activity.toString()));
    return "fieldwork/source-form";
  }

  @PostMapping("/sources")
  String createSource(
      @ModelAttribute(name = "site", binding = false) Site site,
      @RequestParam(required = false) String kind,
      @RequestParam(required = false) String title,
      @RequestParam(required = false) String text,
      @RequestParam(required = false) String activityId,
      @RequestParam(required = false) MultipartFile file,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect)
      throws IOException {
    try {
      String body = text;
      String origin = "typed";
      boolean fileChosen =
          file != null
              && file.getOriginalFilename() != null
              && !file.getOriginalFilename().isBlank();
      if (fileChosen) {
        var extracted = files.extract(file.getOriginalFilename(), file.getBytes());
        body = extracted.text();
        origin = extracted.format();
      }
      UUID activity =
          activityId == null || activityId.isBlank() ? null : UUID.fromString(activityId);
      UUID id = sources.add(site, new NewSource(activity, kind, title, body, origin));
      redirect.addFlashAttribute("notice", "fieldwork.source.added");
      return "redirect:/manage/sites/" + site.key() + "/fieldwork/sources/" + id;
    } catch (BadRequest e) {
      model.addAttribute("activities", activities.list(site));
      model.addAttribute(
          "form",
          Map.of(
              "kind",
              nz(kind),
              "title",
              nz(title),
              "text",
              nz(text),
              "activityId",
              nz(activityId)));
      return invalid(model, response, e, "fieldwork/source-form");
    } catch (IllegalArgumentException e) {
      throw new BadRequest("request.invalid");
    }
  }

  @GetMapping("/sources/{id}")
  String source(
      @ModelAttribute(name = "site", binding = false) Site site,
      @PathVariable UUID id,
      Model model) {
    var summary = sources.get(site, id);
    model.addAttribute("source", summary);
    if (summary.reviewedAt() != null) {
      model.addAttribute(
          "reviewedAt", summary.reviewedAt().atZone(java.time.ZoneId.of("America/Mexico_City")));
    }
    model.addAttribute("clean", sources.deidentified(site, id));
    if (vaults.canReadNow(site.id())) {
      model.addAttribute("raw", sources.raw(site, id));
    }
    return "fieldwork/source";
  }

  private static String invalid(
      Model model, HttpServletResponse response, TejidoException e, String view) {
    return FormFailure.render(model, response, e, view);
  }

  private static LocalDate date(String value, String field) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return LocalDate.parse(value.strip());
    } catch (DateTimeParseException e) {
      throw new BadRequest("validation.failed", Map.of(field, "validation.date.invalid"));
    }
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
