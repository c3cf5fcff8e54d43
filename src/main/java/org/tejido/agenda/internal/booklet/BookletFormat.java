package org.tejido.agenda.internal.booklet;

import java.util.Locale;
import java.util.Optional;

/**
 * The paper a booklet is laid out for: A5 (folded A4, as printed in Mexico and most of the world)
 * or US letter. Sizes and type scale are the booklet stylesheet's, chosen per paper.
 *
 * @param widthPt the page width in PostScript points, as a PDF reader reports it
 */
public enum BookletFormat {
  A5("a5", "A5", "16mm 13mm 18mm 13mm", "9pt", "210mm", 419.53f, 595.28f),
  LETTER("letter", "letter", "20mm 20mm 22mm 20mm", "10.5pt", "279.4mm", 612f, 792f);

  private final String key;
  private final String cssSize;
  private final String margin;
  private final String bodySize;
  private final String coverHeight;
  private final float widthPt;
  private final float heightPt;

  BookletFormat(
      String key,
      String cssSize,
      String margin,
      String bodySize,
      String coverHeight,
      float widthPt,
      float heightPt) {
    this.key = key;
    this.cssSize = cssSize;
    this.margin = margin;
    this.bodySize = bodySize;
    this.coverHeight = coverHeight;
    this.widthPt = widthPt;
    this.heightPt = heightPt;
  }

  /** The format named in {@code ?format=}, case-insensitively. */
  public static Optional<BookletFormat> parse(String value) {
    if (value == null) {
      return Optional.empty();
    }
    String v = value.trim().toLowerCase(Locale.ROOT);
    for (BookletFormat f : values()) {
      if (f.key.equals(v)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  public String key() {
    return key;
  }

  public String getCssSize() {
    return cssSize;
  }

  public String getMargin() {
    return margin;
  }

  public String getBodySize() {
    return bodySize;
  }

  public String getCoverHeight() {
    return coverHeight;
  }

  public float widthPt() {
    return widthPt;
  }

  public float heightPt() {
    return heightPt;
  }
}
