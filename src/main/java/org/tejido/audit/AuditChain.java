package org.tejido.audit;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.UUID;

/**
 * The hash of an audit entry: SHA-256 over an unambiguous encoding of its fields. Every field is
 * written as a 32-bit big-endian length followed by that many bytes (length -1 for null), so no two
 * different entries encode to the same bytes: {@code ("ab", "c")} and {@code ("a", "bc")} differ,
 * and so do a null detail and an empty one. Numbers are 8 bytes big-endian, the time is
 * microseconds since the epoch (PostgreSQL's precision), uuids are their 16 bytes and texts UTF-8.
 * The encoding starts with a version tag so that a future change of format cannot be confused with
 * this one.
 */
final class AuditChain {

  static final int HASH_LENGTH = 32;
  private static final byte[] FORMAT = "tejido.audit.v1".getBytes(StandardCharsets.US_ASCII);

  private AuditChain() {}

  /** The previous hash of the first entry: 32 zero bytes. */
  static byte[] genesis() {
    return new byte[HASH_LENGTH];
  }

  static byte[] hash(
      long sequence,
      Instant at,
      UUID site,
      UUID actor,
      String action,
      String subject,
      String detail,
      byte[] previousHash) {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream(256);
    try (DataOutputStream out = new DataOutputStream(buffer)) {
      field(out, FORMAT);
      field(out, longBytes(sequence));
      field(out, longBytes(epochMicros(at)));
      field(out, uuidBytes(site));
      field(out, uuidBytes(actor));
      field(out, utf8(action));
      field(out, utf8(subject));
      field(out, utf8(detail));
      field(out, previousHash);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // cannot happen in memory
    }
    return sha256().digest(buffer.toByteArray());
  }

  /** Microseconds since the epoch; throws if the time has a finer part (it would not survive). */
  static long epochMicros(Instant at) {
    if (at.getNano() % 1000 != 0) {
      throw new IllegalArgumentException("audit times are kept to the microsecond: " + at);
    }
    return Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000L), at.getNano() / 1000);
  }

  private static void field(DataOutputStream out, byte[] value) throws IOException {
    if (value == null) {
      out.writeInt(-1);
    } else {
      out.writeInt(value.length);
      out.write(value);
    }
  }

  private static byte[] longBytes(long value) {
    byte[] b = new byte[8];
    for (int i = 7; i >= 0; i--) {
      b[i] = (byte) value;
      value >>>= 8;
    }
    return b;
  }

  private static byte[] uuidBytes(UUID uuid) {
    if (uuid == null) {
      return null;
    }
    byte[] b = new byte[16];
    System.arraycopy(longBytes(uuid.getMostSignificantBits()), 0, b, 0, 8);
    System.arraycopy(longBytes(uuid.getLeastSignificantBits()), 0, b, 8, 8);
    return b;
  }

  private static byte[] utf8(String s) {
    return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime provides SHA-256", e);
    }
  }
}
