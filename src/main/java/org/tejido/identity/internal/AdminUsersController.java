package org.tejido.identity.internal;

import jakarta.servlet.http.HttpServletResponse;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.tejido.identity.SecondFactors;
import org.tejido.identity.SiteRole;
import org.tejido.identity.Team;
import org.tejido.identity.UserAccounts;
import org.tejido.identity.UserId;
import org.tejido.shared.BadRequest;
import org.tejido.shared.TejidoException;
import org.tejido.sites.Sites;

/** The administrator's pages: staff accounts and their roles at each site. */
@Controller
@RequestMapping("/admin/users")
class AdminUsersController {

  private final UserAccounts accounts;
  private final Team team;
  private final Sites sites;
  private final SecondFactors secondFactors;

  AdminUsersController(UserAccounts accounts, Team team, Sites sites, SecondFactors secondFactors) {
    this.accounts = accounts;
    this.team = team;
    this.sites = sites;
    this.secondFactors = secondFactors;
  }

  @GetMapping
  String list(Model model) {
    model.addAttribute("accounts", accounts.all());
    model.addAttribute("memberships", team.allMemberships());
    return "identity/admin-users";
  }

  @GetMapping("/new")
  String newForm() {
    return "identity/admin-user-new";
  }

  @PostMapping
  String create(
      @RequestParam(required = false) String username,
      @RequestParam(required = false) String displayName,
      @RequestParam(required = false) String password,
      Model model,
      HttpServletResponse response) {
    try {
      UserId id = accounts.create(username, displayName, password, false);
      return "redirect:/admin/users/" + id;
    } catch (TejidoException e) {
      model.addAttribute("username", username);
      model.addAttribute("displayName", displayName);
      model.addAttribute("error", e);
      response.setStatus(422);
      return "identity/admin-user-new";
    }
  }

  @GetMapping("/{id}")
  String show(@PathVariable UUID id, Model model) {
    return page(new UserId(id), model);
  }

  private String page(UserId user, Model model) {
    model.addAttribute("account", accounts.find(user));
    model.addAttribute("passwordChangeRequired", accounts.passwordChangeRequired(user));
    model.addAttribute("memberships", team.membershipsOf(user));
    model.addAttribute("secondFactorEnrolled", secondFactors.enrolled(user));
    model.addAttribute("sites", sites.all());
    model.addAttribute("roles", SiteRole.values());
    return "identity/admin-user";
  }

  @PostMapping("/{id}/memberships")
  String assign(
      @PathVariable UUID id,
      @RequestParam(required = false) String site,
      @RequestParam(required = false) String role,
      RedirectAttributes redirect) {
    UserId user = new UserId(id);
    accounts.find(user);
    SiteRole parsed;
    try {
      parsed = SiteRole.fromCode(role == null ? "" : role);
    } catch (IllegalArgumentException e) {
      throw new BadRequest("role.invalid");
    }
    accounts.assign(user, sites.byKey(site == null ? "" : site).id(), parsed);
    redirect.addFlashAttribute("saved", true);
    return "redirect:/admin/users/" + id;
  }

  @PostMapping("/{id}/memberships/{site}/delete")
  String revoke(@PathVariable UUID id, @PathVariable String site, RedirectAttributes redirect) {
    UserId user = new UserId(id);
    accounts.find(user);
    accounts.revoke(user, sites.byKey(site).id());
    redirect.addFlashAttribute("saved", true);
    return "redirect:/admin/users/" + id;
  }

  /** For a lost phone: the person enrols again at their next sign-in (audited). */
  @PostMapping("/{id}/second-factor/reset")
  String resetSecondFactor(@PathVariable UUID id, RedirectAttributes redirect) {
    UserId user = new UserId(id);
    accounts.find(user);
    secondFactors.reset(user);
    redirect.addFlashAttribute("saved", true);
    return "redirect:/admin/users/" + id;
  }

  /**
   * A forgotten or shared password: the account gets a temporary one (typed by the administrator,
   * or generated), shown here once and never stored in the clear; the person's sessions end, and
   * they must choose their own password at their next sign-in (audited).
   */
  @PostMapping("/{id}/password/reset")
  String resetPassword(
      @PathVariable UUID id,
      @RequestParam(required = false) String password,
      Model model,
      HttpServletResponse response) {
    UserId user = new UserId(id);
    accounts.find(user);
    // The temporary password must stay in no cache, and in no session (no flash attribute).
    response.setHeader("Cache-Control", "no-store");
    try {
      String temporary = accounts.resetPassword(user, password);
      model.addAttribute("account", accounts.find(user));
      model.addAttribute("temporary", temporary);
      return "identity/admin-user-password";
    } catch (BadRequest e) {
      model.addAttribute("resetError", e);
      response.setStatus(422);
      return page(user, model);
    }
  }

  @PostMapping("/{id}/enabled")
  String enable(@PathVariable UUID id, @RequestParam boolean enabled, RedirectAttributes redirect) {
    UserId user = new UserId(id);
    if (!enabled && team.current().map(m -> m.id().equals(user)).orElse(false)) {
      throw new BadRequest("user.cannot-disable-self");
    }
    accounts.setEnabled(user, enabled);
    redirect.addFlashAttribute("saved", true);
    return "redirect:/admin/users/" + id;
  }
}
