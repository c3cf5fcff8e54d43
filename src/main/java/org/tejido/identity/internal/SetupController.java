package org.tejido.identity.internal;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.tejido.identity.UserAccounts;
import org.tejido.shared.NotFound;
import org.tejido.shared.TejidoException;

/** Creates the first administrator with the one-time token written to the setup-link file. */
@Controller
class SetupController {

  private final SetupToken token;
  private final UserAccounts accounts;

  SetupController(SetupToken token, UserAccounts accounts) {
    this.token = token;
    this.accounts = accounts;
  }

  @GetMapping("/setup")
  String form(@RequestParam(required = false) String token, Model model) {
    requireValid(token);
    model.addAttribute("token", token);
    return "identity/setup";
  }

  @PostMapping("/setup")
  String create(
      @RequestParam(required = false) String token,
      @RequestParam(required = false) String username,
      @RequestParam(required = false) String displayName,
      @RequestParam(required = false) String password,
      Model model,
      HttpServletResponse response) {
    try {
      // One request at a time, so a token can create only one administrator.
      synchronized (this) {
        requireValid(token);
        accounts.create(username, displayName, password, true);
        this.token.consume(token);
      }
      return "redirect:/login?created";
    } catch (NotFound e) {
      throw e;
    } catch (TejidoException e) {
      model.addAttribute("token", token);
      model.addAttribute("username", username);
      model.addAttribute("displayName", displayName);
      model.addAttribute("error", e);
      response.setStatus(422);
      return "identity/setup";
    }
  }

  private void requireValid(String candidate) {
    if (!token.active() || !token.matches(candidate)) {
      throw new NotFound("setup.not-available");
    }
  }
}
