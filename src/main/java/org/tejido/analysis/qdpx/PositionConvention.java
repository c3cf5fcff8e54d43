package org.tejido.analysis.qdpx;

/**
 * How a file counted selection positions in its plain text. REFI-QDA says code points; NVivo for
 * Windows counts UTF-16 code units, with CRLF as two and the byte order mark not counted.
 *
 * @param utf16Units UTF-16 code units rather than code points (a character outside the Basic
 *     Multilingual Plane, such as an emoji, counts as two)
 * @param crlfAsTwo a CR LF line end counts as two positions rather than one
 * @param bomCounted a leading byte order mark counts as one position
 */
public record PositionConvention(boolean utf16Units, boolean crlfAsTwo, boolean bomCounted) {

  /** What REFI-QDA prescribes, and what {@link QdpxWriter} writes. */
  public static final PositionConvention CODE_POINTS = new PositionConvention(false, true, false);

  /** English, for the import report and the command line. */
  public String describe() {
    return (utf16Units ? "UTF-16 code units" : "code points")
        + ", CRLF = "
        + (crlfAsTwo ? "2" : "1")
        + ", BOM "
        + (bomCounted ? "counted" : "not counted");
  }
}
