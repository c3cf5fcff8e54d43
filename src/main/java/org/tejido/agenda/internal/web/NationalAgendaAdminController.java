package org.tejido.agenda.internal.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.List;
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
import org.tejido.agenda.LocalOrigin;
import org.tejido.agenda.NationalAgenda;
import org.tejido.agenda.NationalAgendaEditing;
import org.tejido.agenda.NationalAgendas;
import org.tejido.agenda.NationalStatement;
import org.tejido.agenda.ReferenceData;
import org.tejido.shared.BadRequest;
import org.tejido.shared.Conflict;
import org.tejido.shared.NotFound;
import org.tejido.shared.web.FormFailure;

/**
 * The national coordinator's composition of the National Agenda: threads of local issues picked
 * from the sites' published agendas, principles and requirements, in a draft published as a new
 * immutable version. Under {@code /admin}: the platform administrator is the national coordinator.
 */
@Controller
@RequestMapping("/admin/national-agenda")
class NationalAgendaAdminController {

  private static final String BACK = "redirect:/admin/national-agenda";

  private final NationalAgendas national;
  private final NationalAgendaEditing editing;
  private final ReferenceData reference;

  NationalAgendaAdminController(
      NationalAgendas national, NationalAgendaEditing editing, ReferenceData reference) {
    this.national = national;
    this.editing = editing;
    this.reference = reference;
  }

  @GetMapping
  String overview(Model model) {
    NationalAgenda draft = national.draft().orElse(null);
    model.addAttribute("draft", draft);
    model.addAttribute("domains", reference.domains());
    if (draft != null) {
      model.addAttribute("sections", draft.byDomain(reference.domains()));
    }
    model.addAttribute("versions", national.publishedVersions());
    return "agenda/national-admin";
  }

  @PostMapping("/draft")
  String startDraft(RedirectAttributes redirect) {
    editing.startDraft();
    redirect.addFlashAttribute("notice", "national-agenda.draft.started");
    return BACK;
  }

  @PostMapping("/draft/discard")
  String discard(RedirectAttributes redirect) {
    editing.discardDraft();
    redirect.addFlashAttribute("notice", "national-agenda.draft.discarded");
    return BACK;
  }

  @PostMapping("/draft/publish")
  String publish(RedirectAttributes redirect) {
    var version = editing.publish();
    redirect.addFlashAttribute("notice", "national-agenda.draft.published");
    redirect.addFlashAttribute("noticeArg", version.number());
    return BACK;
  }

  @GetMapping("/threads/new")
  String newThread(Model model) {
    requireDraft();
    return threadForm(model, new NationalThreadForm(), null);
  }

  @PostMapping("/threads")
  String createThread(
      @ModelAttribute("form") NationalThreadForm form,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    try {
      editing.addThread(form.toInput());
    } catch (BadRequest e) {
      threadForm(model, form, null);
      return FormFailure.render(model, response, e, "agenda/national-thread-form");
    }
    redirect.addFlashAttribute("notice", "agenda.saved");
    return BACK;
  }

  @GetMapping("/threads/{id}/edit")
  String editThread(@PathVariable UUID id, Model model) {
    var thread =
        requireDraft()
            .thread(id)
            .orElseThrow(() -> new NotFound("national-agenda.thread.not-found"));
    return threadForm(model, NationalThreadForm.of(thread), id);
  }

  @PostMapping("/threads/{id}")
  String updateThread(
      @PathVariable UUID id,
      @ModelAttribute("form") NationalThreadForm form,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    try {
      editing.updateThread(id, form.toInput());
    } catch (BadRequest e) {
      threadForm(model, form, id);
      return FormFailure.render(model, response, e, "agenda/national-thread-form");
    }
    redirect.addFlashAttribute("notice", "agenda.saved");
    return BACK;
  }

  @PostMapping("/threads/{id}/move")
  String moveThread(
      @PathVariable UUID id, @RequestParam String direction, RedirectAttributes redirect) {
    editing.moveThread(id, direction(direction));
    return BACK;
  }

  @PostMapping("/threads/{id}/delete")
  String deleteThread(@PathVariable UUID id, RedirectAttributes redirect) {
    editing.deleteThread(id);
    redirect.addFlashAttribute("notice", "agenda.saved");
    return BACK;
  }

  @GetMapping("/statements/new")
  String newStatement(@RequestParam(required = false) String kind, Model model) {
    NationalAgenda draft = requireDraft();
    NationalStatementForm form = new NationalStatementForm();
    if (kind != null) {
      form.setKind(
          NationalStatement.Kind.parse(kind)
              .orElseThrow(() -> new BadRequest("request.invalid"))
              .code());
    }
    return statementForm(model, draft, form, null);
  }

  @PostMapping("/statements")
  String createStatement(
      @ModelAttribute("form") NationalStatementForm form,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    try {
      editing.addStatement(form.toInput());
    } catch (BadRequest e) {
      statementForm(model, requireDraft(), form, null);
      return FormFailure.render(model, response, e, "agenda/national-statement-form");
    }
    redirect.addFlashAttribute("notice", "agenda.saved");
    return BACK;
  }

  @GetMapping("/statements/{id}/edit")
  String editStatement(@PathVariable UUID id, Model model) {
    NationalAgenda draft = requireDraft();
    var statement =
        draft.statement(id).orElseThrow(() -> new NotFound("national-agenda.statement.not-found"));
    return statementForm(model, draft, NationalStatementForm.of(statement), id);
  }

  @PostMapping("/statements/{id}")
  String updateStatement(
      @PathVariable UUID id,
      @ModelAttribute("form") NationalStatementForm form,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    try {
      editing.updateStatement(id, form.toInput());
    } catch (BadRequest e) {
      statementForm(model, requireDraft(), form, id);
      return FormFailure.render(model, response, e, "agenda/national-statement-form");
    }
    redirect.addFlashAttribute("notice", "agenda.saved");
    return BACK;
  }

  @PostMapping("/statements/{id}/delete")
  String deleteStatement(@PathVariable UUID id, RedirectAttributes redirect) {
    editing.deleteStatement(id);
    redirect.addFlashAttribute("notice", "agenda.saved");
    return BACK;
  }

  private String threadForm(Model model, NationalThreadForm form, UUID id) {
    Map<String, List<LocalOrigin>> bySite = new LinkedHashMap<>();
    for (LocalOrigin o : national.candidates()) {
      bySite
          .computeIfAbsent(
              o.municipality() + " · v" + o.version(), k -> new java.util.ArrayList<>())
          .add(o);
    }
    model.addAttribute("candidates", bySite);
    model.addAttribute("domains", reference.domains());
    model.addAttribute("form", form);
    model.addAttribute("threadId", id);
    return "agenda/national-thread-form";
  }

  private String statementForm(
      Model model, NationalAgenda draft, NationalStatementForm form, UUID id) {
    model.addAttribute("threads", draft.threads());
    model.addAttribute("form", form);
    model.addAttribute("statementId", id);
    return "agenda/national-statement-form";
  }

  private NationalAgenda requireDraft() {
    return national.draft().orElseThrow(() -> new Conflict("national-agenda.draft.none"));
  }

  private static int direction(String direction) {
    return switch (direction) {
      case "up" -> -1;
      case "down" -> 1;
      default -> throw new BadRequest("request.invalid");
    };
  }
}
