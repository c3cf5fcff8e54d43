package org.tejido.backup.internal;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A stream of unknown length (a table's COPY output, a {@code pg_dump} archive) inside the backup:
 * chunks of at most 64 KB, each preceded by its length, ended by a length of zero. Nothing is held
 * in memory beyond one chunk.
 */
final class Frames {

  static final int CHUNK = 64 * 1024;

  private Frames() {}

  /** Writes framed chunks; {@link #close()} ends the frame but leaves the backup stream open. */
  static final class Writer extends OutputStream {
    private final DataOutputStream out;
    private final byte[] buffer = new byte[CHUNK];
    private int used;
    private long bytes;
    private boolean closed;

    Writer(DataOutputStream out) {
      this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
      if (used == buffer.length) {
        flushChunk();
      }
      buffer[used++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      while (len > 0) {
        if (used == buffer.length) {
          flushChunk();
        }
        int n = Math.min(len, buffer.length - used);
        System.arraycopy(b, off, buffer, used, n);
        used += n;
        off += n;
        len -= n;
      }
    }

    private void flushChunk() throws IOException {
      if (used > 0) {
        out.writeInt(used);
        out.write(buffer, 0, used);
        bytes += used;
        used = 0;
      }
    }

    long bytes() {
      return bytes;
    }

    @Override
    public void close() throws IOException {
      if (!closed) {
        flushChunk();
        out.writeInt(0);
        closed = true;
      }
    }
  }

  /** Reads framed chunks until the zero length; then reports the end of the stream. */
  static final class Reader extends InputStream {
    private final DataInputStream in;
    private int left;
    private boolean ended;

    Reader(DataInputStream in) {
      this.in = in;
    }

    private boolean next() throws IOException {
      while (left == 0 && !ended) {
        int length = in.readInt();
        if (length < 0 || length > CHUNK) {
          throw new IOException("Malformed backup contents: a chunk of " + length + " bytes");
        }
        if (length == 0) {
          ended = true;
        }
        left = length;
      }
      return !ended || left > 0;
    }

    @Override
    public int read() throws IOException {
      if (!next()) {
        return -1;
      }
      left--;
      return in.readUnsignedByte();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      if (!next()) {
        return -1;
      }
      int n = in.read(b, off, Math.min(len, left));
      if (n < 0) {
        throw new java.io.EOFException("The backup ends in the middle of a table");
      }
      left -= n;
      return n;
    }

    /** Reads to the end of the frame, discarding it; returns how many bytes it held. */
    long skipAll() throws IOException {
      long skipped = 0;
      byte[] sink = new byte[8192];
      int n;
      while ((n = read(sink, 0, sink.length)) != -1) {
        skipped += n;
      }
      return skipped;
    }
  }
}
