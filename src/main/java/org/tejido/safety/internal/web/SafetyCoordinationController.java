package org.tejido.safety.internal.web;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.tejido.identity.SiteRole;
import org.tejido.identity.StaffMember;
import org.tejido.identity.Team;
import org.tejido.identity.UserId;
import org.tejido.safety.SafeFieldwork;
import org.tejido.safety.internal.SafetyStore.ChainLevel;
import org.tejido.safety.internal.SafetyStore.Protocol;
import org.tejido.shared.BadRequest;
import org.tejido.shared.NotFound;
import org.tejido.sites.Site;
import org.tejido.sites.Sites;

/** Coordinators: the protocol and chain editor, and the safety dashboard with its alerts. */
@Controller
@RequestMapping("/manage/sites/{key}/safety")
class SafetyCoordinationController {

  static final int LEVELS = 3;

  private final Sites sites;
  private final Team team;
  private final SafeFieldwork safety;

  SafetyCoordinationController(Sites sites, Team team, SafeFieldwork safety) {
    this.sites = sites;
    this.team = team;
    this.safety = safety;
  }

  @GetMapping("/protocol")
  String protocol(@PathVariable String key, Model model) {
    Site site = sites.byKey(key);
    team.require(site.id(), SiteRole.COORDINATOR);
    List<ChainLevel> chain = new ArrayList<>(safety.chain(site));
    while (chain.size() < LEVELS) {
      chain.add(new ChainLevel(chain.size() + 1, null, "", "", chain.isEmpty() ? 0 : 30));
    }
    model.addAttribute("site", site);
    model.addAttribute("protocol", safety.protocolForEditing(site));
    model.addAttribute("chain", chain);
    model.addAttribute("members", team.membersOf(site.id()));
    return "safety/protocol";
  }

  @PostMapping("/protocol")
  String saveProtocol(
      @PathVariable String key,
      @RequestParam(defaultValue = "") String textEs,
      @RequestParam(defaultValue = "") String textEn,
      @RequestParam(defaultValue = "") String noGo,
      @RequestParam(defaultValue = "") String safeWords,
      @RequestParam(name = "member", required = false) List<String> members,
      @RequestParam(name = "contact", required = false) List<String> contacts,
      @RequestParam(name = "delay", required = false) List<String> delays,
      RedirectAttributes redirect) {
    Site site = sites.byKey(key);
    team.require(site.id(), SiteRole.COORDINATOR);
    if (textEs.length() > 20000
        || textEn.length() > 20000
        || noGo.length() > 5000
        || safeWords.length() > 2000) {
      throw new BadRequest("safety.protocol.too-long");
    }
    List<UserId> staff = team.membersOf(site.id()).stream().map(Team.Member::id).toList();
    List<ChainLevel> chain = new ArrayList<>();
    int n = members == null ? 0 : members.size();
    for (int i = 0; i < n; i++) {
      String member = members.get(i);
      if (member == null || member.isBlank()) {
        continue;
      }
      UserId user;
      try {
        user = new UserId(UUID.fromString(member));
      } catch (IllegalArgumentException e) {
        throw new BadRequest("safety.chain.invalid");
      }
      String contact = contacts != null && i < contacts.size() ? contacts.get(i).strip() : "";
      if (!staff.contains(user) || !contact.matches("[^@\\s]{1,64}@[^@\\s]{1,190}")) {
        throw new BadRequest("safety.chain.invalid");
      }
      int delay;
      try {
        delay =
            Integer.parseInt(delays == null || i >= delays.size() ? "0" : delays.get(i).strip());
      } catch (NumberFormatException e) {
        throw new BadRequest("safety.chain.invalid");
      }
      if (delay < 0 || delay > 1440) {
        throw new BadRequest("safety.chain.invalid");
      }
      chain.add(new ChainLevel(chain.size() + 1, user.value(), "", contact, delay));
    }
    safety.saveProtocol(site, new Protocol(textEs, textEn, noGo, safeWords), chain);
    redirect.addFlashAttribute("notice", "safety.protocol.saved");
    return "redirect:/manage/sites/" + site.key() + "/safety/protocol";
  }

  @GetMapping("/dashboard")
  String dashboard(@PathVariable String key, Model model) {
    Site site = sites.byKey(key);
    team.require(site.id(), SiteRole.COORDINATOR);
    model.addAttribute("site", site);
    model.addAttribute("board", safety.dashboard(site));
    model.addAttribute("zone", safety.zone());
    return "safety/dashboard";
  }

  @PostMapping("/alerts/{alert}/acknowledge")
  String acknowledge(
      @PathVariable String key, @PathVariable String alert, RedirectAttributes redirect) {
    Site site = sites.byKey(key);
    StaffMember me = team.require(site.id(), SiteRole.COORDINATOR);
    safety.acknowledge(site, me, id(alert));
    redirect.addFlashAttribute("notice", "safety.alert.acknowledged-notice");
    return "redirect:/manage/sites/" + site.key() + "/safety/dashboard";
  }

  @PostMapping("/alerts/{alert}/resolve")
  String resolve(
      @PathVariable String key,
      @PathVariable String alert,
      @RequestParam(defaultValue = "") String note,
      RedirectAttributes redirect) {
    Site site = sites.byKey(key);
    StaffMember me = team.require(site.id(), SiteRole.COORDINATOR);
    safety.resolve(site, me, id(alert), note);
    redirect.addFlashAttribute("notice", "safety.alert.resolved-notice");
    return "redirect:/manage/sites/" + site.key() + "/safety/dashboard";
  }

  private static UUID id(String value) {
    try {
      return UUID.fromString(value);
    } catch (IllegalArgumentException e) {
      throw new NotFound("safety.alert.not-found");
    }
  }
}
