package org.tejido.agenda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.tejido.identity.SiteRole;
import org.tejido.sites.Site;
import org.tejido.support.Fixtures;
import org.tejido.support.Fixtures.Person;
import org.tejido.support.TejidoTest;

/**
 * The printable booklet of a published agenda: every issue and proposal in the language asked for,
 * never a silenced issue, fonts embedded, tagged, on the paper asked for, cached like the agenda.
 */
@TejidoTest
@TestInstance(Lifecycle.PER_CLASS)
class AgendaBookletTest {

  private static final String SILENCED_ES = "Cobro de piso 5e2d";
  private static final String SILENCED_EN = "Protection racket 5e2d";
  private static final String DRAFT_ONLY = "Solo en el borrador 8b1c";

  private static final List<String> ISSUES_ES =
      List.of(
          "Asaltos en la parada del camión", "Falta de alumbrado público", "Acoso a las mujeres");
  private static final List<String> ISSUES_EN =
      List.of("Muggings at the bus stop", "No street lighting", "Harassment of women");
  private static final List<String> PROPOSALS_ES =
      List.of(
          "Patrullaje a la hora de salida del trabajo",
          "Un comité vecinal de seguimiento",
          "Caminar acompañadas de noche");
  private static final List<String> PROPOSALS_EN =
      List.of(
          "Patrols when people leave work",
          "A neighbourhood follow-up committee",
          "Walking together at night");

  @Autowired MockMvc mvc;
  @Autowired Fixtures fixtures;
  @Autowired AgendaEditing editing;

  private Site site;
  private MockHttpSession coordinatorSession;

  @BeforeAll
  void aPublishedAgendaWithASilencedIssueAndADraft() throws Exception {
    site = fixtures.freshSite();
    Person coordinator = fixtures.withRole(site.key(), SiteRole.COORDINATOR);
    fixtures.actAs(coordinator);
    editing.startDraft(site);
    UUID muggings =
        editing.addIssue(
            site,
            new IssueInput(
                ISSUES_ES.get(0),
                ISSUES_EN.get(0),
                "Por la noche",
                "At night",
                List.of("personal", "community"),
                false));
    UUID lighting =
        editing.addIssue(
            site,
            new IssueInput(
                ISSUES_ES.get(1), ISSUES_EN.get(1), null, null, List.of("community"), false));
    UUID silenced =
        editing.addIssue(
            site, new IssueInput(SILENCED_ES, SILENCED_EN, null, null, List.of("economic"), true));
    UUID harassment =
        editing.addIssue(
            site,
            new IssueInput(
                ISSUES_ES.get(2), ISSUES_EN.get(2), null, null, List.of("women"), false));
    editing.addProposal(
        site,
        new ProposalInput(
            "authorities", PROPOSALS_ES.get(0), PROPOSALS_EN.get(0), List.of(muggings, silenced)));
    editing.addProposal(
        site,
        new ProposalInput(
            "civil_society", PROPOSALS_ES.get(1), PROPOSALS_EN.get(1), List.of(lighting)));
    editing.addProposal(
        site,
        new ProposalInput(
            "community", PROPOSALS_ES.get(2), PROPOSALS_EN.get(2), List.of(harassment)));
    editing.publish(site);
    editing.startDraft(site);
    editing.addIssue(
        site, new IssueInput(DRAFT_ONLY, "Draft only 8b1c", null, null, List.of("health"), false));
    coordinatorSession = fixtures.signIn(mvc, coordinator);
    fixtures.actAsNobody();
  }

  private MockHttpServletResponse fetch(String path) throws Exception {
    return mvc.perform(get(path)).andReturn().getResponse();
  }

  private String url(String query) {
    return "/sites/" + site.key() + "/agenda.pdf" + query;
  }

  /** The booklet's words, with line breaks and repeated spaces as single spaces. */
  private static String text(PDDocument pdf) throws IOException {
    return new PDFTextStripper().getText(pdf).replaceAll("\\s+", " ");
  }

  @Test
  void theSpanishBookletHasEveryIssueAndProposalInSpanishAndNoSilencedIssue() throws Exception {
    MockHttpServletResponse answer = fetch(url("?version=1&lang=es"));

    assertThat(answer.getStatus()).isEqualTo(200);
    assertThat(answer.getContentType()).isEqualTo("application/pdf");
    try (PDDocument pdf = Loader.loadPDF(answer.getContentAsByteArray())) {
      String text = text(pdf);
      assertThat(text).contains(ISSUES_ES).contains(PROPOSALS_ES).contains("Por la noche");
      assertThat(text).doesNotContain(ISSUES_EN).doesNotContain(PROPOSALS_EN);
      assertThat(text).doesNotContain(SILENCED_ES, SILENCED_EN, "5e2d", DRAFT_ONLY);
      assertThat(text).contains("Autoridades", "Comunidad", "Cómo se hizo esta agenda");
      assertThat(pdf.getDocumentCatalog().getLanguage()).isEqualTo("es");
    }
  }

