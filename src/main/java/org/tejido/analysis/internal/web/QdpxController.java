package org.tejido.analysis.internal.web;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.tejido.analysis.QdpxExchange;
import org.tejido.analysis.qdpx.QdpxException;
import org.tejido.identity.SiteRole;
import org.tejido.identity.Team;
import org.tejido.shared.BadRequest;
import org.tejido.sites.Site;
import org.tejido.sites.Sites;

/**
 * REFI-QDA exchange in the browser: a coordinator uploads a {@code .qdpx}, sees the dry run's
 * report, then confirms; coordinators and researchers download the site's analysis. Between the
 * check and the confirmation the file waits in the person's session, in memory, keyed by a random
 * token and by site; it is gone once imported or when the session ends.
 */
@Controller
@RequestMapping("/manage/sites/{key}/analysis")
class QdpxController {

  private static final String PENDING = "analysis.qdpx.pending";

  private final Sites sites;
  private final QdpxExchange exchange;
  private final Team team;

  QdpxController(Sites sites, QdpxExchange exchange, Team team) {
    this.sites = sites;
    this.exchange = exchange;
    this.team = team;
  }

  @ModelAttribute
  void common(@PathVariable String key, Model model) {
    model.addAttribute("site", sites.byKey(key));
  }

  @GetMapping("/qdpx")
  String page(@ModelAttribute(name = "site", binding = false) Site site) {
    team.require(site.id(), SiteRole.COORDINATOR);
    return "analysis/qdpx";
  }

  @PostMapping("/qdpx/check")
  String check(
      @ModelAttribute(name = "site", binding = false) Site site,
      @RequestParam(required = false) MultipartFile file,
      HttpSession session,
      HttpServletResponse response,
      Model model)
      throws IOException {
    team.require(site.id(), SiteRole.COORDINATOR);
    if (file == null || file.isEmpty()) {
      throw new BadRequest("analysis.qdpx.no-file");
    }
    byte[] bytes = file.getBytes();
    try {
      QdpxExchange.ImportResult result = exchange.importAs(site, bytes, true);
      String token = UUID.randomUUID().toString();
      pending(session).put(site.key() + "/" + token, bytes);
      model.addAttribute("report", result.lines());
      model.addAttribute("token", token);
      return "analysis/qdpx";
    } catch (QdpxException e) {
      response.setStatus(422);
      model.addAttribute("refused", "error." + e.code());
      return "analysis/qdpx";
    }
  }

  @PostMapping("/qdpx/import")
  String confirm(
      @ModelAttribute(name = "site", binding = false) Site site,
      @RequestParam(required = false) String token,
      HttpSession session,
      RedirectAttributes redirect) {
    team.require(site.id(), SiteRole.COORDINATOR);
    byte[] bytes = token == null ? null : pending(session).remove(site.key() + "/" + token);
    if (bytes == null) {
      throw new BadRequest("analysis.qdpx.expired");
    }
    QdpxExchange.ImportResult result = exchange.importAs(site, bytes, false);
    redirect.addFlashAttribute("report", result.lines());
    redirect.addFlashAttribute("imported", true);
    return "redirect:/manage/sites/" + site.key() + "/analysis/qdpx";
  }

  @GetMapping("/analysis.qdpx")
  ResponseEntity<byte[]> export(@ModelAttribute(name = "site", binding = false) Site site) {
    byte[] body = exchange.exportAs(site);
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_OCTET_STREAM)
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment()
                .filename("analysis-" + site.key() + ".qdpx")
                .build()
                .toString())
        .body(body);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, byte[]> pending(HttpSession session) {
    Object held = session.getAttribute(PENDING);
    if (held instanceof Map<?, ?> map) {
      return (Map<String, byte[]>) map;
    }
    Map<String, byte[]> fresh = new ConcurrentHashMap<>();
    session.setAttribute(PENDING, fresh);
    return fresh;
  }
}
