package org.tejido.demo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;
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
import org.tejido.shared.LocalizedText;
import org.tejido.shared.PrivateFiles;
import org.tejido.sites.NewSite;
import org.tejido.sites.Site;
import org.tejido.sites.SiteStatus;
import org.tejido.sites.Sites;
import org.tejido.vault.Vaults;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * With {@code --demo} (or {@code TEJIDO_DEMO=true}), adds the fictional fieldwork set ({@code
 * demo/fieldwork.json}) to a site of its own, registered as fictional so that its pages say so. The
 * real sites are never touched. The demo site gets a vault with only a recovery key, written to a
 * file only Tejido's user can read (the console and the log say where, never the key), so that
 * someone trying Tejido can open it, set a passphrase and try de-identification. It also gets a
 * published fictional agenda and a made-up monitoring history ({@code DemoMonitoring}). Loaded
 * once: a second start with {@code --demo} finds the site and adds nothing.
 */
@Component
@Order(1)
class DemoSite implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(DemoSite.class);

  private final DemoProperties properties;
  private final Sites sites;
  private final Vaults vaults;
  private final FieldworkImport fieldwork;
  private final TransactionTemplate transaction;
  private final ObjectMapper json;
  private final DemoMonitoring monitoring;

  DemoSite(
      DemoProperties properties,
      Sites sites,
      Vaults vaults,
      FieldworkImport fieldwork,
      TransactionTemplate transaction,
      ObjectMapper json,
      DemoMonitoring monitoring) {
    this.monitoring = monitoring;
    this.properties = properties;
    this.sites = sites;
    this.vaults = vaults;
    this.fieldwork = fieldwork;
    this.transaction = transaction;
    this.json = json;
  }

  @Override
  public void run(ApplicationArguments args) throws IOException {
    if (!properties.enabled()) {
      return;
    }
    JsonNode root = read();
    String key = root.get("site").get("key").asString();
    Optional<Site> existing = sites.find(key);
    if (existing.isPresent()) {
      if (!existing.get().fictional()) {
        log.warn("Not loading the demo: a real site already has the key '{}'", key);
      }
      return;
    }
    Path file = properties.recoveryKeyFile().toAbsolutePath();
    transaction.executeWithoutResult(status -> load(root, file));
    log.info(
        "Loaded the fictional demo site '{}'. The recovery key of its vault is in {}", key, file);
  }

  JsonNode read() throws IOException {
    try (InputStream in = new ClassPathResource("demo/fieldwork.json").getInputStream()) {
      return json.readTree(in);
    }
  }

  /**
   * Registers the fictional site, creates its vault and loads the set into it, in the caller's
   * transaction. The recovery key is written before the transaction commits: if it cannot be kept,
   * no vault that nobody can open is left behind.
   */
  private void load(JsonNode root, Path recoveryKeyFile) {
    JsonNode s = root.get("site");
    Site site =
        sites.registerFictional(
            new NewSite(
                s.get("key").asString(),
                s.get("municipality").asString(),
                s.get("state").asString(),
                s.get("inegi").asString(),
                s.get("neighbourhood").asString(),
                SiteStatus.ACTIVE,
                null,
                new LocalizedText(
                    s.get("population_notes").get("es").asString(),
                    s.get("population_notes").get("en").asString())));
    String recoveryKey = vaults.createWithRecoveryKeyOnly(site.id());
    PrivateFiles.writeSecret(
        recoveryKeyFile,
        "FICTIONAL DEMO DATA. Recovery key of the vault of the demo site '"
            + site.key()
            + "' (open the vault with it, then set your own passphrase):\n"
            + recoveryKey
            + "\n");
    loadSite(site, root);
    // Its agenda and the observatory's made-up history of it, so the tracker has something to
    // show; a plain start never gets them.
    monitoring.load(site, LocalDate.now(org.tejido.agenda.AgendaVersion.ZONE));
  }

  /**
   * Loads the demo set — participants with their identities, the gazetteer, activities and sources,
   * all marked fictional — into a site whose vault exists.
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