  @Test
  void theEnglishBookletHasEveryIssueAndProposalInEnglishAndNoSilencedIssue() throws Exception {
    MockHttpServletResponse answer = fetch(url("?version=1&lang=en&format=letter"));

    assertThat(answer.getStatus()).isEqualTo(200);
    assertThat(answer.getHeader("Content-Language")).isEqualTo("en");
    try (PDDocument pdf = Loader.loadPDF(answer.getContentAsByteArray())) {
      String text = text(pdf);
      assertThat(text).contains(ISSUES_EN).contains(PROPOSALS_EN).contains("At night");
      assertThat(text).doesNotContain(ISSUES_ES).doesNotContain(PROPOSALS_ES);
      assertThat(text).doesNotContain(SILENCED_ES, SILENCED_EN, "5e2d");
      assertThat(text).contains("How this agenda was made");
      assertThat(pdf.getDocumentCatalog().getLanguage()).isEqualTo("en");
    }
  }

  @Test
  void withoutLangTheBookletSpeaksTheBrowsersLanguageAndSaysItVariesByIt() throws Exception {
    MockHttpServletResponse answer =
        mvc.perform(get(url("")).header("Accept-Language", "en-GB,en;q=0.8"))
            .andReturn()
            .getResponse();

    assertThat(answer.getHeaders("Vary")).contains("Accept-Language");
    try (PDDocument pdf = Loader.loadPDF(answer.getContentAsByteArray())) {
      assertThat(text(pdf)).contains(ISSUES_EN.get(0));
    }
  }

  @Test
  void aControlCharacterPastedIntoAnIssueDoesNotBreakTheBooklet() throws Exception {
    Site pasted = fixtures.freshSite();
    fixtures.actAs(fixtures.withRole(pasted.key(), SiteRole.COORDINATOR));
    editing.startDraft(pasted);
    editing.addIssue(
        pasted,
        new IssueInput(
            "Asaltos\u0007 en la parada\u001b del camión",
            "Muggings\u0001 at the bus stop",
            null,
            null,
            List.of("personal"),
            false));
    editing.publish(pasted);
    fixtures.actAsNobody();

    MockHttpServletResponse response = fetch("/sites/" + pasted.key() + "/agenda.pdf?lang=es");
    assertThat(response.getStatus()).isEqualTo(200);
    try (PDDocument pdf = Loader.loadPDF(response.getContentAsByteArray())) {
      assertThat(text(pdf)).contains("Asaltos en la parada del camión");
    }
  }

  @Test
  void aFiveAndLetterArePrintedOnTheirPaper() throws Exception {
    try (PDDocument a5 = Loader.loadPDF(fetch(url("?format=a5")).getContentAsByteArray());
        PDDocument letter = Loader.loadPDF(fetch(url("?format=letter")).getContentAsByteArray())) {
      for (PDPage page : a5.getPages()) {
        assertThat(page.getMediaBox().getWidth()).isCloseTo(419.5f, within(1f));
        assertThat(page.getMediaBox().getHeight()).isCloseTo(595.3f, within(1f));
      }
      for (PDPage page : letter.getPages()) {
        assertThat(page.getMediaBox().getWidth()).isCloseTo(612f, within(1f));
        assertThat(page.getMediaBox().getHeight()).isCloseTo(792f, within(1f));
      }
      // Cover, issues, proposals, methodology: each starts a page, and pages are numbered.
      assertThat(a5.getNumberOfPages()).isGreaterThanOrEqualTo(4);
      String last = new PDFTextStripper().getText(a5);
      assertThat(last).contains("2 / " + a5.getNumberOfPages());
    }
  }

  private static org.assertj.core.data.Offset<Float> within(float f) {
    return org.assertj.core.data.Offset.offset(f);
  }

  @Test
  void everyFontIsEmbeddedAndTheDocumentIsTaggedWithATitle() throws Exception {
    try (PDDocument pdf = Loader.loadPDF(fetch(url("?version=1")).getContentAsByteArray())) {
      List<String> fonts = new ArrayList<>();
      for (PDPage page : pdf.getPages()) {
        for (COSName name : page.getResources().getFontNames()) {
          PDFont font = page.getResources().getFont(name);
          assertThat(font.isEmbedded()).as(font.getName()).isTrue();
          fonts.add(font.getName());
        }
      }
      assertThat(fonts).isNotEmpty().allMatch(name -> name.contains("DejaVu"));
      assertThat(pdf.getDocumentCatalog().getMarkInfo().isMarked()).isTrue();
      assertThat(pdf.getDocumentCatalog().getStructureTreeRoot()).isNotNull();
      assertThat(pdf.getDocumentInformation().getTitle())
          .isEqualTo("Agenda Local de Seguridad Humana de " + site.municipality() + ", versión 1");
    }
  }

