package org.tejido.vault.internal;

import jakarta.servlet.http.HttpServletResponse;
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
import org.tejido.shared.BadRequest;
import org.tejido.shared.web.FormFailure;
import org.tejido.sites.Site;
import org.tejido.sites.Sites;
import org.tejido.vault.Vaults;

/** Creating, unlocking and locking a site's vault; passphrases and the recovery key. */
@Controller
@RequestMapping("/manage/sites/{key}/vault")
class VaultController {

  private final Sites sites;
  private final Vaults vaults;
  private final Team team;

  VaultController(Sites sites, Vaults vaults, Team team) {
    this.sites = sites;
    this.vaults = vaults;
    this.team = team;
  }

  @ModelAttribute
  void common(@PathVariable String key, Model model) {
    Site site = sites.byKey(key);
    team.require(site.id());
    model.addAttribute("site", site);
    model.addAttribute("vault", vaults.status(site));
    model.addAttribute(
        "isCoordinator",
        team.currentRoleAt(site.id()).map(r -> r == SiteRole.COORDINATOR).orElse(false));
  }

  @GetMapping
  String page() {
    return "vault/vault";
  }

  @PostMapping
  String create(
      @ModelAttribute(name = "site", binding = false) Site site,
      @RequestParam(required = false) String passphrase,
      @RequestParam(required = false) String confirmation,
      Model model,
      HttpServletResponse response) {
    team.require(site.id(), SiteRole.COORDINATOR);
    if (passphrase == null || !passphrase.equals(confirmation)) {
      return failed(model, response, new BadRequest("vault.passphrase.mismatch"));
    }
    try {
      String recovery = vaults.create(site, passphrase);
      vaults.unlock(site, passphrase);
      return recoveryPage(site, recovery, model, response);
    } catch (BadRequest e) {
      return failed(model, response, e);
    }
  }

  @PostMapping("/unlock")
  String unlock(
      @ModelAttribute(name = "site", binding = false) Site site,
      @RequestParam(required = false) String passphrase,
      @RequestParam(required = false) String then,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    team.require(site.id(), SiteRole.COORDINATOR);
    try {
      vaults.unlock(site, passphrase);
    } catch (BadRequest e) {
      return failed(model, response, e);
    }
    redirect.addFlashAttribute("notice", "vault.unlocked");
    return "redirect:" + safeReturn(site, then);
  }

  @PostMapping("/unlock-recovery")
  String unlockWithRecoveryKey(
      @ModelAttribute(name = "site", binding = false) Site site,
      @RequestParam(required = false) String recoveryKey,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    team.require(site.id(), SiteRole.COORDINATOR);
    try {
      vaults.unlockWithRecoveryKey(site, recoveryKey);
    } catch (BadRequest e) {
      return failed(model, response, e);
    }
    redirect.addFlashAttribute("notice", "vault.unlocked-recovery");
    return "redirect:/manage/sites/" + site.key() + "/vault";
  }

  @PostMapping("/lock")
  String lock(
      @ModelAttribute(name = "site", binding = false) Site site, RedirectAttributes redirect) {
    vaults.lock(site);
    redirect.addFlashAttribute("notice", "vault.locked-now");
    return "redirect:/manage/sites/" + site.key() + "/vault";
  }

  @PostMapping("/passphrase")
  String passphrase(
      @ModelAttribute(name = "site", binding = false) Site site,
      @RequestParam(required = false) String passphrase,
      @RequestParam(required = false) String confirmation,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    team.require(site.id(), SiteRole.COORDINATOR);
    try {
      if (passphrase == null || !passphrase.equals(confirmation)) {
        throw new BadRequest("vault.passphrase.mismatch");
      }
      vaults.setMyPassphrase(site, passphrase);
    } catch (BadRequest e) {
      return failed(model, response, e);
    }
    redirect.addFlashAttribute("notice", "vault.passphrase.saved");
    return "redirect:/manage/sites/" + site.key() + "/vault";
  }

  @PostMapping("/recovery-key")
  String newRecoveryKey(
      @ModelAttribute(name = "site", binding = false) Site site,
      Model model,
      HttpServletResponse response) {
    team.require(site.id(), SiteRole.COORDINATOR);
    return recoveryPage(site, vaults.replaceRecoveryKey(site), model, response);
  }

  private String recoveryPage(
      Site site, String recovery, Model model, HttpServletResponse response) {
    // Shown once: never cached, never stored in clear.
    response.setHeader("Cache-Control", "no-store");
    model.addAttribute("recoveryKey", recovery);
    model.addAttribute("vault", vaults.status(site));
    return "vault/recovery";
  }

  private String failed(Model model, HttpServletResponse response, BadRequest e) {
    return FormFailure.render(model, response, e, "vault/vault");
  }

  /** Only returns to a page of the same site's team area. */
  static String safeReturn(Site site, String then) {
    String base = "/manage/sites/" + site.key() + "/";
    if (then != null && then.startsWith(base) && !then.contains("//") && !then.contains("\\")) {
      return then;
    }
    return base + "vault";
  }
}
