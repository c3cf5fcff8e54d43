package org.tejido.observatory.internal;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;

/**
 * The evidence files an update may carry: PDF, PNG and JPEG, recognised by their first bytes (never
 * by the name or the type the browser claims), so nothing that runs in a browser is ever served.
 * Photos are stored redrawn, without the metadata a phone writes into them (the place it was taken,
 * the phone, the time, a name): a community assessment's photo published on the tracker must not
 * say where its author stood.
 */
final class EvidenceFiles {

  /** Larger photos are refused rather than decoded (a phone's 12-megapixel photo passes). */
  static final long MAX_PIXELS = 16_000_000L;

  private EvidenceFiles() {}

  /**
   * A PNG or JPEG redrawn from its pixels alone, in the same format: every metadata segment or
   * chunk (EXIF with GPS position, XMP, comments, text) is left behind. A PDF is returned as it is.
   *
   * @return null when the image cannot be read or is larger than {@link #MAX_PIXELS}
   */
  static byte[] withoutMetadata(byte[] file, String type) {
    if (!type.startsWith("image/")) {
      return file;
    }
    String format = type.equals("image/png") ? "png" : "jpeg";
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(file))) {
      Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format);
      if (in == null || !readers.hasNext()) {
        return null;
      }
      ImageReader reader = readers.next();
      BufferedImage image;
      try {
        reader.setInput(in, true, true);
        // The size from the header first: a small file may claim a huge picture.
        if ((long) reader.getWidth(0) * reader.getHeight(0) > MAX_PIXELS) {
          return null;
        }
        image = reader.read(0);
      } finally {
        reader.dispose();
      }
      if (format.equals("jpeg")) {
        // The phone's "turn me" note goes with the rest: turn the pixels instead.
        image = upright(image, jpegOrientation(file));
      }
      return write(image, format);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /**
   * The EXIF orientation (1–8) a JPEG's APP1 segment declares, or 1: the camera writes the picture
   * as the sensor saw it and says how to turn it.
   */
  static int jpegOrientation(byte[] jpeg) {
    int at = 2;
    while (at + 4 <= jpeg.length && (jpeg[at] & 0xFF) == 0xFF) {
      int marker = jpeg[at + 1] & 0xFF;
      int length = ((jpeg[at + 2] & 0xFF) << 8) | (jpeg[at + 3] & 0xFF);
      if (marker == 0xDA || length < 2) {
        break; // the image data starts: no more metadata segments
      }
      int start = at + 4;
      if (marker == 0xE1 && start + 6 <= jpeg.length && isExif(jpeg, start)) {
        return tiffOrientation(jpeg, start + 6, Math.min(jpeg.length, at + 2 + length));
      }
      at += 2 + length;
    }
    return 1;
  }

  private static boolean isExif(byte[] b, int at) {
    return b[at] == 'E'
        && b[at + 1] == 'x'
        && b[at + 2] == 'i'
        && b[at + 3] == 'f'
        && b[at + 4] == 0
        && b[at + 5] == 0;
  }

  /** Tag 0x0112 of the first IFD of the TIFF structure at {@code tiff}, or 1. */
  private static int tiffOrientation(byte[] b, int tiff, int end) {
    if (tiff + 8 > end) {
      return 1;
    }
    boolean little = b[tiff] == 'I' && b[tiff + 1] == 'I';
    if (!little && !(b[tiff] == 'M' && b[tiff + 1] == 'M')) {
      return 1;
    }
    long ifd = tiff + unsigned(b, tiff + 4, 4, little);
    if (ifd + 2 > end) {
      return 1;
    }
    int entries = (int) unsigned(b, (int) ifd, 2, little);
    for (int i = 0; i < entries; i++) {
      int entry = (int) ifd + 2 + 12 * i;
      if (entry + 12 > end) {
        return 1;
      }
      if (unsigned(b, entry, 2, little) == 0x0112) {
        int value = (int) unsigned(b, entry + 8, 2, little);
        return value >= 1 && value <= 8 ? value : 1;
      }
    }
    return 1;
  }

  private static long unsigned(byte[] b, int at, int bytes, boolean little) {
    long value = 0;
    for (int i = 0; i < bytes; i++) {
      int v = b[little ? at + bytes - 1 - i : at + i] & 0xFF;
      value = (value << 8) | v;
    }
    return value;
  }

  /** The picture turned (and mirrored) as EXIF orientation {@code o} asks. */
  static BufferedImage upright(BufferedImage image, int o) {
    if (o <= 1 || o > 8) {
      return image;
    }
    int w = image.getWidth();
    int h = image.getHeight();
    boolean swap = o >= 5;
    BufferedImage out = new BufferedImage(swap ? h : w, swap ? w : h, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int nx;
        int ny;
        switch (o) {
          case 2 -> {
            nx = w - 1 - x;
            ny = y;
          }
          case 3 -> {
            nx = w - 1 - x;
            ny = h - 1 - y;
          }
          case 4 -> {
            nx = x;
            ny = h - 1 - y;
          }
          case 5 -> {
            nx = y;
            ny = x;
          }
          case 6 -> {
            nx = h - 1 - y;
            ny = x;
          }
          case 7 -> {
            nx = h - 1 - y;
            ny = w - 1 - x;
          }
          default -> {
            nx = y;
            ny = w - 1 - x;
          } // 8
        }
        out.setRGB(nx, ny, image.getRGB(x, y));
      }
    }
    return out;
  }

  private static byte[] write(BufferedImage image, String format) throws IOException {
    if (format.equals("jpeg") && image.getColorModel().hasAlpha()) {
      return null;
    }
    ImageWriter writer = ImageIO.getImageWritersByFormatName(format).next();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
      writer.setOutput(out);
      ImageWriteParam param = writer.getDefaultWriteParam();
      if (format.equals("jpeg")) {
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(0.9f);
      }
      writer.write(null, new IIOImage(image, null, null), param);
    } finally {
      writer.dispose();
    }
    return bytes.toByteArray();
  }

  /** The file's media type, or null when it is none of the allowed kinds. */
  static String type(byte[] b) {
    if (starts(b, 0x25, 0x50, 0x44, 0x46, 0x2D)) {
      return "application/pdf";
    }
    if (starts(b, 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A)) {
      return "image/png";
    }
    if (starts(b, 0xFF, 0xD8, 0xFF)) {
      return "image/jpeg";
    }
    return null;
  }

  /** The name to show and download under: no path, no odd characters, the type's extension. */
  static String safeName(String original, String type) {
    String name = original == null ? "" : original.replace('\\', '/');
    name = name.substring(name.lastIndexOf('/') + 1);
    int dot = name.lastIndexOf('.');
    String stem = (dot > 0 ? name.substring(0, dot) : name).replaceAll("[^A-Za-z0-9_-]+", "-");
    stem = stem.replaceAll("^-+|-+$", "");
    if (stem.isEmpty()) {
      stem = "evidencia";
    }
    if (stem.length() > 80) {
      stem = stem.substring(0, 80);
    }
    String ext =
        switch (type) {
          case "application/pdf" -> ".pdf";
          case "image/png" -> ".png";
          default -> ".jpg";
        };
    return stem + ext;
  }

  private static boolean starts(byte[] b, int... magic) {
    if (b.length < magic.length) {
      return false;
    }
    for (int i = 0; i < magic.length; i++) {
      if ((b[i] & 0xFF) != magic[i]) {
        return false;
      }
    }
    return true;
  }
}
