package org.tejido.observatory.internal;

/**
 * The evidence files an update may carry: PDF, PNG and JPEG, recognised by their first bytes (never
 * by the name or the type the browser claims), so nothing that runs in a browser is ever served.
 */
final class EvidenceFiles {
  private EvidenceFiles() {}

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
