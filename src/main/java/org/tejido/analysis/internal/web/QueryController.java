package org.tejido.analysis.internal.web;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.context.MessageSource;
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
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.tejido.analysis.Code;
import org.tejido.analysis.Codebook;
import org.tejido.analysis.CodingQueries;
import org.tejido.analysis.CodingQueries.Attribute;
import org.tejido.analysis.CodingQueries.CellRef;
import org.tejido.analysis.CodingQueries.Measure;
import org.tejido.analysis.CodingQueries.Table;
import org.tejido.analysis.CodingQueries.Together;
import org.tejido.shared.BadRequest;
import org.tejido.sites.Site;
import org.tejido.sites.Sites;

/**
 * Queries over the site's codings: frequency, matrix coding and co-occurrence as tables (with CSV
 * exports of their counts, never of quotes), the quotes behind any cell, and full-text search with
 * "code all hits".
 */
@Controller
@RequestMapping("/manage/sites/{key}/analysis/queries")
class QueryController {

  private final Sites sites;
  private final Codebook codebook;
  private final CodingQueries queries;
  private final MessageSource messages;

  QueryController(Sites sites, Codebook codebook, CodingQueries queries, MessageSource messages) {
    this.sites = sites;
    this.codebook = codebook;
    this.queries = queries;
    this.messages = messages;
  }

  @ModelAttribute(name = "site")
  Site site(@PathVariable String key) {
    return sites.byKey(key);
  }

  /** One column of a table as shown: its key (for the quotes' address) and its label. */
  record Column(String key, String label) {}

  @GetMapping
  String frequency(
      @ModelAttribute(name = "site", binding = false) Site site,
      @RequestParam(defaultValue = "segments") String measure,
      Locale locale,
      Model model) {
    Measure m = Measure.of(measure);
    Table table = queries.frequency(site, m);
    return page(model, "frequency", table, columns("frequency", table, null, locale), m);
  }

  @GetMapping("/matrix")
  String matrix(
      @ModelAttribute(name = "site", binding = false) Site site,
      @RequestParam(defaultValue = "population_group") String attribute,
      @RequestParam(defaultValue = "segments") String measure,
      Locale locale,
      Model model) {
    Attribute a = Attribute.of(attribute);
    Measure m = Measure.of(measure);
    Table table = queries.matrix(site, a, m);
    model.addAttribute("attribute", a);
    model.addAttribute("attributes", Attribute.values());
    return page(model, "matrix", table, columns("matrix", table, a, locale), m);
  }

  @GetMapping("/cooccurrence")
  String cooccurrence(
      @ModelAttribute(name = "site", binding = false) Site site,
      @RequestParam(defaultValue = "overlap") String together,
      @RequestParam(defaultValue = "segments") String measure,
      Locale locale,
      Model model) {
    Together t = Together.of(together);
    Measure m = Measure.of(measure);
    Table table = queries.cooccurrence(site, t, m);
    model.addAttribute("together", t);
    return page(model, "cooccurrence", table, columns("cooccurrence", table, null, locale), m);
  }

  @GetMapping("/frequency.csv")
  ResponseEntity<byte[]> frequencyCsv(
      @ModelAttribute(name = "site", binding = false) Site site,
      @RequestParam(defaultValue = "segments") String measure,
      Locale locale) {
    Table table = queries.frequency(site, Measure.of(measure));
    return csv(site, "frequency", table, columns("frequency", table, null, locale), locale);
  }

  @GetMapping("/matrix.csv")
  ResponseEntity<byte[]> matrixCsv(
      @ModelAttribute(name = "site", binding = false) Site site,
      @RequestParam(defaultValue = "population_group") String attribute,
      @RequestParam(defaultValue = "segments") String measure,
      Locale locale) {
    Attribute a = Attribute.of(attribute);
    Table table = queries.matrix(site, a, Measure.of(measure));
    return csv(site, "matrix", table, columns("matrix", table, a, locale), locale);
  }

  @GetMapping("/cooccurrence.csv")
  ResponseEntity<byte[]> cooccurrenceCsv(
      @ModelAttribute(name = "site", binding = false) Site site,
      @RequestParam(defaultValue = "overlap") String together,
      @RequestParam(defaultValue = "segments") String measure,
      Locale locale) {
    Table table = queries.cooccurrence(site, Together.of(together), Measure.of(measure));
    return csv(site, "cooccurrence", table, columns("cooccurrence", table, null, locale), locale);
  }

  @GetMapping("/quotes")
  String quotes(
      @ModelAttribute(name = "site", binding = false) Site site,
      @RequestParam(required = false) String query,
      @RequestParam(required = false) UUID code,
      @RequestParam(required = false) String column,
      @RequestParam(required = false) String attribute,
      @RequestParam(required = false) String together,
      @RequestParam(defaultValue = "1") int page,
      Model model) {
    if (code == null) {
      throw new BadRequest("analysis.query.column");
    }
    // A matrix cell's link carries an empty "together" (and a co-occurrence cell's an empty
    // "attribute"): the page's links name every option, set or not.
    Attribute a = attribute == null || attribute.isBlank() ? null : Attribute.of(attribute);
    Together t = together == null || together.isBlank() ? Together.OVERLAP : Together.of(together);
    CellRef ref = new CellRef(query, code, column, a, t);
    model.addAttribute("quotes", queries.quotes(site, ref, page));
    model.addAttribute("code", codebook.get(site, code));
    model.addAttribute("ref", ref);
    if ("cooccurrence".equals(query)) {
      model.addAttribute("other", codebook.get(site, UUID.fromString(column)));
    }
    return "analysis/quotes";
  }

