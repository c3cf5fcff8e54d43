package org.tejido.fieldwork.internal;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The turns one speaker spoke in a source, stored in one column: for each turn, its id (16 bytes),
 * its position (4 bytes), the length of its ciphertext (4 bytes) and the ciphertext, big-endian, in
 * order of position. Each turn stays encrypted on its own, bound to its id; packing them only saves
 * the database a row, its index entries and its foreign-key checks per turn. Migration V9 builds
 * the same layout in SQL from the rows of earlier versions.
 */
public final class PackedTurns {

  private static final int HEADER = 16 + 4 + 4;

  private PackedTurns() {}

  /** One encrypted turn. */
  public record Sealed(UUID id, int position, byte[] ciphertext) {}

  public static byte[] pack(List<Sealed> turns) {
    int size = 0;
    for (Sealed t : turns) {
      size += HEADER + t.ciphertext().length;
    }
    ByteBuffer out = ByteBuffer.allocate(size);
    for (Sealed t : turns) {
      out.putLong(t.id().getMostSignificantBits())
          .putLong(t.id().getLeastSignificantBits())
          .putInt(t.position())
          .putInt(t.ciphertext().length)
          .put(t.ciphertext());
    }
    return out.array();
  }

  /**
   * @throws IllegalStateException when the bytes are not a list of turns (a damaged row)
   */
  public static List<Sealed> unpack(byte[] packed) {
    ByteBuffer in = ByteBuffer.wrap(packed);
    List<Sealed> turns = new ArrayList<>();
    try {
      while (in.hasRemaining()) {
        UUID id = new UUID(in.getLong(), in.getLong());
        int position = in.getInt();
        int length = in.getInt();
        if (length < 0 || length > in.remaining()) {
          throw new IllegalStateException("Damaged turns: a length runs past the end");
        }
        byte[] ciphertext = new byte[length];
        in.get(ciphertext);
        turns.add(new Sealed(id, position, ciphertext));
      }
    } catch (BufferUnderflowException e) {
      throw new IllegalStateException("Damaged turns: truncated", e);
    }
    return turns;
  }
}
