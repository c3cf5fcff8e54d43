package org.tejido.analysis.qdpx;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.w3c.dom.Document;

class QdpxReaderTest {

  static final List<String> REAL = QdpxFiles.REAL;

  @ParameterizedTest
  @FieldSource("REAL")
  void realProjectsReadWithTheCountsTheirXmlHolds(String name) throws Exception {
    Path file = QdpxFiles.real(name);
    Document xml;
    try (InputStream in = Files.newInputStream(file)) {
      xml = QdpxFiles.xml(QdpxFiles.unzipEntry(in, "project.qde"));
    }

    QdpxProject project = QdpxReader.read(file, Limits.defaults());

    assertThat(project.allCodes()).hasSize(QdpxFiles.count(xml, "//*[local-name()='Code']"));
    assertThat(project.sources()).hasSize(QdpxFiles.count(xml, "//*[local-name()='TextSource']"));
    assertThat(project.selectionCount())
        .isEqualTo(QdpxFiles.count(xml, "//*[local-name()='PlainTextSelection']"));
    assertThat(project.codingCount())
        .isEqualTo(
            QdpxFiles.count(
                xml, "//*[local-name()='PlainTextSelection']/*[local-name()='Coding']"));
    assertThat(project.users()).hasSize(QdpxFiles.count(xml, "//*[local-name()='User']"));
    assertThat(project.report().skipped())
        .extracting(ImportReport.Skipped::kind)
        .hasSize(QdpxFiles.count(xml, "//*[local-name()='TextSource'][@richTextPath]"))
        .allMatch("rich text (.docx) of a source"::equals);
  }

  @Test
  void theNvivoWindowsProjectIsReadAsUtf16UnitsAndItsSegmentsLandOnTheirText() {
    QdpxProject project = QdpxReader.read(QdpxFiles.real(QdpxFiles.NVIVO_WIN), Limits.defaults());

    assertThat(project.summary())
        .containsExactly(
            "codes: 152",
            "sources: 2",
            "selections: 303",
            "codings: 303",
            "notes: 0",
            "skipped: 2 × rich text (.docx) of a source — formatting is not imported; the plain text, which"
                + " positions refer to, is",
            "positions: UTF-16 code units, CRLF = 2, BOM not counted (detected: 300 of 303"
                + " selections on word boundaries, 48 if read as code points)");
    assertThat(project.report().convention()).isEqualTo(new PositionConvention(true, true, false));
    assertThat(project.report().onWordBoundaries())
        .isGreaterThan(2 * project.report().onWordBoundariesAsCodePoints());
    QdpxSource coded =
        project.sources().stream().filter(s -> !s.selections().isEmpty()).findFirst().orElseThrow();
    assertThat(coded.text()).doesNotContain("\r").doesNotStartWith("\uFEFF");
    Map<String, String> text =
        coded.selections().stream().collect(Collectors.toMap(QdpxSelection::guid, coded::excerpt));
    assertThat(text.get("7154a758-6873-4134-badd-ae1dc04d3086"))
        .startsWith("Senkit nem lehet kötelezni oltásra")
        .endsWith("nem szaporodhat és nem élhet.");
    assertThat(text.get("a9504413-3306-4dbc-a6dd-ae1dc06dbff2"))
        .isEqualTo("tudatos hal äl reklám, hatalmas árulás");
    assertThat(text.get("75d27979-aba4-403f-afdd-ae1dc329a0c7"))
        .startsWith("Nyugi a politikusoknak nem kötelező az oltás")
        .endsWith("ezért senkinek nem kötelező.");
    assertThat(text.get("3c23e29e-8f82-4fae-88dd-ae1f25876826"))
        .isEqualTo("@@szilagyitamas2823 És milyen igazad lett!☝️👌👍👍👍\n");
  }

