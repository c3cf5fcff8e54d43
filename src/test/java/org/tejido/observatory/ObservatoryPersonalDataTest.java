package org.tejido.observatory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.tejido.audit.AuditEntry;
import org.tejido.audit.AuditLog;
import org.tejido.crypto.SiteEncryption;
import org.tejido.observatory.ObservatoryData.Tracked;
import org.tejido.observatory.internal.Observatory;
import org.tejido.observatory.internal.Observatory.InstitutionInput;
import org.tejido.observatory.internal.Observatory.UpdateInput;
import org.tejido.observatory.internal.ObservatoryStore;
import org.tejido.support.Fixtures;
import org.tejido.support.LogicalDump;
import org.tejido.support.TejidoTest;

/**
 * Personal data in the observatory: the directory's contacts, the digest's addresses and held
 * evidence are sealed at rest and reach staff only; an update's evidence reaches the public only
 * once published, and is clear at rest only then.
 */
@TejidoTest
@ExtendWith(OutputCaptureExtension.class)
class ObservatoryPersonalDataTest {

  private static final String CONTACT = "Lic. Rosaura Quintanilla, 443 555 0177";
  private static final String ADDRESS = "rosaura.quintanilla@correo.example";
  private static final String HELD = "La señora Benita de la tienda de la esquina nos contó";
  private static final String HELD_LINK = "https://vecinos.example/benita";
  private static final byte[] HELD_FILE = "%PDF-1.4 benita".getBytes(StandardCharsets.US_ASCII);

  @Autowired MockMvc mvc;
  @Autowired Fixtures fixtures;
  @Autowired Observatory observatory;
  @Autowired ObservatoryStore store;
  @Autowired ObservatoryTracker tracker;
  @Autowired AuditLog audit;
  @Autowired SiteEncryption encryption;
  @Autowired JdbcClient jdbc;
  @Autowired DataSource dataSource;
  @Autowired ApplicationContext context;
  ObservatoryData data;

  @BeforeEach
  void data() {
    data = ObservatoryData.of(context);
  }

  private MockHttpServletResponse anonymous(String url) throws Exception {
    return mvc.perform(get(url).header("Accept-Language", "es")).andReturn().getResponse();
  }

  private String body(MockHttpServletResponse r) throws Exception {
    return r.getContentAsString(StandardCharsets.UTF_8);
  }

  private InstitutionId institutionWithContact(Tracked t) {
    fixtures.actAs(t.member());
    try {
      return observatory.addInstitution(
          t.site(), new InstitutionInput("Comité vecinal", "none", "community_group", CONTACT));
    } finally {
      fixtures.actAsNobody();
    }
  }

  private UpdateId update(Tracked t, RecommendationId r, String source, String evidence) {
    fixtures.actAs(t.member());
    try {
      return observatory.addUpdate(
          t.site(),
          r,
          new UpdateInput(
              source,
              "in_progress",
              "",
              "40",
              evidence,
              HELD_LINK,
              "2026-02-10",
              "recorrido-benita.pdf",
              HELD_FILE));
    } finally {
      fixtures.actAsNobody();
    }
  }

  @Test
  void contactsAndDigestAddressesAreSealedAtRestAndStillReachTheStaff() throws Exception {
    Tracked t = data.siteWithPublishedAgenda();
    InstitutionId i = institutionWithContact(t);
    fixtures.actAs(t.member());
    try {
      observatory.saveDigestAddress(t.site(), ADDRESS, "es");
    } finally {
      fixtures.actAsNobody();
    }

    LogicalDump dump = LogicalDump.of(dataSource);
    assertThat(dump.where("Quintanilla")).isEmpty();
    assertThat(dump.where("443 555 0177")).isEmpty();
    assertThat(dump.where(ADDRESS)).isEmpty();

    MockHttpSession member = fixtures.signIn(mvc, t.member());
    String edit =
        body(
            mvc.perform(
                    get("/manage/sites/" + t.site().key() + "/observatory/institutions/" + i)
                        .session(member))
                .andReturn()
                .getResponse());
    assertThat(edit).contains("Lic. Rosaura Quintanilla, 443 555 0177");
    assertThat(store.recipients(t.site().id().value()))
        .extracting(ObservatoryStore.Subscriber::email)
        .containsExactly(ADDRESS);

    // Sealed to its row: the ciphertext copied onto another institution does not open there.
    InstitutionId other = data.institution(t, "Parroquia");
    jdbc.sql(
            "update observatory_institution set contacts_sealed = (select contacts_sealed from"
                + " observatory_institution where id = ?) where id = ?")
        .params(i.value(), other.value())
        .update();
    assertThatThrownBy(() -> store.institutionWithContacts(t.site().id().value(), other.value()))
        .isInstanceOf(SiteEncryption.TamperedData.class);
  }

