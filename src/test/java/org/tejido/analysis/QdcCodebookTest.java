package org.tejido.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.tejido.analysis.internal.QdcCodebook;
import org.tejido.analysis.internal.QdcCodebook.QdcCode;
import org.tejido.identity.SiteRole;
import org.tejido.shared.BadRequest;
import org.tejido.sites.Site;
import org.tejido.support.Fixtures;
import org.tejido.support.TejidoTest;

/**
 * The codebook alone as a REFI-QDA {@code .qdc}: valid against the standard's Codebook.xsd (kept in
 * test resources, MIT), read back into another site, and refused when it is not a codebook or
 * declares entities.
 */
@TejidoTest
class QdcCodebookTest {

  @Autowired Fixtures fixtures;
  @Autowired Codebook codebook;

  @AfterEach
  void nobody() {
    fixtures.actAsNobody();
  }

  @Test
  void theExportedCodebookIsValidAgainstTheRefiSchema() throws Exception {
    Site site = fixtures.freshSite();
    fixtures.actAs(fixtures.withRole(site.key(), SiteRole.RESEARCHER));
    codebook.add(
        site, new CodeInput("Miedo & <rabia>", "Fear", "Dice \"no salgo\"", "#aabbcc", true, null));

    byte[] qdc = codebook.exportQdc(site);

    SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
    Validator validator =
        factory.newSchema(getClass().getResource("/refi-qda/Codebook.xsd")).newValidator();
    validator.validate(new StreamSource(new ByteArrayInputStream(qdc)));
    assertThat(new String(qdc, StandardCharsets.UTF_8))
        .contains("urn:QDA-XML:codebook:1.0")
        .contains("name=\"Dominios de la seguridad humana\" isCodable=\"false\"");
  }

  @Test
  void anExportReadsBackAsTheSameTreeAndImportsIntoAnotherSite() {
    Site from = fixtures.freshSite();
    fixtures.actAs(fixtures.withRole(from.key(), SiteRole.COORDINATOR));
    UUID violence = AnalysisFixtures.codeNamed(codebook, from, "Violencia no letal");
    codebook.add(
        from,
        new CodeInput("Cobro de piso", "Protection racket", "Cuota", "#abc123", true, violence));
    List<CodeNode> tree = codebook.tree(from);
    byte[] qdc = codebook.exportQdc(from);

    List<QdcCode> read = QdcCodebook.read(qdc);
    assertThat(flatten(read, 0))
        .containsExactlyElementsOf(
            tree.stream().map(n -> n.depth() + " " + n.code().name().es()).toList());

    Site to = fixtures.freshSite();
    fixtures.actAs(fixtures.withRole(to.key(), SiteRole.COORDINATOR));
    assertThat(codebook.importQdc(to, qdc)).isEqualTo(1);
    CodeNode added =
        codebook.tree(to).stream()
            .filter(n -> n.code().name().es().equals("Cobro de piso"))
            .findFirst()
            .orElseThrow();
    assertThat(added.depth()).isEqualTo(2);
    assertThat(added.code().colour()).isEqualTo("#abc123");
    assertThat(added.code().description()).isEqualTo("Cuota");
    // Importing it again adds nothing.
    assertThat(codebook.importQdc(to, qdc)).isZero();
  }

  @Test
  void aFileThatIsNotACodebookOrDeclaresEntitiesIsRefused() {
    String xxe =
        "<?xml version=\"1.0\"?><!DOCTYPE CodeBook [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
            + "<CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\"><Codes><Code guid=\""
            + UUID.randomUUID()
            + "\" name=\"&x;\" isCodable=\"true\"/></Codes></CodeBook>";
    for (String bad :
        List.of(
            xxe,
            "not xml at all",
            "<Project xmlns=\"urn:QDA-XML:project:1.0\"/>",
            "<CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\"><Codes><Code name=\"x\" isCodable=\"true\"/></Codes></CodeBook>")) {
      assertThatThrownBy(() -> QdcCodebook.read(bad.getBytes(StandardCharsets.UTF_8)))
          .as(bad)
          .isInstanceOf(BadRequest.class)
          .hasMessage("analysis.qdc.invalid");
    }
  }

  private static List<String> flatten(List<QdcCode> codes, int depth) {
    List<String> out = new java.util.ArrayList<>();
    for (QdcCode c : codes) {
      out.add(depth + " " + c.name());
      out.addAll(flatten(c.children(), depth + 1));
    }
    return out;
  }
}
