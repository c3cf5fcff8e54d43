package org.tejido.fieldwork.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.tejido.sites.Site;

/** Length-prefixed encoding of several optional strings into one plaintext, and codes. */
public final class Codec {
  private Codec() {}

  public static byte[] encode(String... fields) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(fields.length);
      for (String f : fields) {
        if (f == null) {
          out.writeInt(-1);
        } else {
          byte[] b = f.getBytes(StandardCharsets.UTF_8);
          out.writeInt(b.length);
          out.write(b);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  public static List<String> decode(byte[] encoded) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded))) {
      int n = in.readInt();
      List<String> fields = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        int len = in.readInt();
        fields.add(len < 0 ? null : new String(in.readNBytes(len), StandardCharsets.UTF_8));
      }
      return fields;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code APA-017}: the site's three-letter prefix and a number of at least three digits. */
  public static String participantCode(Site site, int number) {
    String key = site.key().replace("-", "").toUpperCase(java.util.Locale.ROOT);
    String prefix = key.substring(0, Math.min(3, key.length()));
    return String.format(java.util.Locale.ROOT, "%s-%03d", prefix, number);
  }
}
