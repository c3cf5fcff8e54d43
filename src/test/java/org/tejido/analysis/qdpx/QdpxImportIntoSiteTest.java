package org.tejido.analysis.qdpx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tejido.analysis.Codings;
import org.tejido.analysis.QdpxExchange;
import org.tejido.analysis.QdpxExchange.ImportResult;
import org.tejido.analysis.Segment;
import org.tejido.fieldwork.Deidentification;
import org.tejido.fieldwork.SourceSummary;
import org.tejido.fieldwork.Sources;
import org.tejido.identity.SiteRole;
import org.tejido.shared.Conflict;
import org.tejido.shared.Forbidden;
import org.tejido.shared.cli.CommandLineEntry;
import org.tejido.sites.Site;
import org.tejido.support.Fixtures;
import org.tejido.support.TejidoTest;
import org.tejido.vault.Vaults;
import org.w3c.dom.Document;

/** A REFI-QDA project brought into a site, all or nothing, and a site's analysis taken out. */
@TejidoTest
class QdpxImportIntoSiteTest {

  static final List<String> REAL = QdpxFiles.REAL;
  private static final String PASSPHRASE = "una frase de paso para importar";
  private static final List<String> TABLES =
      List.of(
          "analysis_code",
          "analysis_coding",
          "analysis_memo",
          "analysis_external_coder",
          "source",
          "source_part");

  @Autowired Fixtures fixtures;
  @Autowired Vaults vaults;
  @Autowired Sources sources;
  @Autowired Deidentification deidentification;
  @Autowired Codings codings;
  @Autowired QdpxExchange exchange;
  @Autowired CommandLineEntry commandLine;
  @Autowired JdbcClient jdbc;
  @Autowired org.springframework.test.web.servlet.MockMvc mvc;

  @AfterEach
  void nobody() {
    fixtures.actAsNobody();
  }

  private Site siteWithVault() {
    Site site = fixtures.freshSite();
    fixtures.actAs(fixtures.withRole(site.key(), SiteRole.COORDINATOR));
    vaults.create(site, PASSPHRASE);
    vaults.unlock(site, PASSPHRASE);
    return site;
  }

  private Map<String, Integer> rows(Site site) {
    Map<String, Integer> rows = new LinkedHashMap<>();
    for (String table : TABLES) {
      String sql =
          table.equals("source_part")
              ? "select count(*) from source_part p join source s on s.id = p.source_id"
                  + " where s.site_id = ?"
              : "select count(*) from " + table + " where site_id = ?";
      rows.put(table, jdbc.sql(sql).param(site.id().value()).query(Integer.class).single());
    }
    return rows;
  }

  private int count(String table, Site site) {
    return rows(site).get(table);
  }

  @ParameterizedTest
  @FieldSource("REAL")
  void aRealProjectImportsWithTheCountsItsXmlHolds(String name) throws Exception {
    Path file = QdpxFiles.real(name);
    Document xml = QdpxFiles.xml(QdpxFiles.unzipEntry(Files.newInputStream(file), "project.qde"));
    int xmlCodes = QdpxFiles.count(xml, "//*[local-name()='Code']");
    int xmlCodings =
        QdpxFiles.count(xml, "//*[local-name()='PlainTextSelection']/*[local-name()='Coding']");
    int xmlNotes = QdpxFiles.count(xml, "//*[local-name()='Notes']/*[local-name()='Note']");
    QdpxProject read = QdpxReader.read(file, Limits.defaults());
    long emptySources = read.sources().stream().filter(s -> s.text().isBlank()).count();
    Site site = siteWithVault();
    int codesBefore = count("analysis_code", site);

    ImportResult result = exchange.importAs(site, Files.readAllBytes(file), false);

    assertThat(result.lines()).startsWith(read.summary().subList(0, 5).toArray(String[]::new));
    assertThat(result.lines().get(0)).isEqualTo("codes: " + xmlCodes);
    assertThat(count("analysis_code", site))
        .as("the file's codes and the folder they were put under")
        .isEqualTo(codesBefore + xmlCodes + 1);
    assertThat(count("source", site)).isEqualTo(read.sources().size() - (int) emptySources);
    assertThat(count("analysis_coding", site)).isEqualTo(xmlCodings).isEqualTo(read.codingCount());
    assertThat(result.stored()).containsEntry("codings", xmlCodings);
    if (emptySources > 0) {
      assertThat(result.lines()).anyMatch(l -> l.contains("× empty text source"));
    }
    assertThat(read.notes()).hasSize(xmlNotes);
    assertThat(
            jdbc.sql("select count(*) from audit_entry where site_id = ? and action = ?")
                .params(site.id().value(), "analysis.qdpx.imported")
                .query(Integer.class)
                .single())
        .isEqualTo(1);
  }

