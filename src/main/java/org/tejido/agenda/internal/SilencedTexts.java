package org.tejido.agenda.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.tejido.crypto.SiteEncryption;
import org.tejido.shared.LocalizedText;

/**
 * Seals the four texts of a silenced issue (titles and descriptions, es/en) into one ciphertext
 * bound to the issue's row id, and opens it again for the site's team.
 */
@Component
public class SilencedTexts {

  private final SiteEncryption encryption;

  SilencedTexts(SiteEncryption encryption) {
    this.encryption = encryption;
  }

  public record Texts(LocalizedText title, LocalizedText description) {}

  public byte[] seal(UUID site, UUID issue, LocalizedText title, LocalizedText description) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      write(out, title.es());
      write(out, title.en());
      write(out, description.es());
      write(out, description.en());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String encoded = Base64.getEncoder().encodeToString(bytes.toByteArray());
    return encryption.seal(site, encoded, context(issue));
  }

  public Texts open(UUID site, UUID issue, byte[] sealed) {
    byte[] plain = Base64.getDecoder().decode(encryption.open(site, sealed, context(issue)));
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(plain))) {
      return new Texts(
          new LocalizedText(read(in), read(in)), new LocalizedText(read(in), read(in)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String context(UUID issue) {
    return "agenda_issue:" + issue;
  }

  private static void write(DataOutputStream out, String s) throws IOException {
    if (s == null) {
      out.writeInt(-1);
    } else {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      out.writeInt(b.length);
      out.write(b);
    }
  }

  private static String read(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0) {
      return null;
    }
    return new String(in.readNBytes(n), StandardCharsets.UTF_8);
  }
}
