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
      return write(image, format);
    } catch (IOException | RuntimeException e) {
      return null;
    }
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