  @Test
  void theNvivoProjectsSegmentsShowTheirWordsOnceTheSourceIsReviewed() {
    Path file = QdpxFiles.real(QdpxFiles.NVIVO_WIN);
    Site site = siteWithVault();
    exchange.importAs(site, read(file), false);
    UUID code =
        jdbc.sql(
                "select c.id from analysis_code c where c.site_id = ? and exists (select 1 from"
                    + " analysis_coding x where x.code_id = c.id) order by c.position limit 1")
            .param(site.id().value())
            .query(UUID.class)
            .single();
    assertThat(codings.segments(site, code, true))
        .as("not de-identified yet: no words")
        .allMatch(s -> s.quote() == null);

    for (SourceSummary s : sources.list(site)) {
      deidentification.acceptAll(site, s.id());
    }

    List<String> quotes = allQuotes(site);
    assertThat(quotes)
        .contains("tudatos hal äl reklám, hatalmas árulás")
        .anyMatch(q -> q.startsWith("Senkit nem lehet kötelezni oltásra"))
        .anyMatch(q -> q.startsWith("Nyugi a politikusoknak nem kötelező az oltás"));
  }

  private List<String> allQuotes(Site site) {
    List<UUID> codes =
        jdbc.sql("select distinct code_id from analysis_coding where site_id = ?")
            .param(site.id().value())
            .query(UUID.class)
            .list();
    return codes.stream()
        .flatMap(c -> codings.segments(site, c, true).stream())
        .map(Segment::quote)
        .filter(q -> q != null)
        .toList();
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void aCodingByNeitherAUserNorAnExternalCoderOfTheSiteIsRefused() {
    Site site = siteWithVault();
    exchange.importAs(site, read(QdpxFiles.real(QdpxFiles.QC)), false);
    Site other = fixtures.freshSite();
    UUID otherSitesCoder =
        jdbc.sql("insert into analysis_external_coder (site_id, name) values (?, 'x') returning id")
            .param(other.id().value())
            .query(UUID.class)
            .single();

    for (UUID coder : List.of(UUID.randomUUID(), otherSitesCoder)) {
      assertThatThrownBy(
              () ->
                  jdbc.sql("update analysis_coding set coder_id = ? where site_id = ?")
                      .params(coder, site.id().value())
                      .update())
          .isInstanceOf(org.springframework.dao.DataIntegrityViolationException.class);
    }
  }

  @Test
  void aDryRunReportsTheSameCountsAndStoresNothing() {
    Path file = QdpxFiles.real(QdpxFiles.NVIVO_WIN);
    Site site = siteWithVault();
    Map<String, Integer> before = rows(site);

    ImportResult result = exchange.importAs(site, read(file), true);

    assertThat(result.lines())
        .startsWith("codes: 152", "sources: 2", "selections: 303", "codings: 303", "notes: 0");
    assertThat(result.stored()).containsEntry("codings", 303).containsEntry("codes", 152);
    assertThat(rows(site)).isEqualTo(before);
  }

  @Test
  void badFilesAreRefusedAndLeaveNothingBehind() {
    Site site = siteWithVault();
    Map<String, Integer> before = rows(site);
    String source = "3f2504e0-4f89-41d3-9a0c-0305e82c3301";
    String qde =
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <Project name="p" xmlns="urn:QDA-XML:project:1.0">
          <CodeBook><Codes><Code guid="a1b2c3d4-0000-4000-8000-000000000001" name="c"
            isCodable="true"/></Codes></CodeBook>
          <Sources><TextSource guid="%s" plainTextPath="internal://%s.txt">
            <PlainTextSelection guid="c0000000-0000-4000-8000-000000000001" startPosition="0"
              endPosition="4"><Coding guid="d0000000-0000-4000-8000-000000000001">
              <CodeRef targetGUID="a1b2c3d4-0000-4000-8000-000000000001"/></Coding>
            </PlainTextSelection></TextSource></Sources>
        </Project>
        """
            .formatted(source, source);
    byte[] notAZip = "esto no es un zip".getBytes(StandardCharsets.UTF_8);
    byte[] xxe =
        QdpxFiles.zip(
            Map.of(
                "project.qde",
                ("<?xml version=\"1.0\"?><!DOCTYPE p [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                        + "<Project name=\"&x;\" xmlns=\"urn:QDA-XML:project:1.0\"/>")
                    .getBytes(StandardCharsets.UTF_8)));
    Map<String, byte[]> climbing = new LinkedHashMap<>();
    climbing.put("project.qde", qde.getBytes(StandardCharsets.UTF_8));
    climbing.put("sources/../../evil.txt", "Hola".getBytes(StandardCharsets.UTF_8));
    byte[] missingSource =
        QdpxFiles.zip(Map.of("project.qde", qde.getBytes(StandardCharsets.UTF_8)));

    for (byte[] bad : List.of(notAZip, xxe, QdpxFiles.zip(climbing), missingSource)) {
      assertThatThrownBy(() -> exchange.importAs(site, bad, false))
          .isInstanceOf(QdpxException.class);
    }
    assertThat(rows(site)).isEqualTo(before);
  }

  @Test
  void aFailureAfterTheCodebookWasStoredUndoesAllOfIt() {
    Site site = fixtures.freshSite();
    fixtures.actAs(fixtures.withRole(site.key(), SiteRole.COORDINATOR));
    Map<String, Integer> before = rows(site);

    // No vault: the sources cannot be sealed, after the codes and coders were inserted.
    assertThatThrownBy(() -> exchange.importAs(site, read(QdpxFiles.real(QdpxFiles.QC)), false))
        .isInstanceOf(Conflict.class);

    assertThat(rows(site)).isEqualTo(before);
  }

  @Test
  void onlyACoordinatorOfTheSiteImportsAndAnotherSitesKeyIsRefused() {
    Site mine = siteWithVault();
    Site other = fixtures.freshSite();
    byte[] file = read(QdpxFiles.real(QdpxFiles.QC));
    Map<String, Integer> before = rows(other);

    assertThatThrownBy(() -> exchange.importAs(other, file, false)).isInstanceOf(Forbidden.class);
    fixtures.actAs(fixtures.withRole(mine.key(), SiteRole.RESEARCHER));
    assertThatThrownBy(() -> exchange.importAs(mine, file, false)).isInstanceOf(Forbidden.class);
    assertThat(rows(other)).isEqualTo(before);
  }

  @Test
  void anExportReimportsWithTheSameCountsAndTheSameWords() {
    Site first = siteWithVault();
    exchange.importAs(first, read(QdpxFiles.real(QdpxFiles.QC)), false);
    for (SourceSummary s : sources.list(first)) {
      deidentification.acceptAll(first, s.id());
    }
    List<String> quotesBefore = allQuotes(first).stream().sorted().toList();

    byte[] exported = exchange.exportAs(first);
    QdpxProject out = QdpxReader.read(new ByteArrayInputStream(exported), Limits.defaults());
    assertThat(out.codingCount()).isEqualTo(count("analysis_coding", first));
    assertThat(out.allCodes())
        .extracting(QdpxCode::name)
        .doesNotContain("Temas silenciados", "Violencia sexual en la familia");

    Site second = siteWithVault();
    int codesBefore = count("analysis_code", second);
    ImportResult again = exchange.importAs(second, exported, false);
    for (SourceSummary s : sources.list(second)) {
      deidentification.acceptAll(second, s.id());
    }

    assertThat(again.lines()).startsWith(out.summary().subList(0, 5).toArray(String[]::new));
    assertThat(count("analysis_code", second)).isEqualTo(codesBefore + out.allCodes().size() + 1);
    assertThat(count("source", second)).isEqualTo(out.sources().size());
    assertThat(count("analysis_coding", second)).isEqualTo(out.codingCount());
    assertThat(count("analysis_memo", second)).isEqualTo(out.notes().size());
    assertThat(allQuotes(second).stream().sorted().toList()).isEqualTo(quotesBefore);
  }

  @Test
  void theCommandLinePrintsOneLinePerKindAndADryRunStoresNothing() {
    Site site = siteWithVault();
    fixtures.actAsNobody();
    Path file = QdpxFiles.real(QdpxFiles.NVIVO_WIN);
    Map<String, Integer> before = rows(site);
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    java.io.PrintStream o = System.out;
    java.io.PrintStream e = System.err;
    int dry;
    int unknown;
    int notAFile;
    try {
      System.setOut(new java.io.PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new java.io.PrintStream(err, true, StandardCharsets.UTF_8));
      dry =
          commandLine.execute("qdpx", "import", "--site", site.key(), "--dry-run", file.toString());
      unknown = commandLine.execute("qdpx", "import", "--site", "no-such-site", file.toString());
      notAFile = commandLine.execute("qdpx", "import", "--site", site.key(), "pom.xml");
    } finally {
      System.setOut(o);
      System.setErr(e);
    }

    assertThat(dry).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8).lines().limit(5))
        .containsExactly("codes: 152", "sources: 2", "selections: 303", "codings: 303", "notes: 0");
    assertThat(rows(site)).isEqualTo(before);
    assertThat(unknown).isEqualTo(2);
    assertThat(notAFile).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8).lines())
        .hasSize(2)
        .first()
        .isEqualTo("unknown site: no-such-site");
  }

  @Test
  void inTheBrowserACoordinatorSeesTheDryRunsReportThenConfirms() throws Exception {
    Site site = fixtures.freshSite();
    Fixtures.Person coordinator = fixtures.withRole(site.key(), SiteRole.COORDINATOR);
    fixtures.actAs(coordinator);
    vaults.create(site, PASSPHRASE);
    fixtures.actAsNobody();
    org.springframework.mock.web.MockHttpSession session = fixtures.signIn(mvc, coordinator);
    String base = "/manage/sites/" + site.key() + "/analysis/qdpx";
    Map<String, Integer> before = rows(site);

    var checked =
        mvc.perform(
                org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart(
                        base + "/check")
                    .file(
                        new org.springframework.mock.web.MockMultipartFile(
                            "file",
                            "p.qdpx",
                            "application/zip",
                            read(QdpxFiles.real(QdpxFiles.NVIVO_WIN))))
                    .session(session)
                    .with(
                        org.springframework.security.test.web.servlet.request
                            .SecurityMockMvcRequestPostProcessors.csrf())
                    .header("Accept-Language", "es"))
            .andReturn();
    assertThat(checked.getResponse().getStatus()).isEqualTo(200);
    assertThat(checked.getResponse().getContentAsString(StandardCharsets.UTF_8))
        .contains("codes: 152")
        .contains("codings: 303")
        .contains("Informe de la revisión");
    assertThat(rows(site)).isEqualTo(before);

    var refused =
        mvc.perform(
                org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart(
                        base + "/check")
                    .file(
                        new org.springframework.mock.web.MockMultipartFile(
                            "file",
                            "p.qdpx",
                            "application/zip",
                            "no".getBytes(StandardCharsets.UTF_8)))
                    .session(session)
                    .with(
                        org.springframework.security.test.web.servlet.request
                            .SecurityMockMvcRequestPostProcessors.csrf())
                    .header("Accept-Language", "en"))
            .andReturn();
    assertThat(refused.getResponse().getStatus()).isEqualTo(422);
    assertThat(refused.getResponse().getContentAsString(StandardCharsets.UTF_8))
        .contains("it is not a zip archive");

    String token = (String) checked.getModelAndView().getModel().get("token");
    var confirmed =
        mvc.perform(
                org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(
                        base + "/import")
                    .param("token", token)
                    .session(session)
                    .with(
                        org.springframework.security.test.web.servlet.request
                            .SecurityMockMvcRequestPostProcessors.csrf()))
            .andReturn();
    assertThat(confirmed.getResponse().getStatus()).isEqualTo(302);
    assertThat(count("analysis_coding", site)).isEqualTo(303);
    assertThat(count("source", site)).isEqualTo(2);

    var again =
        mvc.perform(
                org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(
                        base + "/import")
                    .param("token", token)
                    .session(session)
                    .with(
                        org.springframework.security.test.web.servlet.request
                            .SecurityMockMvcRequestPostProcessors.csrf()))
            .andReturn();
    assertThat(again.getResponse().getStatus()).as("a token imports once").isEqualTo(400);
    assertThat(count("analysis_coding", site)).isEqualTo(303);
  }
}