  @Test
  void rowsKeptInClearBeforeSealingAreSealedOnceAndReadTheSame() {
    Tracked t = data.siteWithPublishedAgenda();
    UUID site = t.site().id().value();
    UUID institution = UUID.randomUUID();
    // As V23 wrote them.
    jdbc.sql(
            "insert into observatory_institution (id, site_id, name, level, type, contacts)"
                + " values (?, ?, 'Comité de la colonia', 'none', 'community_group', ?)")
        .params(institution, site, CONTACT)
        .update();
    jdbc.sql(
            "insert into observatory_subscriber (site_id, user_id, email, language)"
                + " values (?, ?, ?, 'en')")
        .params(site, t.member().id().value(), ADDRESS)
        .update();
    assertThat(store.institutionWithContacts(site, institution).orElseThrow().contacts())
        .isEqualTo(CONTACT);

    assertThat(store.sealClearRows()).isGreaterThanOrEqualTo(2);
    assertThat(store.sealClearRows()).isZero();

    assertThat(store.institutionWithContacts(site, institution).orElseThrow().contacts())
        .isEqualTo(CONTACT);
    assertThat(store.subscriber(site, t.member().id().value()).orElseThrow().email())
        .isEqualTo(ADDRESS);
    LogicalDump dump = LogicalDump.of(dataSource);
    assertThat(dump.where("Quintanilla")).isEmpty();
    assertThat(dump.where(ADDRESS)).isEmpty();
  }

  @Test
  void contactsReachNoPublicPageApiExportAuditEntryOrLog(CapturedOutput output) throws Exception {
    Tracked t = data.siteWithPublishedAgenda();
    InstitutionId i = institutionWithContact(t);
    RecommendationId r = data.recommendation(t, i);
    data.sessionWithCommitment(t, i, r, "2026-02-01");
    update(t, r, "official", "Informe de obra");
    MockHttpSession member = fixtures.signIn(mvc, t.member());
    mvc.perform(
            get("/manage/sites/" + t.site().key() + "/observatory/institutions/" + i)
                .session(member))
        .andReturn();
    mvc.perform(
            post("/manage/sites/" + t.site().key() + "/observatory/digest")
                .session(member)
                .with(csrf())
                .param("email", ADDRESS)
                .param("language", "es"))
        .andReturn();

    String key = t.site().key();
    String api = "/api/v1/sites/" + key + "/recommendations";
    for (String url :
        List.of(
            "/sites/" + key,
            "/sites/" + key + "/tracker",
            "/sites/" + key + "/tracker/" + r,
            api,
            api + "/" + r,
            api + "?format=csv",
            api + "?format=csv&table=commitments",
            api + "?format=csv&table=updates",
            api + "/" + r + "?format=csv",
            "/datos",
            "/api/v1/catalog")) {
      MockHttpServletResponse response = anonymous(url);
      assertThat(response.getStatus()).as(url).isEqualTo(200);
      assertThat(body(response)).as(url).doesNotContain("Quintanilla", "0177", ADDRESS);
    }
    List<AuditEntry> entries = audit.forSite(t.site().id().value(), 200, Long.MAX_VALUE);
    assertThat(entries).extracting(AuditEntry::action).contains("observatory.contacts.read");
    assertThat(entries.toString()).doesNotContain("Quintanilla", "0177", ADDRESS);
    assertThat(output.getAll()).doesNotContain("Quintanilla", "0177", ADDRESS);
  }

