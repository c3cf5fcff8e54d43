package org.tejido.fieldwork.internal.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.tejido.support.Documents.docx;
import static org.tejido.support.Documents.zip;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Arrays;
import java.util.Locale;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tejido.shared.BadRequest;

class SourceFilesTest {

  private static final int KIB = 1024;
  private static final int MIB = 1024 * KIB;

  private final SourceFiles files = new SourceFiles(SourceFiles.DEFAULT_MAX_BYTES);

  // --- plain text ---

  @Test
  void readsAUtf8TextFile() {
    ExtractedText extracted =
        files.extract("entrevista.txt", utf8("Facilitadora: ¿Desde cuándo vive en Apatzingán?"));

    assertThat(extracted.format()).isEqualTo("txt");
    assertThat(extracted.text()).isEqualTo("Facilitadora: ¿Desde cuándo vive en Apatzingán?");
  }

  @Test
  void dropsTheByteOrderMarkAndTurnsWindowsAndOldMacLineEndsIntoNewlines() {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    byte[] content = concat(bom, utf8("APA-017: Primero\r\nsegundo\rtercero\r\n"));

    assertThat(files.extract("notas.txt", content).text())
        .isEqualTo("APA-017: Primero\nsegundo\ntercero\n");
  }

  @Test
  void normalisesDecomposedAccentsToTheirComposedForm() {
    String decomposed = "Apatzinga\u0301n, Michoaca\u0301n";

    String text = files.extract("diario.txt", utf8(decomposed)).text();

    assertThat(text).isEqualTo("Apatzingán, Michoacán").hasSize(21);
  }

  @Test
  void refusesATextFileThatIsNotUtf8() {
    byte[] latin1 = "Apatzingán".getBytes(StandardCharsets.ISO_8859_1);

    assertRefused(() -> files.extract("entrevista.txt", latin1), "source.file.not-utf8");
  }

  @Test
  void refusesATextFileSavedAsUtf16() {
    byte[] utf16 = "Facilitadora: hola".getBytes(StandardCharsets.UTF_16);

    assertRefused(() -> files.extract("entrevista.txt", utf16), "source.file.not-utf8");
  }

  @Test
  void refusesAnEmptyFile() {
    assertRefused(() -> files.extract("vacio.txt", new byte[0]), "source.file.empty");
    assertRefused(() -> files.extract("vacio.docx", new byte[0]), "source.file.empty");
  }

  @Test
  void refusesATextFileWithOnlyWhitespaceAndAByteOrderMark() {
    byte[] content =
        concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, utf8(" \r\n\t\u00A0\n"));

