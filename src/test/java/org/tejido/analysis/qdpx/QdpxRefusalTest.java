package org.tejido.analysis.qdpx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

class QdpxRefusalTest {

  private static final String SOURCE = "3f2504e0-4f89-41d3-9a0c-0305e82c3301";
  private static final String CODE = "a1b2c3d4-0000-4000-8000-000000000001";

  private static String project(String sources) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <Project name="p" xmlns="urn:QDA-XML:project:1.0">
          <CodeBook><Codes><Code guid="%s" name="c" isCodable="true"/></Codes></CodeBook>
          <Sources>%s</Sources>
        </Project>
        """
        .formatted(CODE, sources);
  }

  private static String selection(int start, int end, String code) {
    return selection(start, end, code, 1);
  }

  private static String selection(int start, int end, String code, int n) {
    return """
        <PlainTextSelection guid="c0000000-0000-4000-8000-%012d" startPosition="%d" \
        endPosition="%d"><Coding guid="d0000000-0000-4000-8000-%012d">\
        <CodeRef targetGUID="%s"/></Coding></PlainTextSelection>"""
        .formatted(n, start, end, n, code);
  }

  private static Map<String, byte[]> entries(String qde, String text) {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put("project.qde", qde.getBytes(StandardCharsets.UTF_8));
    if (text != null) {
      entries.put("sources/" + SOURCE + ".txt", text.getBytes(StandardCharsets.UTF_8));
    }
    return entries;
  }

  private static AbstractThrowableAssert<?, ?> reading(byte[] archive, Limits limits) {
    return assertThatThrownBy(() -> QdpxReader.read(new ByteArrayInputStream(archive), limits))
        .isInstanceOf(QdpxException.class);
  }

  private static AbstractThrowableAssert<?, ?> reading(byte[] archive) {
    return reading(archive, Limits.defaults());
  }

  private static String source(String inner) {
    return "<TextSource guid=\""
        + SOURCE
        + "\" plainTextPath=\"internal://"
        + SOURCE
        + ".txt\">"
        + inner
        + "</TextSource>";
  }

  @Test
  void aWellFormedSmallProjectIsRead() {
    QdpxProject p =
        QdpxReader.read(
            new ByteArrayInputStream(
                QdpxFiles.zip(entries(project(source(selection(0, 4, CODE))), "Hola mundo"))),
            Limits.defaults());
    assertThat(p.sources().get(0).excerpt(p.sources().get(0).selections().get(0)))
        .isEqualTo("Hola");
  }

  @Test
  void somethingThatIsNotAZipIsRefused() {
    reading("<Project/>".getBytes(StandardCharsets.UTF_8))
        .satisfies(e -> assertThat(((QdpxException) e).code()).isEqualTo("qdpx.not-a-zip"));
  }

  @Test
  void anArchiveWithoutProjectQdeIsRefused() {
    reading(QdpxFiles.zip(Map.of("sources/a.txt", new byte[] {'a'})))
        .satisfies(e -> assertThat(((QdpxException) e).code()).isEqualTo("qdpx.no-project"));
  }

  @Test
  void anExternalEntityIsRefusedAndWhatItNamesIsNeverFetched() throws Exception {
    java.util.concurrent.atomic.AtomicInteger fetched =
        new java.util.concurrent.atomic.AtomicInteger();
    com.sun.net.httpserver.HttpServer server =
        com.sun.net.httpserver.HttpServer.create(
            new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          fetched.incrementAndGet();
          byte[] body = "TOP-SECRET-CONTENT".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    try {
      String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/secret";
      for (String xxe :
          new String[] {
            "<?xml version=\"1.0\"?><!DOCTYPE Project [<!ENTITY x SYSTEM \""
                + url
                + "\">]>"
                + "<Project name=\"&x;\" xmlns=\"urn:QDA-XML:project:1.0\"/>",
            "<?xml version=\"1.0\"?><!DOCTYPE Project SYSTEM \""
                + url
                + "\">"
                + "<Project name=\"p\" xmlns=\"urn:QDA-XML:project:1.0\"/>"
          }) {
        reading(QdpxFiles.zip(entries(xxe, null)))
            .satisfies(e -> assertThat(((QdpxException) e).code()).isEqualTo("qdpx.xml-doctype"))
            .satisfies(e -> assertThat(e.getMessage()).doesNotContain("TOP-SECRET"));
      }
      // the server does answer, so a parser that resolved entities would have been seen
      try (var in = java.net.URI.create(url).toURL().openStream()) {
        assertThat(in.readAllBytes()).isNotEmpty();
      }
      assertThat(fetched).hasValue(1);
    } finally {
      server.stop(0);
    }
  }

  @Test
  void anEntityExpansionIsRefusedBeforeAnythingIsExpanded() {
    String billionLaughs =
        """
        <?xml version="1.0"?>
        <!DOCTYPE Project [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>
        <Project name="&b;" xmlns="urn:QDA-XML:project:1.0"/>
        """;
    reading(QdpxFiles.zip(entries(billionLaughs, null)))
        .satisfies(e -> assertThat(((QdpxException) e).code()).isEqualTo("qdpx.xml-doctype"));
  }

  @Test
  void entriesThatClimbOutOfTheArchiveAreRefused() {
    for (String name :
        new String[] {
          "../evil.txt", "sources/../../evil.txt", "/etc/passwd", "sources\\a.txt", "C:/evil.txt"
        }) {
      Map<String, byte[]> entries = entries(project(""), null);
      entries.put(name, new byte[] {'x'});
      reading(QdpxFiles.zip(entries))
          .as(name)
          .satisfies(
              e -> assertThat(((QdpxException) e).code()).isEqualTo("qdpx.unsafe-entry-name"));
    }
  }

  @Test
  void aZipBombIsRefusedByItsCompressionRatio() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      zip.putNextEntry(new ZipEntry("project.qde"));
      zip.write(project("").getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
      zip.putNextEntry(new ZipEntry("sources/zeros.txt"));
      byte[] zeros = new byte[1024 * 1024];
      for (int i = 0; i < 64; i++) {
        zip.write(zeros);
      }
      zip.closeEntry();
    }
    assertThat(out.size()).isLessThan(200_000);

    reading(out.toByteArray())
        .satisfies(e -> assertThat(((QdpxException) e).code()).isEqualTo("qdpx.compression-ratio"));
  }

  @Test
  void anArchiveOverTheSizeOrEntryLimitIsRefused() {
    Map<String, byte[]> entries = entries(project(""), null);
    for (int i = 0; i < 5; i++) {
      entries.put("sources/" + i + ".txt", new byte[1000]);
    }
    byte[] archive = QdpxFiles.zip(entries);

    reading(archive, new Limits(3_000, 100, 1_000))
        .satisfies(e -> assertThat(((QdpxException) e).code()).isEqualTo("qdpx.too-large"));
    reading(archive, new Limits(1_000_000, 4, 1_000))
        .satisfies(e -> assertThat(((QdpxException) e).code()).isEqualTo("qdpx.too-many-entries"));
  }

  @Test
  void aSelectionWhoseSourceTextIsMissingIsRefused() {
    reading(QdpxFiles.zip(entries(project(source(selection(0, 4, CODE))), null)))
        .satisfies(e -> assertThat(((QdpxException) e).code()).isEqualTo("qdpx.source-missing"));
  }

  @Test
  void aSelectionOutsideItsTextIsRefused() {
    reading(QdpxFiles.zip(entries(project(source(selection(3, 400, CODE))), "Hola mundo")))
        .satisfies(
            e -> assertThat(((QdpxException) e).code()).isEqualTo("qdpx.selection-out-of-range"));
    reading(QdpxFiles.zip(entries(project(source(selection(5, 2, CODE))), "Hola mundo")))
        .satisfies(
            e -> assertThat(((QdpxException) e).code()).isEqualTo("qdpx.selection-out-of-range"));
  }

  @Test
  void aCodingOfACodeNotInTheCodebookIsRefused() {
    String other = "a1b2c3d4-0000-4000-8000-0000000000ff";
    reading(QdpxFiles.zip(entries(project(source(selection(0, 4, other))), "Hola mundo")))
        .satisfies(e -> assertThat(((QdpxException) e).code()).isEqualTo("qdpx.code-missing"));
  }

  @Test
  void aSourceTextThatIsNotUtf8IsRefused() {
    Map<String, byte[]> entries = entries(project(source(selection(0, 4, CODE))), null);
    entries.put("sources/" + SOURCE + ".txt", new byte[] {'H', (byte) 0xF3, 'l', 'a'});
    reading(QdpxFiles.zip(entries))
        .satisfies(e -> assertThat(((QdpxException) e).code()).isEqualTo("qdpx.source-not-utf8"));
  }

  @Test
  void unknownElementsAndSourcesWithoutTextAreReportedNotRefused() {
    String qde =
        project("<TextSource guid=\"" + SOURCE + "\" plainTextPath=\"absolute:///etc/passwd\"/>")
            .replace("</Project>", "<Extension xmlns=\"urn:vendor\"/></Project>");

    QdpxProject p =
        QdpxReader.read(
            new ByteArrayInputStream(QdpxFiles.zip(entries(qde, null))), Limits.defaults());

    assertThat(p.sources()).isEmpty();
    assertThat(p.summary())
        .contains(
            "skipped: 1 × element Extension — not part of REFI-QDA 1.0 (1 occurrences)",
            "skipped: 1 × text source — its plain text is not in the archive");
  }

  @Test
  void aSelectionThatCutsAnEmojiInTwoIsWidenedToItAndReported() {
    // UTF-16 positions: "uno " 0-4, cactus 4-6, " dos " 6-11, cactus 11-13, " tres " 13-19, ...
    String text = "uno 🌵 dos 🌵 tres 🌵 cuatro";
    String selections =
        Stream.of(new int[] {7, 10}, new int[] {14, 18}, new int[] {22, 28}, new int[] {4, 5})
            .map(p -> selection(p[0], p[1], CODE, p[0]))
            .collect(Collectors.joining());

    QdpxProject p =
        QdpxReader.read(
            new ByteArrayInputStream(QdpxFiles.zip(entries(project(source(selections)), text))),
            Limits.defaults());

    QdpxSource s = p.sources().get(0);
    assertThat(s.selections())
        .extracting(s::excerpt)
        .containsExactly("dos", "tres", "cuatro", "🌵");
    assertThat(p.report().convention().utf16Units()).isTrue();
    assertThat(p.report().adjustedSelections()).isEqualTo(1);
    assertThat(p.summary())
        .contains(
            "adjusted 1 selections that cut a character in two: widened to the whole character");
  }

  @Test
  void aCodeTreeNestedThousandsDeepIsRefusedBeforeAnythingWalksIt() {
    StringBuilder codes = new StringBuilder();
    int depth = 5_000;
    for (int i = 0; i < depth; i++) {
      codes.append(
          "<Code guid=\"a1b2c3d4-0000-4000-8000-%012d\" name=\"c\" isCodable=\"true\">"
              .formatted(i));
    }
    codes.append("</Code>".repeat(depth));
    String qde =
        "<Project name=\"p\" xmlns=\"urn:QDA-XML:project:1.0\"><CodeBook><Codes>"
            + codes
            + "</Codes></CodeBook></Project>";

    reading(QdpxFiles.zip(entries(qde, null)))
        .satisfies(e -> assertThat(((QdpxException) e).code()).isEqualTo("qdpx.xml-too-deep"));
  }

  @Test
  void twoObjectsWithOneGuidAreRefused() {
    String twice = selection(0, 4, CODE, 1) + selection(5, 10, CODE, 1);
    reading(QdpxFiles.zip(entries(project(source(twice)), "Hola mundo")))
        .satisfies(e -> assertThat(((QdpxException) e).code()).isEqualTo("qdpx.duplicate-guid"));
  }
}
