package org.tejido.safety.internal.web;

import jakarta.servlet.http.HttpServletResponse;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.tejido.identity.StaffMember;
import org.tejido.identity.Team;
import org.tejido.safety.LastKnownLocation;
import org.tejido.safety.SafeFieldwork;
import org.tejido.shared.BadRequest;
import org.tejido.shared.web.FormFailure;
import org.tejido.sites.Site;
import org.tejido.sites.Sites;

/**
 * The member's phone page: the site's protocol, check-in, extension, check-out (with the duress
 * PIN, which changes nothing she sees) and the panic control. Every team member of the site.
 */
@Controller
@RequestMapping("/manage/sites/{key}/safety")
class FieldSafetyController {

  private final Sites sites;
  private final Team team;
  private final SafeFieldwork safety;

  FieldSafetyController(Sites sites, Team team, SafeFieldwork safety) {
    this.sites = sites;
    this.team = team;
    this.safety = safety;
  }

  /**
   * The one page that may ask the phone where it is (for a panic alert she chose to send with her
   * location); every other page keeps {@code geolocation=()}. Spring Security does not overwrite a
   * Permissions-Policy the response already has.
   */
  static final String PERMISSIONS_POLICY = "geolocation=(self), camera=(), microphone=()";

  @GetMapping
  String page(@PathVariable String key, Model model, HttpServletResponse response) {
    response.setHeader("Permissions-Policy", PERMISSIONS_POLICY);
    Site site = sites.byKey(key);
    StaffMember me = team.require(site.id());
    model.addAttribute("site", site);
    model.addAttribute("protocol", safety.protocol(site));
    model.addAttribute("trip", safety.openTripOf(site, me).orElse(null));
    model.addAttribute("hasPin", safety.hasDuressPin(me));
    model.addAttribute("pinRequired", safety.checkOutAsksForPin(me));
    model.addAttribute("zone", safety.zone());
    model.addAttribute(
        "coordinator",
        team.currentRoleAt(site.id()).map(r -> r.code().equals("coordinator")).orElse(false));
    return "safety/field";
  }

  @PostMapping("/check-in")
  String checkIn(
      @PathVariable String key,
      @RequestParam(defaultValue = "") String where,
      @RequestParam(defaultValue = "") String withWhom,
      @RequestParam(defaultValue = "") String returnAt,
      RedirectAttributes redirect,
      Model model,
      HttpServletResponse response) {
    Site site = sites.byKey(key);
    StaffMember me = team.require(site.id());
    try {
      if (where.isBlank() || where.length() > 500 || withWhom.length() > 500) {
        throw new BadRequest("safety.where.required");
      }
      safety.checkIn(site, me, where.strip(), withWhom.strip(), safety.nextAt(time(returnAt)));
    } catch (BadRequest e) {
      return again(
          key,
          model,
          response,
          e,
          Map.of("where", where, "withWhom", withWhom, "returnAt", returnAt));
    }
    redirect.addFlashAttribute("notice", "safety.checked-in");
    return back(site);
  }

  @PostMapping("/extend")
  String extend(
      @PathVariable String key,
      @RequestParam(defaultValue = "") String returnAt,
      RedirectAttributes redirect,
      Model model,
      HttpServletResponse response) {
    Site site = sites.byKey(key);
    StaffMember me = team.require(site.id());
    try {
      safety.extend(site, me, safety.nextAt(time(returnAt)));
    } catch (BadRequest e) {
      return again(key, model, response, e, Map.of("returnAt", returnAt));
    }
    redirect.addFlashAttribute("notice", "safety.extended");
    return back(site);
  }

  /** The page again, with what she typed and what to fix: nothing stored, nothing lost (422). */
  private String again(
      String key,
      Model model,
      HttpServletResponse response,
      BadRequest e,
      Map<String, String> typed) {
    page(key, model, response);
    model.addAttribute("typed", typed);
    return FormFailure.render(model, response, e, "safety/field");
  }

  /** The same redirect and the same notice with or without the duress PIN. */
  @PostMapping("/check-out")
  String checkOut(
      @PathVariable String key,
      @RequestParam(required = false) String pin,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    Site site = sites.byKey(key);
    StaffMember me = team.require(site.id());
    try {
      safety.checkOut(site, me, pin);
    } catch (BadRequest e) {
      // A PIN that is neither of hers: still in the field, asked again (the PIN is not kept).
      return again(key, model, response, e, Map.of());
    }
    redirect.addFlashAttribute("notice", "safety.checked-out");
    return back(site);
  }

  @PostMapping("/panic")
  String panic(
      @PathVariable String key,
      @RequestParam(required = false) String lat,
      @RequestParam(required = false) String lon,
      @RequestParam(required = false) String accuracy,
      RedirectAttributes redirect) {
    Site site = sites.byKey(key);
    StaffMember me = team.require(site.id());
    // Never refused for its location: a missing or malformed one only means "no location".
    safety.panic(site, me, LastKnownLocation.fromForm(lat, lon, accuracy));
    redirect.addFlashAttribute("notice", "safety.panic.sent");
    return back(site);
  }

  @PostMapping("/duress-pin")
  String pins(
      @PathVariable String key,
      @RequestParam(defaultValue = "") String checkoutPin,
      @RequestParam(defaultValue = "") String pin,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    Site site = sites.byKey(key);
    StaffMember me = team.require(site.id());
    try {
      safety.setPins(site, me, checkoutPin, pin);
    } catch (BadRequest e) {
      return again(key, model, response, e, Map.of("pins", "open"));
    }
    redirect.addFlashAttribute("notice", "safety.pin.saved");
    return back(site);
  }

  private static LocalTime time(String value) {
    try {
      return LocalTime.parse(value.strip());
    } catch (DateTimeParseException e) {
      throw new BadRequest("safety.return.invalid");
    }
  }

  private static String back(Site site) {
    return "redirect:/manage/sites/" + site.key() + "/safety";
  }
}