  @Test
  void theCoverIsDesignedAndThePagesCanBeLookedAt() throws Exception {
    Path out = Path.of("target", "booklet");
    Files.createDirectories(out);
    for (String lang : List.of("es", "en")) {
      try (PDDocument pdf =
          Loader.loadPDF(fetch(url("?lang=" + lang + "&format=a5")).getContentAsByteArray())) {
        PDFRenderer renderer = new PDFRenderer(pdf);
        BufferedImage cover = renderer.renderImageWithDPI(0, 110);
        BufferedImage inner = renderer.renderImageWithDPI(1, 110);
        ImageIO.write(cover, "png", out.resolve("cover-" + lang + ".png").toFile());
        ImageIO.write(inner, "png", out.resolve("issues-" + lang + ".png").toFile());
        // A full-bleed cover in the site's colour, not a printed web page on white.
        assertThat(cover.getRGB(5, 5) & 0xFFFFFF).isEqualTo(0x7A2E1F);
        assertThat(inner.getRGB(5, 5) & 0xFFFFFF).isEqualTo(0xFFFFFF);
      }
    }
  }

  @Test
  void aPublishedVersionIsImmutableWithAStrongETagAndTheLatestIsShortLived() throws Exception {
    MockHttpServletResponse versioned = fetch(url("?version=1&lang=es"));
    MockHttpServletResponse latest = fetch(url("?lang=es"));

    assertThat(versioned.getHeader("Cache-Control")).contains("immutable", "max-age=31536000");
    assertThat(latest.getHeader("Cache-Control"))
        .contains("max-age=60")
        .doesNotContain("immutable");
    String etag = versioned.getHeader("ETag");
    assertThat(etag).startsWith("\"").doesNotStartWith("W/");
    assertThat(fetch(url("?version=1&lang=es")).getContentAsByteArray())
        .isEqualTo(versioned.getContentAsByteArray());
    assertThat(
            mvc.perform(get(url("?version=1&lang=es")).header("If-None-Match", etag))
                .andReturn()
                .getResponse()
                .getStatus())
        .isEqualTo(304);
  }

  @Test
  void anUnknownSiteOrVersionIsNotFoundAndABadParameterIsExplained() throws Exception {
    assertThat(fetch("/sites/atlantis/agenda.pdf").getStatus()).isEqualTo(404);
    assertThat(fetch(url("?version=42")).getStatus()).isEqualTo(404);
    assertThat(fetch("/sites/acapulco/agenda.pdf").getStatus()).isEqualTo(404);
    MockHttpServletResponse format = fetch(url("?format=tabloid&lang=en"));
    assertThat(format.getStatus()).isEqualTo(400);
    assertThat(format.getContentAsString(StandardCharsets.UTF_8))
        .contains("There is no format \u201ctabloid\u201d: use format=a5 or format=letter.");
    MockHttpServletResponse lang = fetch(url("?lang=fr"));
    assertThat(lang.getStatus()).isEqualTo(400);
    assertThat(lang.getContentAsString(StandardCharsets.UTF_8)).contains("lang=es");
    assertThat(fetch(url("?version=uno")).getStatus()).isEqualTo(400);
  }

  @Test
  void theAgendaPageLinksToBothPapersInItsLanguage() throws Exception {
    String page =
        mvc.perform(get("/sites/" + site.key() + "/agenda").header("Accept-Language", "en"))
            .andReturn()
            .getResponse()
            .getContentAsString(StandardCharsets.UTF_8);

    assertThat(page)
        .contains("/sites/" + site.key() + "/agenda.pdf?version=1&amp;lang=en&amp;format=a5")
        .contains("/sites/" + site.key() + "/agenda.pdf?version=1&amp;lang=en&amp;format=letter");
  }

  @Test
  void theCoordinatorPreviewsTheDraftAsItWouldBePublishedAndNobodyElseSeesIt() throws Exception {
    String preview = "/manage/sites/" + site.key() + "/agenda/draft/booklet.pdf";
    MockHttpServletResponse answer =
        mvc.perform(get(preview + "?format=letter").session(coordinatorSession))
            .andReturn()
            .getResponse();

    assertThat(answer.getStatus()).isEqualTo(200);
    assertThat(answer.getHeader("Cache-Control")).contains("no-store");
    try (PDDocument pdf = Loader.loadPDF(answer.getContentAsByteArray())) {
      String text = text(pdf);
      assertThat(text).contains(DRAFT_ONLY, "Vista previa del borrador");
      assertThat(text).doesNotContain(SILENCED_ES, "5e2d");
    }
    assertThat(fetch(preview).getStatus()).isEqualTo(401);
    // The public never gets the draft, whatever version it asks for.
    assertThat(fetch(url("?version=2")).getStatus()).isEqualTo(404);
  }
}
