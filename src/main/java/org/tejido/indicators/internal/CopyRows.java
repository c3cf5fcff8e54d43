package org.tejido.indicators.internal;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.postgresql.copy.CopyIn;

/**
 * Rows written to an open {@code COPY ... FROM STDIN} in PostgreSQL's text format, 64 KiB at a
 * time. Null is {@code \N}; an integer array is written as {@code {1,NULL,...}}. A municipal
 * history is millions of rows of integers: they are written straight as ASCII digits into one byte
 * buffer, text as UTF-8 with its tabs, newlines and backslashes escaped.
 */
public final class CopyRows {

  private static final int FLUSH_AT = 64 * 1024;
  private static final byte[] NULL = {'\\', 'N'};
  private static final byte[] NULL_ELEMENT = {'N', 'U', 'L', 'L'};
  private final CopyIn copy;
  private byte[] buffer = new byte[FLUSH_AT + 4096];
  private int length;
  private final byte[] digits = new byte[11];
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
        put((byte) '\t');
      }
      Object value = values[i];
      if (value == null) {
        put(NULL);
      } else if (value instanceof Integer number) {
        integer(number);
      } else if (value instanceof Integer[] array) {
        put((byte) '{');
        for (int j = 0; j < array.length; j++) {
          if (j > 0) {
            put((byte) ',');
          }
          if (array[j] == null) {
            put(NULL_ELEMENT);
          } else {
            integer(array[j]);
          }
        }
        put((byte) '}');
      } else {
        escape(value.toString());
      }
    }
    put((byte) '\n');
    rows++;
    if (length >= FLUSH_AT) {
      flush();
    }
  }

  public long rows() {
    return rows;
  }

  void flush() throws SQLException {
    if (length > 0) {
      copy.writeToCopy(buffer, 0, length);
      length = 0;
    }
  }

  private void integer(int value) {
    if (value == Integer.MIN_VALUE) {
      escape(Integer.toString(value));
      return;
    }
    if (value < 0) {
      put((byte) '-');
      value = -value;
    }
    int at = digits.length;
    do {
      digits[--at] = (byte) ('0' + value % 10);
      value /= 10;
    } while (value > 0);
    room(digits.length - at);
    System.arraycopy(digits, at, buffer, length, digits.length - at);
    length += digits.length - at;
  }

  private void escape(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    room(bytes.length * 2);
    for (byte b : bytes) {
      switch (b) {
        case '\\' -> put2('\\', '\\');
        case '\t' -> put2('\\', 't');
        case '\n' -> put2('\\', 'n');
        case '\r' -> put2('\\', 'r');
        default -> buffer[length++] = b;
      }
    }
  }

  private void put2(char a, char b) {
    buffer[length++] = (byte) a;
    buffer[length++] = (byte) b;
  }

  private void put(byte b) {
    room(1);
    buffer[length++] = b;
  }

  private void put(byte[] bytes) {
    room(bytes.length);
    System.arraycopy(bytes, 0, buffer, length, bytes.length);
    length += bytes.length;
  }

  private void room(int more) {
    if (length + more > buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
    }
  }

  /** What writes the rows; it may fail at any point, and then nothing is kept. */
  @FunctionalInterface
  public interface Producer {
    void writeTo(CopyRows rows) throws Exception;
  }
}