  @Test
  void communityEvidenceIsHeldFromThePublicUntilAMemberPublishesIt() throws Exception {
    Tracked t = data.siteWithPublishedAgenda();
    RecommendationId r = data.recommendation(t, data.institution(t, "Obras"));
    String key = t.site().key();
    String page = "/sites/" + key + "/tracker/" + r;
    String api = "/api/v1/sites/" + key + "/recommendations";
    String file = page + "/updates/" + update(t, r, "official", "Informe de obra") + "/file";
    // Served once before: publishing must empty the page cache.
    assertThat(body(anonymous(page))).contains("Informe de obra");
    UpdateId held = update(t, r, "community", HELD);
    String heldFile = page + "/updates/" + held + "/file";

    for (String url :
        List.of(
            "/sites/" + key + "/tracker",
            page,
            api,
            api + "/" + r,
            api + "?format=csv&table=updates",
            api + "/" + r + "?format=csv")) {
      String shown = body(anonymous(url));
      assertThat(shown).as(url).doesNotContain("Benita", heldFile);
    }
    assertThat(body(anonymous(api + "/" + r))).contains("\"status\":\"in_progress\"");
    assertThat(anonymous(file).getStatus()).isEqualTo(200);
    assertThat(anonymous(heldFile).getStatus()).isEqualTo(404);

    // The staff page shows it, and says what is public and what is held.
    MockHttpSession member = fixtures.signIn(mvc, t.member());
    String staff = "/manage/sites/" + key + "/observatory/recommendations/" + r;
    String staffPage = body(mvc.perform(get(staff).session(member)).andReturn().getResponse());
    assertThat(staffPage)
        .contains(HELD, "Evidencia retenida: solo el equipo la ve", "Evidencia pública")
        .contains("/updates/" + held + "/evidence");

    MockHttpServletResponse published =
        mvc.perform(
                post(staff + "/updates/" + held + "/evidence")
                    .session(member)
                    .with(csrf())
                    .param("published", "true"))
            .andReturn()
            .getResponse();
    assertThat(published.getStatus()).isEqualTo(302);
    assertThat(body(anonymous(page))).contains(HELD, heldFile);
    assertThat(body(anonymous(api + "/" + r))).contains("Benita");
    assertThat(anonymous(heldFile).getStatus()).isEqualTo(200);
    assertThat(audit.forSite(t.site().id().value(), 50, Long.MAX_VALUE))
        .filteredOn(e -> e.action().equals("observatory.evidence.published"))
        .extracting(AuditEntry::subject)
        .containsExactly("update:" + held);

    // Held again: gone from the public once more.
    mvc.perform(
            post(staff + "/updates/" + held + "/evidence")
                .session(member)
                .with(csrf())
                .param("published", "false"))
        .andReturn();
    assertThat(body(anonymous(page))).doesNotContain("Benita");
    assertThat(anonymous(heldFile).getStatus()).isEqualTo(404);
  }

  @Test
  void publishingNeedsTheSitesObservatoryAChoiceAndAnUpdateOfThisSite() throws Exception {
    Tracked t = data.siteWithPublishedAgenda();
    Tracked other = data.siteWithPublishedAgenda();
    RecommendationId r = data.recommendation(t, data.institution(t, "Obras"));
    UpdateId held = update(t, r, "community", HELD);
    RecommendationId theirs = data.recommendation(other, data.institution(other, "Obras"));
    UpdateId theirUpdate = update(other, theirs, "community", HELD);
    String staff = "/manage/sites/" + t.site().key() + "/observatory/recommendations/" + r;
    MockHttpSession member = fixtures.signIn(mvc, t.member());

    // Another site's update, under this site's recommendation or its own: not found.
    for (String url :
        List.of(
            staff + "/updates/" + theirUpdate + "/evidence",
            "/manage/sites/"
                + t.site().key()
                + "/observatory/recommendations/"
                + theirs
                + "/updates/"
                + theirUpdate
                + "/evidence")) {
      assertThat(
              mvc.perform(post(url).session(member).with(csrf()).param("published", "true"))
                  .andReturn()
                  .getResponse()
                  .getStatus())
          .as(url)
          .isEqualTo(404);
    }
    assertThat(
            mvc.perform(
                    post(staff + "/updates/" + held + "/evidence")
                        .session(member)
                        .with(csrf())
                        .param("published", "yes"))
                .andReturn()
                .getResponse()
                .getStatus())
        .isEqualTo(400);
    // Without the CSRF token, nothing changes.
    assertThat(
            mvc.perform(
                    post(staff + "/updates/" + held + "/evidence")
                        .session(member)
                        .param("published", "true"))
                .andReturn()
                .getResponse()
                .getStatus())
        .isEqualTo(403);
    assertThat(tracker.recommendation(t.site(), r).orElseThrow().community())
        .allSatisfy(u -> assertThat(u.evidence()).isEmpty());
    assertThat(tracker.recommendation(other.site(), theirs).orElseThrow().community())
        .allSatisfy(u -> assertThat(u.hasEvidence()).isFalse());
  }

