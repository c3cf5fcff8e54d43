package org.tejido.fieldwork.internal.text;

import java.util.Objects;

/**
 * The text of an uploaded source, NFC-normalised with {@code \n} line ends.
 *
 * @param text never blank
 * @param format {@code txt} or {@code docx}
 */
public record ExtractedText(String text, String format) {

  public ExtractedText {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(format, "format");
  }

  /** Keeps testimony out of logs and exception messages: only the format and the length. */
  @Override
  public String toString() {
    return "ExtractedText[format=" + format + ", length=" + text.length() + "]";
  }
}
