package org.tejido.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.HtmlUtils;
import org.tejido.agenda.AgendaVersion;
import org.tejido.agenda.Agendas;
import org.tejido.sites.Site;
import org.tejido.sites.Sites;

/** The public pages for search engines. Only public pages: nothing of a team's work. */
@RestController
class SitemapController {

  private final Sites sites;
  private final Agendas agendas;

  SitemapController(Sites sites, Agendas agendas) {
    this.sites = sites;
    this.agendas = agendas;
  }

  @GetMapping(value = "/sitemap.xml", produces = MediaType.APPLICATION_XML_VALUE)
  ResponseEntity<String> sitemap(HttpServletRequest request) {
    String base = ServletUriComponentsBuilder.fromContextPath(request).build().toUriString();
    StringBuilder xml =
        new StringBuilder(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    url(xml, base + "/");
    url(xml, base + "/principles");
    url(xml, base + "/national-agenda");
    for (Site site : sites.all()) {
      url(xml, base + "/sites/" + site.key());
      List<AgendaVersion> versions = agendas.publishedVersions(site);
      for (AgendaVersion v : versions) {
        url(xml, base + "/sites/" + site.key() + "/agenda?version=" + v.number());
      }
      if (!versions.isEmpty()) {
        url(xml, base + "/sites/" + site.key() + "/agenda");
      }
    }
    xml.append("</urlset>\n");
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_XML).body(xml.toString());
  }

  private static void url(StringBuilder xml, String loc) {
    xml.append("  <url><loc>").append(HtmlUtils.htmlEscape(loc)).append("</loc></url>\n");
  }
}