  private MockHttpServletResponse staffFile(
      MockHttpSession member, Tracked t, RecommendationId r, UpdateId u) throws Exception {
    return mvc.perform(
            get("/manage/sites/"
                    + t.site().key()
                    + "/observatory/recommendations/"
                    + r
                    + "/updates/"
                    + u
                    + "/file")
                .session(member))
        .andReturn()
        .getResponse();
  }

  private void publish(Tracked t, RecommendationId r, UpdateId u, boolean published) {
    fixtures.actAs(t.member());
    try {
      observatory.publishEvidence(t.site(), r, u, String.valueOf(published));
    } finally {
      fixtures.actAsNobody();
    }
  }

  /**
   * Whether a dump reads the evidence of these updates: text, link, file name
   * ("recorrido-benita.pdf") and file content all name Benita (other tests of this class publish
   * official evidence naming her, so only these updates' rows are searched).
   */
  private boolean dumpReadsEvidenceOf(UpdateId... updates) {
    String rows = LogicalDump.of(dataSource).table("public.observatory_update");
    return Arrays.stream(rows.split("\n"))
        .filter(row -> Arrays.stream(updates).anyMatch(u -> row.startsWith(u.value().toString())))
        .anyMatch(
            row ->
                Stream.of("Benita", "benita", "%PDF-1.4")
                    .anyMatch(
                        text ->
                            row.contains(text)
                                || row.contains(
                                    HexFormat.of()
                                        .formatHex(text.getBytes(StandardCharsets.UTF_8)))));
  }

  @Test
  void heldEvidenceIsSealedAtRestStillReachesTheStaffAndIsClearOnlyOncePublished()
      throws Exception {
    Tracked t = data.siteWithPublishedAgenda();
    RecommendationId r = data.recommendation(t, data.institution(t, "Obras"));
    UpdateId held = update(t, r, "community", HELD);

    assertThat(dumpReadsEvidenceOf(held)).isFalse();
    assertThat(store.updatesWithHeldEvidence(t.site().id().value()))
        .filteredOn(u -> u.id().equals(held))
        .singleElement()
        .satisfies(
            u -> {
              assertThat(u.evidence()).isEqualTo(HELD);
              assertThat(u.link()).isEqualTo(HELD_LINK);
              assertThat(u.fileName()).isEqualTo("recorrido-benita.pdf");
            });
    MockHttpSession member = fixtures.signIn(mvc, t.member());
    String staff = "/manage/sites/" + t.site().key() + "/observatory/recommendations/" + r;
    assertThat(body(mvc.perform(get(staff).session(member)).andReturn().getResponse()))
        .contains(HELD, HELD_LINK);
    MockHttpServletResponse file = staffFile(member, t, r, held);
    assertThat(file.getStatus()).isEqualTo(200);
    assertThat(file.getContentAsByteArray()).isEqualTo(HELD_FILE);
    // A field is clear or sealed, never both.
    assertThatThrownBy(
            () ->
                jdbc.sql("update observatory_update set evidence = 'x' where id = ?")
                    .param(held.value())
                    .update())
        .isInstanceOf(org.springframework.dao.DataIntegrityViolationException.class);

    publish(t, r, held, true);
    assertThat(dumpReadsEvidenceOf(held)).isTrue();
    assertThat(
            jdbc.sql(
                    "select evidence_sealed is null and link_sealed is null and file_sealed is null"
                        + " and file_name_sealed is null and evidence = ? and file = ?"
                        + " from observatory_update where id = ?")
                .params(HELD, HELD_FILE, held.value())
                .query(Boolean.class)
                .single())
        .isTrue();
    String page = "/sites/" + t.site().key() + "/tracker/" + r;
    assertThat(body(anonymous(page))).contains(HELD, HELD_LINK);
    assertThat(anonymous(page + "/updates/" + held + "/file").getContentAsByteArray())
        .isEqualTo(HELD_FILE);

    publish(t, r, held, false);
    assertThat(dumpReadsEvidenceOf(held)).isFalse();
    assertThat(body(anonymous(page))).doesNotContain("Benita");
    assertThat(staffFile(member, t, r, held).getContentAsByteArray()).isEqualTo(HELD_FILE);
    assertThat(body(mvc.perform(get(staff).session(member)).andReturn().getResponse()))
        .contains(HELD, HELD_LINK);

    // Sealed to its row: held evidence copied onto another update does not open there.
    UpdateId other = update(t, r, "community", "Otra evidencia");
    jdbc.sql(
            "update observatory_update set evidence_sealed = (select evidence_sealed from"
                + " observatory_update where id = ?) where id = ?")
        .params(held.value(), other.value())
        .update();
    assertThatThrownBy(() -> store.updatesWithHeldEvidence(t.site().id().value()))
        .isInstanceOf(SiteEncryption.TamperedData.class);
  }

