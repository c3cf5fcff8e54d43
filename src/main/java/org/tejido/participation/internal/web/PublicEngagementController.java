package org.tejido.participation.internal.web;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.tejido.participation.EngagementLog;
import org.tejido.sites.Site;
import org.tejido.sites.Sites;

/** A site's engagement log as the public reads it. */
@Controller
class PublicEngagementController {

  private final Sites sites;
  private final EngagementLog log;

  PublicEngagementController(Sites sites, EngagementLog log) {
    this.sites = sites;
    this.log = log;
  }

  @GetMapping("/sites/{key}/engagement")
  String engagement(@PathVariable String key, Model model) {
    Site site = sites.byKey(key);
    if (site.suspendedForSafety()) {
      // Its page says only that it is suspended, and why.
      return "redirect:/sites/" + site.key();
    }
    model.addAttribute("site", site);
    model.addAttribute("events", log.published(site));
    return "participation/engagement-public";
  }
}
