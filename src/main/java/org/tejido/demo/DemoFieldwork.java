package org.tejido.demo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.tejido.deidentification.EntityKind;
import org.tejido.deidentification.GazetteerEntry;
import org.tejido.fieldwork.Deidentification;
import org.tejido.fieldwork.FieldworkImport;
import org.tejido.fieldwork.Identity;
import org.tejido.fieldwork.NewActivity;
import org.tejido.fieldwork.NewParticipant;
import org.tejido.fieldwork.NewSource;
import org.tejido.fieldwork.Participant;
import org.tejido.sites.Site;
import org.tejido.sites.Sites;
import org.tejido.vault.Vaults;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Loads the fictional fieldwork set ({@code demo/fieldwork.json}) once, into sites that have a
 * published agenda. Each demo site gets a vault with only a recovery key, which is printed once
 * (and kept in the data directory, since the data is fictional) so that a coordinator can open it,
 * set a passphrase and try de-identification.
 */
@Component
@Order(1)
class DemoFieldwork implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(DemoFieldwork.class);

  private final DemoProperties properties;
  private final Sites sites;
  private final Vaults vaults;
  private final FieldworkImport fieldwork;
  private final JdbcClient jdbc;
  private final TransactionTemplate transaction;
  private final ObjectMapper json;
  private final org.springframework.core.env.Environment environment;

  DemoFieldwork(
      DemoProperties properties,
      Sites sites,
      Vaults vaults,
      FieldworkImport fieldwork,
      JdbcClient jdbc,
      TransactionTemplate transaction,
      ObjectMapper json,
      org.springframework.core.env.Environment environment) {
    this.properties = properties;
    this.sites = sites;
    this.vaults = vaults;
    this.fieldwork = fieldwork;
    this.jdbc = jdbc;
    this.transaction = transaction;
    this.json = json;
    this.environment = environment;
  }

  @Override
  public void run(ApplicationArguments args) throws IOException {
    if (!properties.enabled()) {
      return;
    }
    boolean empty =
        jdbc.sql("select not exists (select 1 from site_vault)").query(Boolean.class).single();
    if (!empty) {
      return;
    }
    JsonNode root;
    try (InputStream in = new ClassPathResource("demo/fieldwork.json").getInputStream()) {
      root = json.readTree(in);
    }
    Map<String, String> recoveryKeys = new LinkedHashMap<>();
    transaction.executeWithoutResult(status -> load(root, recoveryKeys));
    if (recoveryKeys.isEmpty()) {
      return;
    }
    StringBuilder text =
        new StringBuilder(
            "FICTIONAL DEMO DATA. Recovery keys of the demo site vaults (open a vault with one,"
                + " then set your own passphrase):\n");
    recoveryKeys.forEach(
        (site, key) -> text.append("  ").append(site).append(": ").append(key).append('\n'));
    Path file =
        Path.of(
            environment.getProperty(
                "tejido.demo.recovery-keys-file", "var/demo-vault-recovery-keys.txt"));
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(file, text);
    System.out.printf("%n%s(also written to %s)%n%n", text, file.toAbsolutePath());
    log.info("Loaded the fictional demo fieldwork");
  }

  private void load(JsonNode root, Map<String, String> recoveryKeys) {
    var demo = root.get("sites");
    for (var entry : demo.properties()) {
      Site site = sites.find(entry.getKey()).orElse(null);
      if (site == null) {
        continue;
      }
      recoveryKeys.put(site.key(), vaults.createWithRecoveryKeyOnly(site.id()));
      loadSite(site, entry.getValue());
    }
  }

  /**
   * Loads one site's part of the demo set — participants with their identities, the gazetteer,
   * activities and sources, all marked fictional — into a site whose vault exists.
   *
   * @return the ids of the sources, in the order of the set
   */
  List<UUID> loadSite(Site site, JsonNode data) {
    List<Participant> people = new ArrayList<>();
    for (JsonNode p : data.get("participants")) {
      people.add(
          fieldwork.participant(
              site,
              new NewParticipant(
                  p.get("group").asString(),
                  p.get("gender").asString(),
                  p.get("age").asString(),
                  p.get("ethnicity").asString(),
                  text(p, "neighbourhood"),
                  new Identity(text(p, "name"), text(p, "alias"), text(p, "contact"))),
              true));
    }
    List<GazetteerEntry> gazetteer = new ArrayList<>();
    List<String> tokens = new ArrayList<>();
    for (JsonNode g : data.get("gazetteer")) {
      EntityKind kind = EntityKind.valueOf(g.get("kind").asString());
      String token = Deidentification.nextToken(kind, tokens);
      tokens.add(token);
      gazetteer.add(new GazetteerEntry(g.get("term").asString(), kind, token));
    }
    fieldwork.gazetteer(site, gazetteer);
    List<UUID> activities = new ArrayList<>();
    for (JsonNode a : data.get("activities")) {
      List<String> groups = new ArrayList<>();
      a.get("groups").forEach(g -> groups.add(g.asString()));
      List<UUID> present = new ArrayList<>();
      a.get("participants").forEach(n -> present.add(people.get(n.asInt() - 1).id()));
      activities.add(
          fieldwork.activity(
              site,
              new NewActivity(
                  a.get("kind").asString(),
                  LocalDate.parse(a.get("date").asString()),
                  a.get("title").asString(),
                  groups,
                  List.of(),
                  present),
              true));
    }
    List<UUID> sources = new ArrayList<>();
    for (JsonNode s : data.get("sources")) {
      sources.add(
          fieldwork.source(
              site,
              new NewSource(
                  s.has("activity") ? activities.get(s.get("activity").asInt()) : null,
                  s.get("kind").asString(),
                  s.get("title").asString(),
                  s.get("text").asString(),
                  "typed"),
              true));
    }
    return sources;
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : v.asString();
  }
}