  @Test
  void aCorrectionKeepingAHeldFileServesItToTheStaffAndKeepsItHeld() throws Exception {
    Tracked t = data.siteWithPublishedAgenda();
    RecommendationId r = data.recommendation(t, data.institution(t, "Obras"));
    UpdateId held = update(t, r, "community", HELD);
    UpdateId correction;
    UpdateId official;
    fixtures.actAs(t.member());
    try {
      correction =
          observatory.correctUpdate(
              t.site(),
              r,
              held,
              new UpdateInput(
                  "community", "in_progress", "", "45", "", "", "2026-02-10", null, null),
              "El avance era 45 %",
              true);
      // Entered as an official report, public on entry; the file it keeps was held: held still.
      official =
          observatory.correctUpdate(
              t.site(),
              r,
              correction,
              new UpdateInput(
                  "official", "in_progress", "", "50", "", "", "2026-02-10", null, null),
              "Era un informe oficial",
              true);
    } finally {
      fixtures.actAsNobody();
    }

    MockHttpSession member = fixtures.signIn(mvc, t.member());
    String page = "/sites/" + t.site().key() + "/tracker/" + r;
    for (UpdateId u : List.of(correction, official)) {
      MockHttpServletResponse file = staffFile(member, t, r, u);
      assertThat(file.getStatus()).as(u.toString()).isEqualTo(200);
      assertThat(file.getContentAsByteArray()).isEqualTo(HELD_FILE);
      assertThat(anonymous(page + "/updates/" + u + "/file").getStatus()).isEqualTo(404);
    }
    assertThat(body(anonymous(page))).doesNotContain("benita");
    assertThat(dumpReadsEvidenceOf(held, correction, official)).isFalse();
    // The staff's record of earlier versions opens what they held.
    fixtures.actAs(t.member());
    try {
      assertThat(observatory.earlierVersions(t.site(), official))
          .extracting(ProgressUpdate::evidence, ProgressUpdate::fileName)
          .containsExactly(tuple("", "recorrido-benita.pdf"), tuple(HELD, "recorrido-benita.pdf"));
    } finally {
      fixtures.actAsNobody();
    }
  }

  @Test
  void heldEvidenceKeptInClearBeforeSealingIsSealedOnceAndReadsTheSame() throws Exception {
    Tracked t = data.siteWithPublishedAgenda();
    UUID site = t.site().id().value();
    RecommendationId r = data.recommendation(t, data.institution(t, "Obras"));
    UUID id = UUID.randomUUID();
    // As V39 left it: held, in clear.
    jdbc.sql(
            "insert into observatory_update (id, site_id, recommendation_id, source, status,"
                + " progress, evidence, link, file_name, file_type, file, reported_on,"
                + " evidence_public) values (?, ?, ?, 'community', 'in_progress', 30, ?, ?,"
                + " 'recorrido-benita.pdf', 'application/pdf', ?, date '2026-01-05', false)")
        .params(id, site, r.value(), HELD, HELD_LINK, HELD_FILE)
        .update();
    MockHttpSession member = fixtures.signIn(mvc, t.member());
    assertThat(staffFile(member, t, r, new UpdateId(id)).getContentAsByteArray())
        .isEqualTo(HELD_FILE);
    assertThat(dumpReadsEvidenceOf(new UpdateId(id))).isTrue();

    assertThat(store.sealClearRows()).isGreaterThanOrEqualTo(1);
    assertThat(store.sealClearRows()).isZero();

    assertThat(dumpReadsEvidenceOf(new UpdateId(id))).isFalse();
    assertThat(store.updatesWithHeldEvidence(site))
        .filteredOn(u -> u.id().value().equals(id))
        .extracting(ProgressUpdate::evidence, ProgressUpdate::link)
        .containsExactly(tuple(HELD, HELD_LINK));
    assertThat(staffFile(member, t, r, new UpdateId(id)).getContentAsByteArray())
        .isEqualTo(HELD_FILE);
  }
}
