package org.tejido.fieldwork.internal.text;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.util.ZipArchiveFakeEntry;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.xwpf.usermodel.IBodyElement;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFSDT;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.tejido.shared.BadRequest;

/**
 * Turns an uploaded source file (a transcript, a field diary, workshop notes) into text: UTF-8
 * {@code .txt} or Word {@code .docx}, anything else refused with a stable error code.
 *
 * <p>The content is testimony: it is never logged and never put into an exception message.
 *
 * <p>A {@code .docx} is a zip archive, so it is checked twice before POI holds any of it in memory:
 * first a streaming pass that bounds the total expanded size and the number of parts (limits POI
 * does not have: its ratio check skips every part under 100 KB), then POI's own per-part limits
 * ({@link ZipSecureFile}), set once for the whole process below.
 */
public final class SourceFiles {

  private static final long MIB = 1024L * 1024;

  /** The upload limit used unless configured otherwise. */
  public static final long DEFAULT_MAX_BYTES = 20 * MIB;

  /** How far a .docx may expand when unpacked, in total, as a multiple of the upload limit. */
  static final int MAX_EXPANSION = 10;

  /** At most this many parts in a .docx (a Word document has a few dozen). */
  static final int MAX_DOCX_PARTS = 1000;

  /** Below this compressed/uncompressed ratio a part is a zip bomb (POI's default). */
  static final double MIN_INFLATE_RATIO = 0.01;

  /** No part larger than this when unpacked. */
  static final long MAX_PART_BYTES = MAX_EXPANSION * DEFAULT_MAX_BYTES;

  /** At most this many characters of extracted text (POI's default). */
  static final long MAX_TEXT_CHARS = 10 * MIB;

  /** Tables nested deeper than this are not read (Word itself stops far earlier). */
  private static final int MAX_TABLE_DEPTH = 32;

  static {
    // Process-wide POI settings, set once; never looser than POI's defaults or than what another
    // part of the application may have set before.
    ZipSecureFile.setMinInflateRatio(
        Math.max(ZipSecureFile.getMinInflateRatio(), MIN_INFLATE_RATIO));
    ZipSecureFile.setMaxEntrySize(Math.min(ZipSecureFile.getMaxEntrySize(), MAX_PART_BYTES));
    ZipSecureFile.setMaxTextSize(Math.min(ZipSecureFile.getMaxTextSize(), MAX_TEXT_CHARS));
    ZipSecureFile.setMaxFileCount(Math.min(ZipSecureFile.getMaxFileCount(), MAX_DOCX_PARTS));
  }

  private final long maxBytes;

  /**
   * @param maxBytes the largest accepted file, in bytes
   */
  public SourceFiles(long maxBytes) {
    if (maxBytes <= 0 || maxBytes > Long.MAX_VALUE / MAX_EXPANSION) {
      throw new IllegalArgumentException("maxBytes must be positive, got " + maxBytes);
    }
    this.maxBytes = maxBytes;
  }

  public long maxBytes() {
    return maxBytes;
  }

  /**
   * The text of an uploaded file.
   *
   * @param filename the name the browser sent (only its extension is used)
   * @throws BadRequest {@code source.file.unsupported}, {@code source.file.empty}, {@code
   *     source.file.too-large}, {@code source.file.not-utf8}, {@code source.file.not-docx} or
   *     {@code source.file.zip-bomb}
   */
  public ExtractedText extract(String filename, byte[] content) {
    Objects.requireNonNull(content, "content");
    String format = formatOf(filename);
    // Size first: nothing below may look at more than maxBytes.
    if (content.length == 0) {
      throw new BadRequest("source.file.empty");
    }
    if (content.length > maxBytes) {
      throw new BadRequest("source.file.too-large", limitInMegabytes());
    }
    String text = format.equals("txt") ? decodeUtf8(content) : docxText(content);
    if (isBlank(text)) {
      throw new BadRequest("source.file.empty");
    }
    return new ExtractedText(text, format);
  }

  /** The limit in MB for messages: 20 for 20 MiB, rounded up to one decimal otherwise. */
  BigDecimal limitInMegabytes() {
    BigDecimal megabytes =
        BigDecimal.valueOf(maxBytes)
            .divide(BigDecimal.valueOf(MIB), 1, RoundingMode.UP)
            .stripTrailingZeros();
    return megabytes.scale() < 0 ? megabytes.setScale(0) : megabytes;
  }

  private static String formatOf(String filename) {
    if (filename == null) {
      throw new BadRequest("source.file.unsupported");
    }
    String name = filename.strip();
    name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
    int dot = name.lastIndexOf('.');
    String extension = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    return switch (extension) {
      case "txt", "docx" -> extension;
      // .doc included: its message tells people to save the document as .docx.
      default -> throw new BadRequest("source.file.unsupported");
    };
  }

  private static String decodeUtf8(byte[] content) {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    String text;
    try {
      text = decoder.decode(ByteBuffer.wrap(content)).toString();
    } catch (CharacterCodingException e) {
      throw new BadRequest("source.file.not-utf8");
    }
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    return normalise(text);
  }

