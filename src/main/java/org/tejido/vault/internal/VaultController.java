package org.tejido.vault.internal;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
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
import org.tejido.shared.Conflict;
import org.tejido.shared.web.FormFailure;
import org.tejido.sites.Site;
import org.tejido.sites.Sites;
import org.tejido.vault.KeyCeremony;
import org.tejido.vault.Vaults;

/**
 * Creating, unlocking and locking a site's vault; passphrases, the recovery key and the key pair.
 *
 * <p>Creating the vault, replacing its recovery key and replacing its key pair are ceremonies: the
 * new recovery key is shown (once per ceremony, never cached), then two of its groups are asked
 * back, and only a right answer changes anything. The key material waits in the server's memory
 * ({@link PendingCeremonies}); the session holds only the ceremony's id.
 */
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
    model.addAttribute("holders", vaults.keyHolders(site));
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
      HttpServletResponse response,
      HttpSession session) {
    team.require(site.id(), SiteRole.COORDINATOR);
    if (passphrase == null || !passphrase.equals(confirmation)) {
      return failed(model, response, new BadRequest("vault.passphrase.mismatch"));
    }
    try {
      return started(site, vaults.beginCreation(site, passphrase), session);
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
    String back = safeReturn(site, then);
    try {
      vaults.unlock(site, passphrase);
    } catch (BadRequest e) {
      if (then == null || back.equals(vaultPage(site))) {
        return failed(model, response, e);
      }
      // Opened from another page (its inline unlock): the person goes back there and reads why,
      // beside the field, instead of landing on the vault's page. Only the message travels.
      redirect.addFlashAttribute("unlockError", e.messageKey());
      redirect.addFlashAttribute(
          "unlockErrorArgs", java.util.Arrays.stream(e.args()).map(String::valueOf).toList());
      return "redirect:" + back;
    }
    redirect.addFlashAttribute("notice", "vault.unlocked");
    return "redirect:" + back;
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
      @ModelAttribute(name = "site", binding = false) Site site, HttpSession session) {
    team.require(site.id(), SiteRole.COORDINATOR);
    return started(site, vaults.beginRecoveryKeyReplacement(site), session);
  }

  @PostMapping("/key-pair")
  String newKeyPair(
      @ModelAttribute(name = "site", binding = false) Site site,
      @RequestParam(required = false) String passphrase,
      Model model,
      HttpServletResponse response,
      HttpSession session) {
    team.require(site.id(), SiteRole.COORDINATOR);
    try {
      return started(site, vaults.beginKeyPairReplacement(site, passphrase), session);
    } catch (BadRequest e) {
      return failed(model, response, e);
    }
  }

  /** The new recovery key, as text and as a page to print (print style sheet). */
  @GetMapping("/recovery-key")
  String showRecoveryKey(
      @ModelAttribute(name = "site", binding = false) Site site,
      Model model,
      HttpServletResponse response,
      HttpSession session,
      RedirectAttributes redirect) {
    Optional<KeyCeremony> ceremony = ceremony(site, session);
    if (ceremony.isEmpty()) {
      redirect.addFlashAttribute("notice", "vault.ceremony.expired");
      return "redirect:/manage/sites/" + site.key() + "/vault";
    }
    noStore(response);
    model.addAttribute("ceremony", ceremony.get());
    return "vault/recovery";
  }

  /** Asks two groups of the new key back, by position; the key itself is not on this page. */
  @GetMapping("/recovery-key/confirm")
  String askRecoveryKey(
      @ModelAttribute(name = "site", binding = false) Site site,
      Model model,
      HttpServletResponse response,
      HttpSession session,
      RedirectAttributes redirect) {
    Optional<KeyCeremony> ceremony = ceremony(site, session);
    if (ceremony.isEmpty()) {
      redirect.addFlashAttribute("notice", "vault.ceremony.expired");
      return "redirect:/manage/sites/" + site.key() + "/vault";
    }
    noStore(response);
    model.addAttribute("asked", ceremony.get().asked());
    return "vault/confirm";
  }

  @PostMapping("/recovery-key/confirm")
  String confirmRecoveryKey(
      @ModelAttribute(name = "site", binding = false) Site site,
      @RequestParam(required = false) String first,
      @RequestParam(required = false) String second,
      Model model,
      HttpServletResponse response,
      HttpSession session,
      RedirectAttributes redirect) {
    team.require(site.id(), SiteRole.COORDINATOR);
    String id = (String) session.getAttribute(sessionKey(site));
    Optional<KeyCeremony> ceremony = vaults.ceremony(site, id);
    if (ceremony.isEmpty()) {
      session.removeAttribute(sessionKey(site));
      redirect.addFlashAttribute("notice", "vault.ceremony.expired");
      return "redirect:/manage/sites/" + site.key() + "/vault";
    }
    Map<Integer, String> typed = new HashMap<>();
    typed.put(ceremony.get().asked().get(0), first);
    typed.put(ceremony.get().asked().get(1), second);
    KeyCeremony.Kind done;
    try {
      done = vaults.confirmCeremony(site, id, typed);
    } catch (BadRequest e) {
      noStore(response);
      model.addAttribute("asked", ceremony.get().asked());
      return FormFailure.render(model, response, e, "vault/confirm");
    } catch (Conflict e) {
      session.removeAttribute(sessionKey(site));
      throw e;
    }
    session.removeAttribute(sessionKey(site));
    redirect.addFlashAttribute(
        "notice",
        switch (done) {
          case CREATE -> "vault.created";
          case RECOVERY_KEY -> "vault.recovery-key.replaced";
          case KEY_PAIR -> "vault.key-pair.replaced";
        });
    return "redirect:/manage/sites/" + site.key() + "/vault";
  }

  @PostMapping("/recovery-key/cancel")
  String cancelRecoveryKey(
      @ModelAttribute(name = "site", binding = false) Site site,
      HttpSession session,
      RedirectAttributes redirect) {
    team.require(site.id(), SiteRole.COORDINATOR);
    vaults.cancelCeremony(site, (String) session.getAttribute(sessionKey(site)));
    session.removeAttribute(sessionKey(site));
    redirect.addFlashAttribute("notice", "vault.ceremony.cancelled");
    return "redirect:/manage/sites/" + site.key() + "/vault";
  }

  private String started(Site site, KeyCeremony ceremony, HttpSession session) {
    session.setAttribute(sessionKey(site), ceremony.id());
    return "redirect:/manage/sites/" + site.key() + "/vault/recovery-key";
  }

  private Optional<KeyCeremony> ceremony(Site site, HttpSession session) {
    team.require(site.id(), SiteRole.COORDINATOR);
    return vaults.ceremony(site, (String) session.getAttribute(sessionKey(site)));
  }

  private static String sessionKey(Site site) {
    return "vault.ceremony." + site.key();
  }

  private static void noStore(HttpServletResponse response) {
    // Shown during the ceremony only: never cached, never stored in clear.
    response.setHeader("Cache-Control", "no-store");
  }

  private String failed(Model model, HttpServletResponse response, BadRequest e) {
    return FormFailure.render(model, response, e, "vault/vault");
  }

  private static String vaultPage(Site site) {
    return "/manage/sites/" + site.key() + "/vault";
  }

  /**
   * Only returns to a page of the same site's team area, named by its path (and query): anything
   * else, or anything doubtful, returns to the vault's page.
   */
  static String safeReturn(Site site, String then) {
    String base = "/manage/sites/" + site.key() + "/";
    // No dot segments, plain or encoded: "/manage/sites/a/../../admin" would leave the site's area.
    // No encoded slashes or backslashes, no control characters or spaces (a header split, or a
    // path that a proxy reads differently), no fragment.
    if (then != null
        && then.startsWith(base)
        && !then.contains("//")
        && !then.contains("\\")
        && !then.contains("..")
        && !then.contains("#")
        && then.chars().allMatch(c -> c > 0x20 && c < 0x7f)
        && !containsAny(then.toLowerCase(java.util.Locale.ROOT), "%2e", "%2f", "%5c", "%00")) {
      return then;
    }
    return vaultPage(site);
  }

  private static boolean containsAny(String text, String... parts) {
    for (String part : parts) {
      if (text.contains(part)) {
        return true;
      }
    }
    return false;
  }
}
