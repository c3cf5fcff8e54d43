package org.tejido.analysis.qdpx;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

class QdpxWriterTest {

  static final List<String> REAL = QdpxFiles.REAL;

  @ParameterizedTest
  @FieldSource("REAL")
  void exportingARealProjectAndReadingItBackKeepsEveryCountAndEverySegment(String name)
      throws Exception {
    QdpxProject original = QdpxReader.read(QdpxFiles.real(name), Limits.defaults());

    byte[] exported = export(original);
    QdpxProject again = QdpxReader.read(new ByteArrayInputStream(exported), Limits.defaults());

    assertValid(QdpxFiles.unzip(exported).get("project.qde"));
    assertSame(original, again);
    assertThat(again.report().convention()).isEqualTo(PositionConvention.CODE_POINTS);
    assertThat(QdpxFiles.unzip(exported).keySet())
        .allSatisfy(
            entry -> assertThat(entry).matches("project\\.qde|sources/[0-9a-f-]{36}\\.txt"));
  }

  @Test
  void exportingTheNvivoStyleExcerptKeepsCodersNotesAndSegments() throws Exception {
    byte[] archive = QdpxFiles.zipDirectory(Path.of("src/test/resources/refi-qda/nvivo-style"));
    QdpxProject original = QdpxReader.read(new ByteArrayInputStream(archive), Limits.defaults());

    byte[] exported = export(original);
    QdpxProject again = QdpxReader.read(new ByteArrayInputStream(exported), Limits.defaults());

    assertValid(QdpxFiles.unzip(exported).get("project.qde"));
    assertSame(original, again);
    assertThat(again.notes()).isEqualTo(original.notes());
    assertThat(again.allCodes()).isEqualTo(original.allCodes());
    assertThat(again.sources().get(0).selections())
        .isEqualTo(original.sources().get(0).selections());
    String text =
        new String(
            QdpxFiles.unzip(exported).get("sources/3f2504e0-4f89-41d3-9a0c-0305e82c3301.txt"),
            StandardCharsets.UTF_8);
    assertThat(text).doesNotStartWith("\uFEFF").doesNotContain("\r");
  }

  @Test
  void casesAndVariablesSurviveTheRoundTripAndValidate() throws Exception {
    var variable =
        new QdpxVariable(
            "a0000000-0000-4000-8000-000000000001", "grupo", QdpxVariable.Type.Text, null);
    var age =
        new QdpxVariable(
            "a0000000-0000-4000-8000-000000000002", "edad", QdpxVariable.Type.Integer, "años");
    var source =
        new QdpxSource(
            "b0000000-0000-4000-8000-000000000001",
            "entrevista",
            "Una 🌵 frase.",
            List.of(
                new QdpxSelection(
                    "c0000000-0000-4000-8000-000000000001",
                    null,
                    4,
                    12,
                    null,
                    List.of(
                        new QdpxCoding(
                            "d0000000-0000-4000-8000-000000000001",
                            "e0000000-0000-4000-8000-000000000001",
                            "f0000000-0000-4000-8000-000000000001")))),
            List.of());
    var project =
        new QdpxProject(
            "sitio",
            null,
            List.of(new QdpxUser("f0000000-0000-4000-8000-000000000001", "codificadora", null)),
            List.of(
                new QdpxCode(
                    "e0000000-0000-4000-8000-000000000001",
                    "cactus",
                    "#00ff00",
                    null,
                    true,
                    List.of())),
            List.of(variable, age),
            List.of(
                new QdpxCase(
                    "90000000-0000-4000-8000-000000000001",
                    "P-017",
                    null,
                    List.of(
                        new QdpxVariableValue(variable.guid(), variable.type(), "mujeres jóvenes"),
                        new QdpxVariableValue(age.guid(), age.type(), "19")),
                    List.of(),
                    List.of(source.guid()),
                    List.of())),
            List.of(source),
            List.of(),
            null);

    byte[] exported = export(project);
    QdpxProject again = QdpxReader.read(new ByteArrayInputStream(exported), Limits.defaults());

    assertValid(QdpxFiles.unzip(exported).get("project.qde"));
    assertThat(again.cases()).isEqualTo(project.cases());
    assertThat(again.variables()).isEqualTo(project.variables());
    assertThat(again.sources().get(0).excerpt(again.sources().get(0).selections().get(0)))
        .isEqualTo("🌵 frase.");
  }

  @Test
  void identifiersThatAreNotGuidsAreExportedAsStableGuidsSoTheFileStaysValid() throws Exception {
    var source =
        new QdpxSource(
            "entrevista-1",
            "entrevista",
            "Hola mundo",
            List.of(
                new QdpxSelection(
                    "sel-1",
                    null,
                    0,
                    4,
                    "ana",
                    List.of(new QdpxCoding("coding-1", "code-1", "ana")))),
            List.of());
    var project =
        new QdpxProject(
            "sitio",
            null,
            List.of(new QdpxUser("ana", "Ana", null)),
            List.of(new QdpxCode("code-1", "saludo", "not a colour", null, true, List.of())),
            List.of(),
            List.of(),
            List.of(source),
            List.of(),
            null);

    byte[] exported = export(project);
    QdpxProject again = QdpxReader.read(new ByteArrayInputStream(exported), Limits.defaults());

    assertValid(QdpxFiles.unzip(exported).get("project.qde"));
    QdpxCoding coding = again.sources().get(0).selections().get(0).codings().get(0);
    assertThat(coding.codeGuid()).isEqualTo(again.codes().get(0).guid()).matches("[0-9a-f-]{36}");
    assertThat(coding.coderGuid()).isEqualTo(again.users().get(0).guid());
    assertThat(again.codes().get(0).color()).isNull();
    assertThat(again.sources().get(0).excerpt(again.sources().get(0).selections().get(0)))
        .isEqualTo("Hola");
  }

  private static byte[] export(QdpxProject project) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    QdpxWriter.write(project, out);
    return out.toByteArray();
  }

  private static void assertValid(byte[] qde) throws Exception {
    SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
    factory
        .newSchema(QdpxFiles.schema().toFile())
        .newValidator()
        .validate(new StreamSource(new ByteArrayInputStream(qde)));
  }

  private static void assertSame(QdpxProject original, QdpxProject again) {
    assertThat(again.summary().subList(0, 5)).isEqualTo(original.summary().subList(0, 5));
    assertThat(again.users()).isEqualTo(original.users());
    Map<String, QdpxSource> sources =
        again.sources().stream().collect(Collectors.toMap(QdpxSource::guid, Function.identity()));
    for (QdpxSource before : original.sources()) {
      QdpxSource after = sources.get(before.guid());
      assertThat(after.text()).isEqualTo(before.text());
      assertThat(after.selections()).hasSameSizeAs(before.selections());
      for (int i = 0; i < before.selections().size(); i++) {
        QdpxSelection a = before.selections().get(i);
        QdpxSelection b = after.selections().get(i);
        assertThat(after.excerpt(b)).as(a.guid()).isEqualTo(before.excerpt(a));
        assertThat(b.codings()).isEqualTo(a.codings());
      }
    }
  }
}