  /**
   * The search form. The words searched for never travel in an address: they may be names heard in
   * testimony, and an address ends up in access logs, the browser's history and the {@code Referer}
   * of the next request. Only the words a coder just coded all hits of come back, in the session's
   * flash attributes.
   */
  @GetMapping("/search")
  String searchForm(@ModelAttribute(name = "site", binding = false) Site site, Model model) {
    return search(site, model.getAttribute("q") instanceof String q ? q : "", 1, model);
  }

  /** Runs a search: a POST, so that its words stay in the request's body. */
  @PostMapping("/search")
  String search(
      @ModelAttribute(name = "site", binding = false) Site site,
      @RequestParam(defaultValue = "") String q,
      @RequestParam(defaultValue = "1") int page,
      Model model) {
    if (q.length() > 200) {
      throw new BadRequest("analysis.search.too-long");
    }
    model.addAttribute("results", q.isBlank() ? null : queries.search(site, q, page));
    model.addAttribute("q", q);
    model.addAttribute("codes", codebook.tree(site));
    return "analysis/search";
  }

  @PostMapping("/search/code")
  String codeAllHits(
      @ModelAttribute(name = "site", binding = false) Site site,
      @RequestParam(defaultValue = "") String q,
      @RequestParam(required = false) UUID code,
      RedirectAttributes redirect) {
    if (code == null) {
      throw new BadRequest("analysis.coding.no-code");
    }
    if (q.length() > 200) {
      throw new BadRequest("analysis.search.too-long");
    }
    int coded = queries.codeAllHits(site, q, code);
    redirect.addFlashAttribute("notice", "analysis.search.coded");
    redirect.addFlashAttribute("noticeArg", coded);
    redirect.addFlashAttribute("q", q);
    return "redirect:/manage/sites/" + site.key() + "/analysis/queries/search";
  }

  // ---- helpers ----

  private static String page(
      Model model, String query, Table table, List<Column> columns, Measure measure) {
    model.addAttribute("query", query);
    model.addAttribute("table", table);
    model.addAttribute("columns", columns);
    model.addAttribute("measure", measure);
    model.addAttribute("measures", Measure.values());
    model.addAttribute("togethers", Together.values());
    return "analysis/query";
  }

  private List<Column> columns(String query, Table table, Attribute attribute, Locale locale) {
    List<Column> out = new ArrayList<>();
    for (String key : table.columns()) {
      String label =
          switch (query) {
            case "frequency" ->
                CodingQueries.ALL.equals(key)
                    ? message("analysis.query.total", locale)
                    : message("fieldwork.source-kind." + key, locale);
            case "matrix" ->
                CodingQueries.NO_PARTICIPANT.equals(key)
                    ? message("analysis.query.no-participant", locale)
                    : message(attribute.messagePrefix() + key, locale);
            default ->
                table.codes().stream()
                    .filter(c -> c.id().toString().equals(key))
                    .map(c -> c.name().in(locale))
                    .findFirst()
                    .orElse(key);
          };
      out.add(new Column(key, label));
    }
    return out;
  }

  private String message(String key, Locale locale) {
    return messages.getMessage(key, null, key, locale);
  }

  private ResponseEntity<byte[]> csv(
      Site site, String query, Table table, List<Column> columns, Locale locale) {
    StringWriter out = new StringWriter();
    try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.RFC4180)) {
      List<String> header = new ArrayList<>();
      header.add(message("analysis.query.code", locale));
      columns.forEach(c -> header.add(safe(c.label())));
      header.add(message("analysis.query.small-cells", locale));
      csv.printRecord(header);
      for (Code code : table.codes()) {
        List<Object> row = new ArrayList<>();
        row.add(safe(code.name().in(locale)));
        List<String> small = new ArrayList<>();
        for (Column c : columns) {
          CodingQueries.Cell cell = table.cell(code.id(), c.key());
          row.add(cell.count());
          if (cell.small()) {
            small.add(safe(c.label()));
          }
        }
        row.add(String.join("; ", small));
        csv.printRecord(row);
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    Map<String, String> names = new LinkedHashMap<>();
    names.put("frequency", "frecuencia");
    names.put("matrix", "matriz");
    names.put("cooccurrence", "coocurrencia");
    return ResponseEntity.ok()
        .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            "attachment; filename=\"" + site.key() + "-" + names.get(query) + ".csv\"")
        .body(out.toString().getBytes(StandardCharsets.UTF_8));
  }

  /**
   * A label as a spreadsheet will not run it: code names are typed by staff, and a cell starting
   * with {@code = + - @} is a formula to a spreadsheet.
   */
  static String safe(String label) {
    if (label != null && !label.isEmpty() && "=+-@\t\r".indexOf(label.charAt(0)) >= 0) {
      return "'" + label;
    }
    return label;
  }
}
