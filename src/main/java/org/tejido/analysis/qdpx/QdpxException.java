package org.tejido.analysis.qdpx;

/**
 * A {@code .qdpx} refused as a whole: nothing of it may be stored. {@link #code()} is stable (its
 * message key is {@code error.<code>}); the message is English detail for logs and the command line
 * and never holds text of a source.
 */
public final class QdpxException extends RuntimeException {

  private final String code;

  QdpxException(String code, String detail) {
    super(code + ": " + detail);
    this.code = code;
  }

  QdpxException(String code, String detail, Throwable cause) {
    super(code + ": " + detail, cause);
    this.code = code;
  }

  /** Stable identifier such as {@code qdpx.not-a-zip}. */
  public String code() {
    return code;
  }
}
