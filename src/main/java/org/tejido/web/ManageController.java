package org.tejido.web;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.tejido.identity.StaffMember;
import org.tejido.identity.Team;
import org.tejido.shared.Forbidden;

/** The signed-in person's start page: their sites and roles. */
@Controller
class ManageController {

  private final Team team;

  ManageController(Team team) {
    this.team = team;
  }

  @GetMapping("/manage")
  String dashboard(Model model) {
    StaffMember me = team.current().orElseThrow(() -> new Forbidden("access.denied"));
    model.addAttribute("memberships", team.membershipsOf(me.id()));
    return "web/manage";
  }
}
