package org.tejido.analysis.internal.web;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.tejido.analysis.Codebook;
import org.tejido.analysis.CoderAgreement;
import org.tejido.analysis.Codings;
import org.tejido.analysis.agreement.UndefinedAgreementException;
import org.tejido.shared.BadRequest;
import org.tejido.sites.Site;
import org.tejido.sites.Sites;

/**
 * Inter-coder agreement: choose two or more people who coded at the site, staff or an imported
 * project's coders (and, optionally, sources and codes), see Krippendorff's alpha over all of them
 * and, for every pair, percent agreement, Cohen's kappa and alpha per code and overall; download a
 * pair's table as CSV.
 */
@Controller
@RequestMapping("/manage/sites/{key}/analysis")
class AgreementController {

  private final Sites sites;
  private final CoderAgreement agreement;
  private final Codings codings;
  private final Codebook codebook;

  AgreementController(Sites sites, CoderAgreement agreement, Codings codings, Codebook codebook) {
    this.sites = sites;
    this.agreement = agreement;
    this.codings = codings;
    this.codebook = codebook;
  }

  /**
   * The chosen coders ({@code coders}, any number; {@code a} and {@code b} still name two): alpha
   * over all of them and every pair's kappa.
   */
  @GetMapping("/agreement")
  String page(
      @PathVariable String key,
      @RequestParam(name = "coders", required = false) List<UUID> chosenCoders,
      @RequestParam(required = false) UUID a,
      @RequestParam(required = false) UUID b,
      @RequestParam(name = "sources", required = false) List<UUID> onlySources,
      @RequestParam(name = "codes", required = false) List<UUID> onlyCodes,
      Model model) {
    Site site = sites.byKey(key);
    List<CoderAgreement.Coder> coders = agreement.coders(site);
    List<UUID> chosen = new ArrayList<>(chosenCoders == null ? List.of() : chosenCoders);
    boolean asked = !chosen.isEmpty() || a != null || b != null;
    if (a != null) {
      chosen.add(a);
    }
    if (b != null) {
      chosen.add(b);
    }
    model.addAttribute("site", site);
    model.addAttribute("coders", coders);
    model.addAttribute("sources", codings.readySources(site));
    model.addAttribute("codes", codebook.codable(site));
    model.addAttribute("chosenCoders", new LinkedHashSet<>(chosen));
    model.addAttribute("asked", asked);
    model.addAttribute("chosenSources", set(onlySources));
    model.addAttribute("chosenCodes", set(onlyCodes));
    if (asked) {
      if ((a != null || b != null) && (a == null || a.equals(b))) {
        model.addAttribute("problem", "agreement.need-two");
      } else {
        try {
          model.addAttribute(
              "result", agreement.compareGroup(site, chosen, set(onlySources), set(onlyCodes)));
        } catch (UndefinedAgreementException e) {
          model.addAttribute("problem", "agreement.nothing");
        } catch (BadRequest e) {
          model.addAttribute("problem", e.code());
        }
      }
    }
    return "analysis/agreement";
  }

  @GetMapping("/agreement.csv")
  ResponseEntity<byte[]> csv(
      @PathVariable String key,
      @RequestParam UUID a,
      @RequestParam UUID b,
      @RequestParam(name = "sources", required = false) List<UUID> onlySources,
      @RequestParam(name = "codes", required = false) List<UUID> onlyCodes)
      throws IOException {
    Site site = sites.byKey(key);
    CoderAgreement.Comparison result;
    try {
      result = agreement.compare(site, a, b, set(onlySources), set(onlyCodes));
    } catch (UndefinedAgreementException e) {
      throw new BadRequest("agreement.nothing");
    }
    StringWriter out = new StringWriter();
    try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.RFC4180)) {
      csv.printRecord(
          "code_es",
          "code_en",
          "characters",
          "both_coded",
          "only_a",
          "only_b",
          "neither_coded",
          "percent_agreement",
          "kappa_pooled",
          "kappa_size_weighted",
          "alpha_nominal");
      for (CoderAgreement.Line line : result.byCode()) {
        row(
            csv,
            line.code() == null ? "" : line.code().name().es(),
            line.code() == null ? "" : line.code().name().en(),
            line);
      }
      row(csv, "(total)", "(overall)", result.overall());
    }
    byte[] body = ("\uFEFF" + out).getBytes(StandardCharsets.UTF_8);
    return ResponseEntity.ok()
        .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            "attachment; filename=\"agreement-" + site.key() + ".csv\"")
        .header(HttpHeaders.CACHE_CONTROL, "no-store")
        .body(body);
  }

  private static void row(CSVPrinter csv, String es, String en, CoderAgreement.Line line)
      throws IOException {
    var c = line.counts();
    csv.printRecord(
        es,
        en,
        c.size(),
        c.bothCoded(),
        c.onlyA(),
        c.onlyB(),
        c.neitherCoded(),
        number(c.percentAgreement()),
        number(c.kappa()),
        number(line.sizeWeightedKappa()),
        line.alpha() == null ? "" : number(line.alpha()));
  }

  private static String number(double value) {
    return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%.4f", value);
  }

  private static Set<UUID> set(List<UUID> ids) {
    return ids == null ? Set.of() : new LinkedHashSet<>(ids);
  }
}