  @Test
  void theNvivoMacProjectKeepsItsCodeTreeAndEmptySources() {
    QdpxProject project = QdpxReader.read(QdpxFiles.real(QdpxFiles.NVIVO_MAC), Limits.defaults());

    assertThat(project.codes()).extracting(QdpxCode::name).contains("rq1_definition");
    QdpxCode definition = project.codes().get(0);
    assertThat(definition.children()).extracting(QdpxCode::name).contains("competencies");
    assertThat(project.sources()).allSatisfy(s -> assertThat(s.text()).isBlank());
    assertThat(project.selectionCount()).isZero();
  }

  @Test
  void theQcProjectFindsSourcesNotNamedByGuidAndCodesLineByLine() {
    QdpxProject project = QdpxReader.read(QdpxFiles.real(QdpxFiles.QC), Limits.defaults());

    assertThat(project.report().conventionDecisive()).isFalse();
    assertThat(project.report().convention()).isEqualTo(PositionConvention.CODE_POINTS);
    assertThat(project.sources()).allSatisfy(s -> assertThat(s.text()).isNotEmpty());
    // "coded line by line": every selection is one whole line of its text
    for (QdpxSource s : project.sources()) {
      for (QdpxSelection sel : s.selections()) {
        int from = s.text().offsetByCodePoints(0, sel.start());
        assertThat(from == 0 || s.text().charAt(from - 1) == '\n')
            .as("selection %s starts a line", sel.name())
            .isTrue();
      }
    }
    Map<String, QdpxCoding> codings =
        project.sources().stream()
            .flatMap(s -> s.selections().stream())
            .flatMap(s -> s.codings().stream())
            .collect(Collectors.toMap(QdpxCoding::guid, Function.identity()));
    assertThat(codings.values())
        .allSatisfy(c -> assertThat(c.coderGuid()).isEqualTo(project.users().get(0).guid()));
  }

  @Test
  void anNvivoStyleExcerptReadsUtf16PositionsAsCodePointsAndReportsWhatItLost() {
    byte[] archive = QdpxFiles.zipDirectory(Path.of("src/test/resources/refi-qda/nvivo-style"));

    QdpxProject project = QdpxReader.read(new ByteArrayInputStream(archive), Limits.defaults());

    QdpxSource source = project.sources().get(0);
    assertThat(source.selections())
        .extracting(source::excerpt)
        .containsExactly(
            "La patrulla no llega 🚓🚓 cuando llamamos.",
            "miedo 😟 por las extorsiones",
            "comité 🤝 de la cuadra",
            "la calle");
    assertThat(project.report().convention()).isEqualTo(new PositionConvention(true, true, false));
    assertThat(project.allCodes())
        .filteredOn(c -> !c.codable())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.name()).isEqualTo("Inseguridades");
              assertThat(c.color()).isEqualTo("#A0522D");
              assertThat(c.description()).isEqualTo("Carpeta");
            });
    QdpxSelection first = source.selections().get(0);
    assertThat(first.codings())
        .extracting(QdpxCoding::coderGuid)
        .containsExactly(
            "b0000000-0000-4000-8000-000000000001", "b0000000-0000-4000-8000-000000000002");
    assertThat(project.notes())
        .singleElement()
        .satisfies(
            n -> {
              assertThat(n.text()).isEqualTo("La patrulla tarda más de una hora.");
              assertThat(n.annotates())
                  .containsExactly(new QdpxNote.Target(QdpxNote.Kind.SELECTION, first.guid()));
            });
    assertThat(project.summary())
        .containsExactly(
            "codes: 5",
            "sources: 1",
            "selections: 4",
            "codings: 5",
            "notes: 1",
            "skipped: 1 × PDF source — only text sources are imported (lost with it: 1 selections,"
                + " 1 codings)",
            "skipped: 1 × rich text (.docx) of a source — formatting is not imported; the plain text, which"
                + " positions refer to, is",
            "positions: UTF-16 code units, CRLF = 2, BOM not counted (detected: 4 of 4 selections"
                + " on word boundaries, 0 if read as code points)");
  }
}