  /** LF line ends, NFC (so "á" typed on a Mac and on Windows is the same text). */
  static String normalise(String text) {
    String lf = text.replace("\r\n", "\n").replace('\r', '\n');
    return Normalizer.normalize(lf, Normalizer.Form.NFC);
  }

  private static boolean isBlank(String text) {
    return text.codePoints()
        .allMatch(
            c ->
                Character.isWhitespace(c)
                    || Character.isSpaceChar(c)
                    || c == 0xFEFF
                    || c == 0x200B);
  }

  // --- .docx ---

  private String docxText(byte[] content) {
    if (!startsLikeAZip(content)) {
      throw new BadRequest("source.file.not-docx");
    }
    checkExpansion(content);
    OPCPackage pkg = null;
    try {
      pkg = OPCPackage.open(new ByteArrayInputStream(content));
      XWPFDocument document = new XWPFDocument(pkg);
      TextCollector text = new TextCollector(ZipSecureFile.getMaxTextSize());
      collect(document.getBodyElements(), text, 0);
      return normalise(text.toString());
    } catch (BadRequest e) {
      throw e;
    } catch (Exception e) {
      // POI reports bad input with checked and unchecked exceptions alike (IOException,
      // InvalidFormatException, NotOfficeXmlFileException, POIXMLException, XmlException...).
      // Their messages may quote the document, so neither they nor their causes go any further.
      if (isZipBomb(e)) {
        throw new BadRequest("source.file.zip-bomb");
      }
      throw new BadRequest("source.file.not-docx");
    } finally {
      if (pkg != null) {
        pkg.revert(); // read-only use: close without writing anything back
      }
    }
  }

  private static boolean startsLikeAZip(byte[] content) {
    return content.length >= 4
        && content[0] == 'P'
        && content[1] == 'K'
        && content[2] == 3
        && content[3] == 4;
  }

  /**
   * Streams through every part without keeping any, with the same zip reader and settings POI uses,
   * so that both see the same parts. Refuses archives that unpack to more than {@link
   * #MAX_EXPANSION} times the upload limit, have too many parts, or have a part larger than POI
   * will hold in memory.
   */
  private void checkExpansion(byte[] content) {
    long maxTotal = MAX_EXPANSION * maxBytes;
    long maxPart = Math.min(ZipSecureFile.getMaxEntrySize(), ZipArchiveFakeEntry.getMaxEntrySize());
    long total = 0;
    int parts = 0;
    byte[] buffer = new byte[8192];
    try (ZipArchiveInputStream zip =
        new ZipArchiveInputStream(
            new ByteArrayInputStream(content), StandardCharsets.UTF_8.name(), false, true)) {
      while (zip.getNextEntry() != null) {
        if (++parts > MAX_DOCX_PARTS) {
          throw new BadRequest("source.file.zip-bomb");
        }
        long part = 0;
        for (int n = zip.read(buffer); n != -1; n = zip.read(buffer)) {
          part += n;
          total += n;
          if (part > maxPart || total > maxTotal) {
            throw new BadRequest("source.file.zip-bomb");
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof BadRequest badRequest) {
        throw badRequest;
      }
      throw new BadRequest("source.file.not-docx");
    }
    if (parts == 0) {
      throw new BadRequest("source.file.not-docx");
    }
  }

  /** POI signals its zip-bomb limits with plain IOExceptions, told apart only by the message. */
  private static boolean isZipBomb(Throwable thrown) {
    Map<Throwable, Boolean> seen = new IdentityHashMap<>();
    for (Throwable t = thrown; t != null && seen.put(t, true) == null; t = t.getCause()) {
      String message = t.getMessage();
      if (message != null
          && (message.contains("Zip bomb detected")
              || message.startsWith("The file appears to be potentially malicious"))) {
        return true;
      }
    }
    return false;
  }

  /** Paragraphs and table cells in document order, one paragraph a line. */
  private static void collect(List<IBodyElement> elements, TextCollector text, int depth) {
    for (IBodyElement element : elements) {
      if (element instanceof XWPFParagraph paragraph) {
        text.add(paragraph.getText());
      } else if (element instanceof XWPFTable table && depth < MAX_TABLE_DEPTH) {
        for (XWPFTableRow row : table.getRows()) {
          for (XWPFTableCell cell : row.getTableCells()) {
            collect(cell.getBodyElements(), text, depth + 1);
          }
        }
      } else if (element instanceof XWPFSDT control) {
        text.add(control.getContent().getText());
      }
    }
  }

  /** Joins paragraphs with "\n", refusing to grow past POI's text limit. */
  private static final class TextCollector {
    private final long maxChars;
    private final StringBuilder text = new StringBuilder();
    private boolean first = true;

    TextCollector(long maxChars) {
      this.maxChars = maxChars;
    }

    void add(String paragraph) {
      if (!first) {
        text.append('\n');
      }
      first = false;
      text.append(paragraph == null ? "" : paragraph);
      if (text.length() > maxChars) {
        throw new BadRequest("source.file.zip-bomb");
      }
    }

    @Override
    public String toString() {
      return text.toString();
    }
  }
}
