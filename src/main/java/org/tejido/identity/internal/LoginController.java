package org.tejido.identity.internal;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

@Controller
class LoginController {

  @GetMapping("/login")
  String login(@RequestParam(required = false) Long wait, Model model) {
    if (wait != null) {
      model.addAttribute("waitSeconds", Math.max(1, Math.min(wait, 3600)));
    }
    return "identity/login";
  }
}
