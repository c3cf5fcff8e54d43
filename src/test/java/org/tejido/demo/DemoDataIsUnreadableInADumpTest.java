package org.tejido.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.tejido.fieldwork.Deidentification;
import org.tejido.fieldwork.Participant;
import org.tejido.fieldwork.Participants;
import org.tejido.fieldwork.Sources;
import org.tejido.fieldwork.internal.Codec;
import org.tejido.identity.SiteRole;
import org.tejido.sites.Site;
import org.tejido.support.Fixtures;
import org.tejido.support.Fixtures.Person;
import org.tejido.support.LogicalDump;
import org.tejido.support.TejidoTest;
import org.tejido.vault.Vaults;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The fictional demo fieldwork ({@code demo/fieldwork.json}), loaded by the demo loader itself, is
 * stored exactly as real fieldwork is. Someone holding a copy of that database must not be able to
 * read any name, alias, contact, phone number, e-mail address or sentence of testimony in it; nor
 * may the application's logs repeat them while the team works with them.
 *
 * <p>The copy is a {@link LogicalDump} (COPY of every table through PgJDBC's {@code CopyManager}),
 * standing in for {@code pg_dump}, which the embedded PostgreSQL 17 from Maven Central (zonky: only
 * {@code initdb}, {@code pg_ctl} and {@code postgres}) does not include.
 *
 * <p>The shared test context starts without {@code --demo}, so this class loads the demo set into
 * fresh sites with the demo loader ({@link DemoSite#loadSite}): once for the dump, and once with
 * output captured, doing with it what a team does — unlock, read identities and raw turns,
 * de-identify, open every page.
 */
@TejidoTest
@TestInstance(Lifecycle.PER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
class DemoDataIsUnreadableInADumpTest {

  private static final String PASSPHRASE = "la frase larga de la coordinadora";
  private static final Pattern LABEL =
      Pattern.compile("^([A-Z]{2,5}-[0-9]{1,4}|\\p{Lu}\\p{Ll}+): ");
  private static final Pattern PHONE = Pattern.compile("\\b\\d{3} \\d{3} \\d{4}\\b");
  private static final Pattern EMAIL = Pattern.compile("[\\w.+-]+@[\\w-]+(\\.[\\w-]+)+");
  private static final Pattern PLATE = Pattern.compile("\\b[A-Z]{3}-\\d{3}-[A-Z]\\b");

  @Autowired Fixtures fixtures;
  @Autowired ObjectMapper json;
  @Autowired DataSource dataSource;
  @Autowired JdbcClient jdbc;
  @Autowired MockMvc mvc;
  @Autowired Vaults vaults;
  @Autowired DemoSite loader;
  @Autowired Participants participants;
  @Autowired Sources sources;
  @Autowired Deidentification deidentification;

  private JsonNode demo;

  /** What must never be readable: names, aliases, contacts, gazetteer terms, testimony. */
  private final Set<String> secrets = new LinkedHashSet<>();

  private Site dumped;

  @BeforeAll
  void readTheDemoSet() throws Exception {
    demo = loader.read();
    {
      JsonNode data = demo;
      for (JsonNode p : data.get("participants")) {
        for (String field : List.of("name", "alias", "contact")) {
          if (p.hasNonNull(field)) {
            secrets.add(p.get(field).asString());
          }
        }
      }
      for (JsonNode g : data.get("gazetteer")) {
        secrets.add(g.get("term").asString());
      }
      for (JsonNode s : data.get("sources")) {
        String text = s.get("text").asString();
        for (Pattern p : List.of(PHONE, EMAIL, PLATE)) {
          Matcher m = p.matcher(text);
          while (m.find()) {
            secrets.add(m.group());
          }
        }
        for (String line : text.split("\n")) {
          String words = LABEL.matcher(line).replaceFirst("").strip();
          // A distinctive stretch of every turn: its first 20 characters and its last 20.
          secrets.add(words.substring(0, Math.min(20, words.length())));
          secrets.add(words.substring(Math.max(0, words.length() - 20)));
        }
      }
    }
    assertThat(secrets)
        .contains(
            "Rosa Elena Villanueva",
            "la Güera",
            "443 555 0142",
            "javier.solorio@correo.example",
            "443 555 0198",
            "664 555 0117",
            "PBC-123-D",
            "doña Chayo",
            "¿Dónde se sienten me")
        .hasSizeGreaterThan(40);
    dumped = fixtures.freshSite();
    vaults.createWithRecoveryKeyOnly(dumped.id());
    load(dumped);
  }

  @AfterEach
  void signOut() {
    fixtures.actAsNobody();
  }

  @Test
  void aDumpOfTheDatabaseWithTheDemoLoadedContainsNoneOfItsPeopleOrWords() {
    assertThat(
            jdbc.sql("select count(*) from source where fictional and site_id = ?")
                .param(dumped.id().value())
                .query(Long.class)
                .single())
        .as("the demo fieldwork is loaded")
        .isEqualTo(5);

    LogicalDump dump = LogicalDump.of(dataSource);

    // What is in clear by design is there, so the dump does see the demo.
    assertThat(dump.where(Codec.participantCode(dumped, 1))).contains("public.participant");
    assertThat(dump.where("Los Telares")).contains("public.participant");
    assertThat(dump.where("Transcripción del taller de mapeo (fragmento)"))
        .contains("public.source");
    assertThat(dump.tables())
        .contains("public.participant_identity", "public.source_part", "public.gazetteer");
    // What is not, is not.
    assertThat(dump.findAll(secrets)).isEmpty();
  }

  @Test
  void workingWithTheDemoSetLogsNoneOfItsPeopleOrWords(CapturedOutput output) throws Exception {
    Site site = fixtures.freshSite();
    Person coordinator = fixtures.withRole(site.key(), SiteRole.COORDINATOR);
    fixtures.actAs(coordinator);
    vaults.create(site, PASSPHRASE);
    fixtures.actAsNobody();
    List<UUID> sourceIds = load(site);
    fixtures.actAs(coordinator);
    vaults.unlock(site, PASSPHRASE);
    List<Participant> people = participants.list(site);
    for (Participant p : people) {
      participants.identity(site, p.id());
    }
    for (UUID id : sourceIds) {
      sources.raw(site, id);
      deidentification.acceptAll(site, id);
    }
    fixtures.actAsNobody();

    MockHttpSession session = fixtures.signIn(mvc, coordinator);
    StringBuilder pages = new StringBuilder();
    String base = "/manage/sites/" + site.key() + "/fieldwork";
    List<String> paths = new ArrayList<>(List.of(base, base + "/gazetteer"));
    people.forEach(p -> paths.add(base + "/participants/" + p.id()));
    sourceIds.forEach(
        id -> {
          paths.add(base + "/sources/" + id);
          paths.add(base + "/sources/" + id + "/deidentify");
        });
    for (String path : paths) {
      pages.append(
          mvc.perform(get(path).session(session).header("Accept-Language", "es"))
              .andExpect(status().isOk())
              .andReturn()
              .getResponse()
              .getContentAsString(StandardCharsets.UTF_8));
    }

    // The team did see the people and their words...
    assertThat(pages).contains("Rosa Elena Villanueva", "javier.solorio@correo.example");
    assertThat(pages.toString().replace("&iquest;", "¿"))
        .contains("Dónde se sienten menos seguras");
    // ...and none of it reached the logs, nor the database in clear.
    assertThat(secrets).noneMatch(s -> output.getAll().contains(s));
    assertThat(LogicalDump.of(dataSource).findAll(secrets)).isEmpty();
  }

  /**
   * Loads the demo set into a fresh site with the demo loader itself. The fresh site's participant
   * codes have their own prefix, so the speaker labels of the sources ({@code DEM-001}) are given
   * it first: each turn stays linked to the participant who spoke it.
   */
  private List<UUID> load(Site site) {
    String ownPrefix = Codec.participantCode(site, 1).replaceFirst("[0-9]+$", "");
    ObjectNode data = (ObjectNode) demo.deepCopy();
    for (JsonNode s : data.get("sources")) {
      ((ObjectNode) s).put("text", s.get("text").asString().replace("DEM-", ownPrefix));
    }
    List<UUID> ids = loader.loadSite(site, data);
    fixtures.actAsNobody();
    return ids;
  }
}
