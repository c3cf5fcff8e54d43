package org.tejido.indicators.internal;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.postgresql.copy.CopyIn;

/**
 * Rows written to an open {@code COPY ... FROM STDIN} in PostgreSQL's text format, 64 KiB at a
 * time. Null is {@code \N}; an integer array is written as {@code {1,NULL,...}}.
 */
public final class CopyRows {

  private static final int FLUSH_AT = 64 * 1024;
  private final CopyIn copy;
  private final StringBuilder buffer = new StringBuilder(FLUSH_AT + 4096);
  private long rows;
  private Consumer<Object[]> observer = values -> {};
  private UnaryOperator<Object[]> mapper = UnaryOperator.identity();

  CopyRows(CopyIn copy) {
    this.copy = copy;
  }

  /** These rows, each row's values also handed to {@code observer} as it is written. */
  CopyRows observing(Consumer<Object[]> observer) {
    this.observer = observer;
    return this;
  }

  /** These rows, each row as given turned by {@code mapper} into the row written. */
  CopyRows mapping(UnaryOperator<Object[]> mapper) {
    this.mapper = mapper;
    return this;
  }

  /** Writes one row; values are strings, numbers, {@code Integer[]} or null. */
  public void row(Object... given) throws SQLException {
    observer.accept(given);
    Object[] values = mapper.apply(given);
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        buffer.append('\t');
      }
      Object value = values[i];
      if (value == null) {
        buffer.append("\\N");
      } else if (value instanceof Integer[] array) {
        buffer.append('{');
        for (int j = 0; j < array.length; j++) {
          if (j > 0) {
            buffer.append(',');
          }
          buffer.append(array[j] == null ? "NULL" : array[j].toString());
        }
        buffer.append('}');
      } else {
        escape(value.toString());
      }
    }
    buffer.append('\n');
    rows++;
    if (buffer.length() >= FLUSH_AT) {
      flush();
    }
  }

  public long rows() {
    return rows;
  }

  void flush() throws SQLException {
    if (!buffer.isEmpty()) {
      byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
      copy.writeToCopy(bytes, 0, bytes.length);
      buffer.setLength(0);
    }
  }

  private void escape(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\\' -> buffer.append("\\\\");
        case '\t' -> buffer.append("\\t");
        case '\n' -> buffer.append("\\n");
        case '\r' -> buffer.append("\\r");
        default -> buffer.append(c);
      }
    }
  }

  /** What writes the rows; it may fail at any point, and then nothing is kept. */
  @FunctionalInterface
  public interface Producer {
    void writeTo(CopyRows rows) throws Exception;
  }
}
