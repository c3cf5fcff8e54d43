package org.tejido.reference;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.tejido.agenda.AgendaImport;
import org.tejido.agenda.AgendaImport.ImportedAgenda;
import org.tejido.agenda.AgendaImport.ImportedIssue;
import org.tejido.agenda.AgendaImport.ImportedProposal;
import org.tejido.shared.LocalizedText;
import org.tejido.sites.NewSite;
import org.tejido.sites.Site;
import org.tejido.sites.SiteStatus;
import org.tejido.sites.Sites;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Loads the real reference data ({@code reference/agendas.json}: the project's four sites, its
 * three published agendas and the national principles) when the database has no site yet: once, in
 * one transaction. A database that holds any site is never touched again, so a team's later edits
 * stay as they made them.
 */
@Component
@Order(0)
class ReferenceDataLoader implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(ReferenceDataLoader.class);

  /** The agendas were validated with the communities and published at the end of 2018. */
  static final Instant PUBLISHED = Instant.parse("2018-12-01T12:00:00Z");

  private final ReferenceDataProperties properties;
  private final Sites sites;
  private final AgendaImport agendas;
  private final TransactionTemplate transaction;
  private final ObjectMapper json;

  ReferenceDataLoader(
      ReferenceDataProperties properties,
      Sites sites,
      AgendaImport agendas,
      TransactionTemplate transaction,
      ObjectMapper json) {
    this.properties = properties;
    this.sites = sites;
    this.agendas = agendas;
    this.transaction = transaction;
    this.json = json;
  }

  @Override
  public void run(ApplicationArguments args) throws IOException {
    if (!properties.enabled() || !sites.all().isEmpty()) {
      return;
    }
    JsonNode root;
    try (InputStream in = new ClassPathResource("reference/agendas.json").getInputStream()) {
      root = json.readTree(in);
    }
    transaction.executeWithoutResult(status -> load(root));
    log.info("Loaded the reference sites, agendas and national principles");
  }

  void load(JsonNode root) {
    for (JsonNode s : root.get("sites")) {
      boolean suspended = "suspended_for_safety".equals(s.get("agenda_status").asString());
      JsonNode m = s.get("municipality");
      Site site =
          sites.register(
              new NewSite(
                  s.get("key").asString(),
                  m.get("name").asString(),
                  m.get("state").asString(),
                  m.get("inegi").asString(),
                  text(s.get("neighbourhood")),
                  suspended ? SiteStatus.SUSPENDED_FOR_SAFETY : SiteStatus.ACTIVE,
                  localized(s.get("status_reason")),
                  localized(s.get("population_notes"))));
      if (!"published".equals(s.get("agenda_status").asString())) {
        continue;
      }
      List<ImportedIssue> issues = new ArrayList<>();
      for (JsonNode i : s.get("issues")) {
        List<String> domains = new ArrayList<>();
        if (i.has("domains")) {
          i.get("domains").forEach(d -> domains.add(d.asString()));
        } else {
          domains.add(i.get("domain").asString());
        }
        issues.add(new ImportedIssue(i.get("id").asString(), domains, localized(i), false));
      }
      for (JsonNode i : s.path("silenced_issues")) {
        issues.add(new ImportedIssue(null, List.of(), localized(i), true));
      }
      List<ImportedProposal> proposals = new ArrayList<>();
      for (JsonNode p : s.path("proposals")) {
        List<String> refs = new ArrayList<>();
        p.get("issues").forEach(r -> refs.add(r.asString()));
        proposals.add(new ImportedProposal(p.get("addressee").asString(), localized(p), refs));
      }
      JsonNode participants = s.get("participants");
      agendas.importPublished(
          site,
          new ImportedAgenda(
              participants == null || participants.isNull() ? null : participants.asInt(),
              PUBLISHED,
              issues,
              proposals));
    }
    List<LocalizedText> principles = new ArrayList<>();
    root.path("national_principles").forEach(p -> principles.add(localized(p)));
    agendas.replaceNationalPrinciples(principles);
  }

  private static String text(JsonNode node) {
    return node == null || node.isNull() ? null : node.asString();
  }

  private static LocalizedText localized(JsonNode node) {
    if (node == null || node.isNull()) {
      return new LocalizedText(null, null);
    }
    return new LocalizedText(text(node.get("es")), text(node.get("en")));
  }
}
