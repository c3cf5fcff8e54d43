package org.tejido.identity.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.tejido.identity.SecondFactors;
import org.tejido.identity.StaffMember;
import org.tejido.identity.StaffSignIn;
import org.tejido.shared.BadRequest;
import org.tejido.shared.Forbidden;

/**
 * The second step of an administrator's or coordinator's sign-in: enrolling an authenticator the
 * first time (secret as text and QR code, a code to confirm, then the recovery codes, shown once),
 * and afterwards typing a code from it or a recovery code. Wrong codes are throttled like
 * passwords.
 */
@Controller
class SecondFactorController {

  private final SecondFactors secondFactors;
  private final StaffSession sessions;
  private final LoginThrottle throttle;
  private final ApplicationEventPublisher events;

  SecondFactorController(
      SecondFactors secondFactors,
      StaffSession sessions,
      LoginThrottle throttle,
      ApplicationEventPublisher events) {
    this.secondFactors = secondFactors;
    this.sessions = sessions;
    this.throttle = throttle;
    this.events = events;
  }

  @GetMapping(LiveSessionFilter.SECOND_FACTOR_PATH)
  String show(HttpServletRequest request, HttpServletResponse response, Model model) {
    StaffMember me = signedIn();
    response.setHeader("Cache-Control", "no-store");
    if (done(request, me)) {
      return "redirect:/manage";
    }
    if (!secondFactors.enrolled(me.id())) {
      return enrolPage(me, model);
    }
    return "identity/second-factor";
  }

  @PostMapping(LiveSessionFilter.SECOND_FACTOR_PATH + "/enrol")
  String enrol(
      @RequestParam(required = false) String code,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model) {
    StaffMember me = signedIn();
    // The secret and the recovery codes must stay in no browser cache.
    response.setHeader("Cache-Control", "no-store");
    if (done(request, me)) {
      return "redirect:/manage";
    }
    List<String> recoveryCodes;
    try {
      reserve(me);
      recoveryCodes = secondFactors.confirm(me.id(), code);
    } catch (BadRequest e) {
      // No recovery code exists yet: the message speaks only of the app's code.
      model.addAttribute(
          "error",
          "second-factor.code-wrong".equals(e.code())
              ? new BadRequest("second-factor.enrol.code-wrong")
              : e);
      response.setStatus(422);
      return enrolPage(me, model);
    }
    passed(request, me, "enrolment");
    model.addAttribute("recoveryCodes", recoveryCodes);
    return "identity/second-factor-codes";
  }

  @PostMapping(LiveSessionFilter.SECOND_FACTOR_PATH)
  String verify(
      @RequestParam(required = false) String code,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model) {
    StaffMember me = signedIn();
    if (done(request, me)) {
      return "redirect:/manage";
    }
    try {
      reserve(me);
      if (!secondFactors.verify(me.id(), code)) {
        events.publishEvent(new StaffSignIn.SecondFactorRefused(me.id()));
        throw new BadRequest("second-factor.code-wrong");
      }
    } catch (BadRequest e) {
      model.addAttribute("error", e);
      response.setStatus(422);
      return "identity/second-factor";
    }
    passed(request, me, "second-factor");
    return "redirect:/manage";
  }

  private String enrolPage(StaffMember me, Model model) {
    SecondFactors.Enrolment enrolment = secondFactors.pendingEnrolment(me.id(), me.username());
    model.addAttribute("secret", grouped(enrolment.secretText()));
    model.addAttribute("qrCode", QrCodes.svgDataUri(enrolment.uri()));
    return "identity/second-factor-enrol";
  }

  private void reserve(StaffMember me) {
    Duration wait = throttle.reserveSecondFactor(me.id());
    if (!wait.isZero()) {
      throw new BadRequest("second-factor.wait", Math.max(1, wait.toSeconds()));
    }
  }

  private void passed(HttpServletRequest request, StaffMember me, String by) {
    throttle.secondFactorSucceeded(me.id());
    events.publishEvent(new StaffSignIn.SignedIn(me.id(), by));
    sessions.secondFactorDone(request.getSession());
    request.changeSessionId();
  }

  private boolean done(HttpServletRequest request, StaffMember me) {
    return !secondFactors.required(me.id())
        || Boolean.TRUE.equals(request.getSession().getAttribute(StaffSession.SECOND_FACTOR_DONE));
  }

  /** The person whose password was accepted, whether or not their second factor is done. */
  private static StaffMember signedIn() {
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    if (auth != null && auth.getPrincipal() instanceof PendingSecondFactor pending) {
      return pending.member();
    }
    if (auth != null && auth.getPrincipal() instanceof StaffPrincipal principal) {
      return principal.member();
    }
    throw new Forbidden("access.denied");
  }

  /** "abcd efgh ijkl …": easier to type into an authenticator by hand. */
  private static String grouped(String secret) {
    return secret.replaceAll("(.{4})(?!$)", "$1 ");
  }
}