    assertRefused(() -> files.extract("blanco.txt", content), "source.file.empty");
  }

  // --- size ---

  @Test
  void refusesAFileLargerThanTheLimitAndSaysWhatTheLimitIs() {
    SourceFiles small = new SourceFiles(MIB);
    byte[] content = utf8("a".repeat(MIB + 1));

    BadRequest refused = refusal(() -> small.extract("largo.txt", content));

    assertThat(refused.code()).isEqualTo("source.file.too-large");
    assertThat(refused.args()).containsExactly(BigDecimal.ONE);
  }

  @Test
  void acceptsAFileOfExactlyTheLimit() {
    SourceFiles small = new SourceFiles(MIB);

    assertThat(small.extract("justo.txt", utf8("a".repeat(MIB))).text()).hasSize(MIB);
  }

  @Test
  void checksTheSizeBeforeLookingAtTheContent() {
    // 21 MB of bytes that are not UTF-8: reading them first would give another error.
    byte[] content = new byte[21 * MIB];
    Arrays.fill(content, (byte) 0xFF);

    BadRequest refused = refusal(() -> files.extract("enorme.txt", content));

    assertThat(refused.code()).isEqualTo("source.file.too-large");
    assertThat(refused.args()).containsExactly(BigDecimal.valueOf(20));
  }

  @Test
  void checksTheSizeOfADocxBeforeOpeningIt() {
    byte[] notEvenAZip = new byte[2 * KIB];

    assertRefused(
        () -> new SourceFiles(KIB).extract("grande.docx", notEvenAZip), "source.file.too-large");
  }

  @Test
  void statesALimitUnderOneMegabyteWithADecimal() {
    assertThat(new SourceFiles(100 * KIB).limitInMegabytes()).isEqualByComparingTo("0.1");
    assertThat(new SourceFiles(SourceFiles.DEFAULT_MAX_BYTES).limitInMegabytes())
        .isEqualByComparingTo("20");
  }

  @Test
  void tellsTheLimitInMegabytesInBothLanguages() throws IOException {
    BadRequest refused =
        refusal(
            () ->
                new SourceFiles(SourceFiles.DEFAULT_MAX_BYTES)
                    .extract("x.txt", new byte[21 * MIB]));

    assertThat(message("es", refused)).contains("más de 20 MB");
    assertThat(message("en", refused)).contains("larger than 20 MB");
  }

  @Test
  void refusesANonPositiveLimit() {
    assertThatThrownBy(() -> new SourceFiles(0)).isInstanceOf(IllegalArgumentException.class);
  }

  // --- names ---

  @ParameterizedTest
  @ValueSource(
      strings = {
        "entrevista.pdf",
        "entrevista.odt",
        "entrevista.rtf",
        "entrevista",
        "entrevista.",
        ".txt.pdf",
        "txt"
      })
  void refusesFilesThatAreNeitherTextNorDocx(String filename) {
    assertRefused(() -> files.extract(filename, utf8("hola")), "source.file.unsupported");
  }

  @Test
  void refusesAnOldWordDocument() {
    assertRefused(
        () -> files.extract("Entrevista APA-017.doc", utf8("hola")), "source.file.unsupported");
  }

  @Test
  void refusesAFileWithoutAName() {
    assertRefused(() -> files.extract(null, utf8("hola")), "source.file.unsupported");
  }

  @Test
  void readsTheExtensionInAnyCaseAndIgnoresTheFolder() {
    assertThat(files.extract("ENTREVISTA.TXT", utf8("hola")).format()).isEqualTo("txt");
    assertThat(files.extract("C:\\Users\\campo\\Diario.Docx", docx("hola")).format())
        .isEqualTo("docx");
    assertThat(files.extract("campo/notas.v2.txt", utf8("hola")).format()).isEqualTo("txt");
  }

  // --- .docx ---

  @Test
  void readsTheParagraphsOfAWordDocumentOneALine() {
    byte[] content =
        docx(
            "Facilitadora: ¿Cómo era la colonia antes?",
            "APA-017: Tranquila. Los niños jugaban en la calle.",
            "",
            "APA-017: Ya no.");

    ExtractedText extracted = files.extract("taller.docx", content);

    assertThat(extracted.format()).isEqualTo("docx");
    assertThat(extracted.text())
        .isEqualTo(
            "Facilitadora: ¿Cómo era la colonia antes?\n"
                + "APA-017: Tranquila. Los niños jugaban en la calle.\n"
                + "\n"
                + "APA-017: Ya no.");
  }

  @Test
  void readsTableCellsInDocumentOrder() {
    byte[] content;
    try (XWPFDocument document = new XWPFDocument();
        ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      document.createParagraph().createRun().setText("Antes de la tabla");
      XWPFTable table = document.createTable(2, 2);
      table.getRow(0).getCell(0).setText("Calle");
      table.getRow(0).getCell(1).setText("Problema");
      table.getRow(1).getCell(0).setText("Av. Principal");
      table.getRow(1).getCell(1).setText("Sin alumbrado");
      document.createParagraph().createRun().setText("Después de la tabla");
      document.write(out);
      content = out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }

    assertThat(files.extract("taller.docx", content).text())
        .isEqualTo(
            "Antes de la tabla\nCalle\nProblema\nAv. Principal\nSin alumbrado\nDespués de la tabla");
  }

  @Test
  void normalisesTheTextOfAWordDocumentToComposedAccents() {
    assertThat(files.extract("diario.docx", docx("Apatzinga\u0301n")).text())
        .isEqualTo("Apatzingán");
  }

  @Test
  void refusesAWordDocumentWithoutText() {
    assertRefused(() -> files.extract("vacio.docx", docx("", "  ")), "source.file.empty");
  }

  @Test
  void refusesAZipThatIsNotAWordDocument() {
    byte[] zip = zip("notas.txt", utf8("APA-017: esto no es un docx"));

    assertRefused(() -> files.extract("notas.docx", zip), "source.file.not-docx");
  }

  @Test
  void refusesATextFileRenamedToDocx() {
    assertRefused(() -> files.extract("notas.docx", utf8("APA-017: hola")), "source.file.not-docx");
  }

  @Test
  void refusesAPasswordProtectedOrOldFormatDocumentNamedDocx() {
    // Word saves password-protected documents, and .doc files, as OLE2 compound files.
    byte[] ole2 =
        Arrays.copyOf(
            new byte[] {
              (byte) 0xD0,
              (byte) 0xCF,
              0x11,
              (byte) 0xE0,
              (byte) 0xA1,
              (byte) 0xB1,
              0x1A,
              (byte) 0xE1
            },
            4 * KIB);

    assertRefused(() -> files.extract("protegido.docx", ole2), "source.file.not-docx");
  }

  @Test
  void refusesASpreadsheetRenamedToDocx() {
    byte[] xlsx;
    try (XSSFWorkbook workbook = new XSSFWorkbook();
        ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      workbook.createSheet("Hoja").createRow(0).createCell(0).setCellValue("APA-017");
      workbook.write(out);
      xlsx = out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }

    assertRefused(() -> files.extract("lista.docx", xlsx), "source.file.not-docx");
  }

  @Test
  void refusesACorruptedWordDocument() {
    byte[] whole = docx("Facilitadora: ¿Qué pasó esa noche?");
    byte[] truncated = Arrays.copyOf(whole, whole.length / 2);

    assertRefused(() -> files.extract("dañado.docx", truncated), "source.file.not-docx");
  }

  @Test
  void refusesAWordDocumentWithGarbledParts() {
    byte[] content = docx("Facilitadora: hola");
    byte[] garbled = rewrite(content, "word/document.xml", utf8("<w:document>esto no cierra"));

    assertRefused(() -> files.extract("dañado.docx", garbled), "source.file.not-docx");
  }

  @Test
  void refusesAWordDocumentWhosePartExpandsTooMuch() throws IOException {
    // A valid document whose document.xml ends in 30 MB of spaces: a few tens of KB once zipped.
    // Within the expansion allowed for a 20 MB limit, so it is POI's inflate ratio that stops it.
    byte[] valid = docx("APA-017: hola");
    byte[] bomb = rewriteWithPadding(valid, "word/document.xml", 30 * MIB);
    assertThat(bomb.length).isLessThan(200 * KIB);

    assertRefused(() -> files.extract("bomba.docx", bomb), "source.file.zip-bomb");
  }

  @Test
  void refusesAWordDocumentWhosePartsTogetherExpandTooMuch() throws IOException {
    // Parts of 100 KB each escape POI's ratio check (it skips parts under 100 KB); together they
    // exceed ten times the upload limit.
    byte[] valid = docx("APA-017: hola");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out);
        ZipInputStream in = new ZipInputStream(new java.io.ByteArrayInputStream(valid))) {
      for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        zip.putNextEntry(new ZipEntry(entry.getName()));
        in.transferTo(zip);
      }
      for (int i = 0; i < 120; i++) {
        zip.putNextEntry(new ZipEntry("word/media/relleno" + i + ".bin"));
        zip.write(new byte[100 * KIB - 1]);
      }
    }
    byte[] content = out.toByteArray();
    SourceFiles oneMegabyte = new SourceFiles(MIB);
    assertThat(content.length).isLessThan(MIB);

    assertRefused(() -> oneMegabyte.extract("relleno.docx", content), "source.file.zip-bomb");
  }

  @Test
  void refusesAWordDocumentWithTooManyParts() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      for (int i = 0; i < 1001; i++) {
        zip.putNextEntry(new ZipEntry("word/parte" + i + ".xml"));
      }
    }

    assertRefused(() -> files.extract("partes.docx", out.toByteArray()), "source.file.zip-bomb");
  }

  @Test
  void setsPoiZipLimitsNoLooserThanItsDefaults() {
    assertThat(SourceFiles.MAX_PART_BYTES).isEqualTo(10 * SourceFiles.DEFAULT_MAX_BYTES);

    new SourceFiles(MIB); // loads the class and its static settings

    assertThat(ZipSecureFile.getMinInflateRatio()).isGreaterThanOrEqualTo(0.01);
    assertThat(ZipSecureFile.getMaxEntrySize()).isLessThanOrEqualTo(200L * MIB);
    assertThat(ZipSecureFile.getMaxTextSize()).isLessThanOrEqualTo(10L * MIB);
    assertThat(ZipSecureFile.getMaxFileCount()).isLessThanOrEqualTo(1000);
  }

  @Test
  void keepsTheTextOutOfItsDescription() {
    ExtractedText extracted = files.extract("entrevista.txt", utf8("APA-017: algo delicado"));

    assertThat(extracted.toString()).doesNotContain("delicado").contains("txt");
  }

  // --- helpers ---

  private static void assertRefused(ThrowingCallable call, String code) {
    assertThat(refusal(call).code()).isEqualTo(code);
  }

  private static BadRequest refusal(ThrowingCallable call) {
    BadRequest refused = catchThrowableOfType(BadRequest.class, call);
    assertThat(refused).as("refused with a BadRequest").isNotNull();
    return refused;
  }

  private static String message(String language, BadRequest refused) throws IOException {
    Properties bundle = new Properties();
    try (Reader reader =
        new InputStreamReader(
            SourceFilesTest.class.getResourceAsStream("/i18n/messages_" + language + ".properties"),
            StandardCharsets.UTF_8)) {
      bundle.load(reader);
    }
    return new MessageFormat(
            bundle.getProperty(refused.messageKey()), Locale.forLanguageTag(language))
        .format(refused.args());
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] concat(byte[] first, byte[] second) {
    byte[] both = Arrays.copyOf(first, first.length + second.length);
    System.arraycopy(second, 0, both, first.length, second.length);
    return both;
  }

  /** The same zip with one part's content replaced. */
  private static byte[] rewrite(byte[] zipped, String part, byte[] replacement) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out);
        ZipInputStream in = new ZipInputStream(new java.io.ByteArrayInputStream(zipped))) {
      for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        zip.putNextEntry(new ZipEntry(entry.getName()));
        if (entry.getName().equals(part)) {
          zip.write(replacement);
        } else {
          in.transferTo(zip);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** The same zip with {@code padding} spaces after the end of one XML part (still valid XML). */
  private static byte[] rewriteWithPadding(byte[] zipped, String part, int padding)
      throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] spaces = new byte[64 * KIB];
    Arrays.fill(spaces, (byte) ' ');
    try (ZipOutputStream zip = new ZipOutputStream(out);
        ZipInputStream in = new ZipInputStream(new java.io.ByteArrayInputStream(zipped))) {
      for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        zip.putNextEntry(new ZipEntry(entry.getName()));
        in.transferTo(zip);
        if (entry.getName().equals(part)) {
          for (int written = 0; written < padding; written += spaces.length) {
            zip.write(spaces);
          }
        }
      }
    }
    return out.toByteArray();
  }
}
