package org.tejido.opendata.internal.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.tejido.opendata.internal.OpenDatasets;

/**
 * The data page: every dataset with its formats, licence, update date and a request to copy; and
 * the API documentation, rendered by Swagger UI from the WebJar (no CDN, no inline script).
 */
@Controller
class DataPageController {

  private final OpenDatasets datasets;

  DataPageController(OpenDatasets datasets) {
    this.datasets = datasets;
  }

  @GetMapping("/datos")
  String data(HttpServletRequest request, Model model) {
    model.addAttribute("datasets", datasets.agendas());
    model.addAttribute("indicators", datasets.indicators().orElse(null));
    model.addAttribute("trackers", datasets.trackers());
    model.addAttribute("base", datasets.baseUrl(request));
    return "opendata/data";
  }

  @GetMapping("/datos/api")
  String apiDocs() {
    return "opendata/api-docs";
  }
}
