package org.tejido.fieldwork.internal;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The turns one speaker spoke in a source, as one byte string: for each turn, its id (16 bytes),
 * its position (4 bytes), the length of its bytes (4 bytes) and the bytes, big-endian, in order of
 * position.
 *
 * <p>A part is stored in one of two formats ({@code source_part.format}): in format 2 the packed
 * plaintext turns are encrypted as one ciphertext; in format 1, which migration V9 builds in SQL
 * from the one-row-per-turn storage of earlier versions without decrypting anything, each turn was
 * encrypted on its own and the ciphertexts are packed.
 */
public final class PackedTurns {

  private static final int HEADER = 16 + 4 + 4;

  private PackedTurns() {}

  /** One turn: its id, position, and its bytes (plaintext or ciphertext, by format). */
  public record Entry(UUID id, int position, byte[] bytes) {}

  public static byte[] pack(List<Entry> turns) {
    int size = 0;
    for (Entry t : turns) {
      size += HEADER + t.bytes().length;
    }
    ByteBuffer out = ByteBuffer.allocate(size);
    for (Entry t : turns) {
      out.putLong(t.id().getMostSignificantBits())
          .putLong(t.id().getLeastSignificantBits())
          .putInt(t.position())
          .putInt(t.bytes().length)
          .put(t.bytes());
    }
    return out.array();
  }

  /**
   * @throws IllegalStateException when the bytes are not a list of turns (a damaged row)
   */
  public static List<Entry> unpack(byte[] packed) {
    ByteBuffer in = ByteBuffer.wrap(packed);
    List<Entry> turns = new ArrayList<>();
    try {
      while (in.hasRemaining()) {
        UUID id = new UUID(in.getLong(), in.getLong());
        int position = in.getInt();
        int length = in.getInt();
        if (length < 0 || length > in.remaining()) {
          throw new IllegalStateException("Damaged turns: a length runs past the end");
        }
        byte[] bytes = new byte[length];
        in.get(bytes);
        turns.add(new Entry(id, position, bytes));
      }
    } catch (BufferUnderflowException e) {
      throw new IllegalStateException("Damaged turns: truncated", e);
    }
    return turns;
  }
}
