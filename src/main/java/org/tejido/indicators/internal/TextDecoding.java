package org.tejido.indicators.internal;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Official files come as UTF-8 (with or without a byte-order mark, when someone re-saved them) or
 * as Windows-1252 (as SESNSP and INEGI publish them). The first 64 KiB decide: a BOM or valid UTF-8
 * means UTF-8, anything else Windows-1252. The headers of these files always hold accented letters
 * ("Año", "Población"), so the guess is made on real evidence. A UTF-8 file is then decoded
 * strictly, so a stray Windows-1252 byte further on stops the import instead of loading mangled
 * names.
 */
public final class TextDecoding {

  static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
  private static final int SNIFF = 64 * 1024;

  private TextDecoding() {}

  /** The stream as text, its encoding detected, a leading BOM removed. */
  public static Decoded open(InputStream raw) throws IOException {
    BufferedInputStream in = new BufferedInputStream(raw, SNIFF * 2);
    in.mark(SNIFF + 1);
    byte[] head = in.readNBytes(SNIFF);
    in.reset();
    Charset charset;
    if (head.length >= 3
        && (head[0] & 0xFF) == 0xEF
        && (head[1] & 0xFF) == 0xBB
        && (head[2] & 0xFF) == 0xBF) {
      in.skipNBytes(3);
      charset = StandardCharsets.UTF_8;
    } else {
      charset = isUtf8(head, head.length < SNIFF) ? StandardCharsets.UTF_8 : WINDOWS_1252;
    }
    CharsetDecoder decoder =
        charset
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    if (charset.equals(WINDOWS_1252)) {
      // Five bytes have no character in Windows-1252; keep them visible rather than failing.
      decoder.onMalformedInput(CodingErrorAction.REPLACE);
      decoder.onUnmappableCharacter(CodingErrorAction.REPLACE);
    }
    return new Decoded(new InputStreamReader(in, decoder), charset);
  }

  private static boolean isUtf8(byte[] head, boolean complete) {
    int end = head.length;
    if (!complete) {
      // The sample may end inside a character: drop up to three bytes of an unfinished one.
      int back = 0;
      while (back < 3 && end - back - 1 >= 0 && (head[end - back - 1] & 0xC0) == 0x80) {
        back++;
      }
      if (end - back - 1 >= 0 && (head[end - back - 1] & 0xC0) == 0xC0) {
        end = end - back - 1;
      }
    }
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(head, 0, end));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  /** A decoded stream and the encoding it was found to be in. */
  public record Decoded(Reader reader, Charset charset) {}
}
