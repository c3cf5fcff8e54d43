package org.tejido.participation.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Locale;

/**
 * One-time voting codes: 80 random bits from {@link SecureRandom}, written as sixteen characters of
 * Crockford's base32 in four groups ({@code 7QK2-M9XD-4TRC-HW3P}: no I, L, O or U, so nothing reads
 * as something else), and kept only as a SHA-256 digest. With 2^80 possible codes a digest cannot
 * be walked back to its code, and the throttle makes guessing online hopeless as well.
 */
public final class VoteCodes {

  static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

  /** Characters in a code; 5 bits each. */
  public static final int LENGTH = 16;

  public static final int BITS = LENGTH * 5;

  private static final SecureRandom RANDOM = new SecureRandom();

  private VoteCodes() {}

  public static String generate() {
    StringBuilder code = new StringBuilder(LENGTH + 3);
    for (int i = 0; i < LENGTH; i++) {
      if (i > 0 && i % 4 == 0) {
        code.append('-');
      }
      code.append(ALPHABET.charAt(RANDOM.nextInt(32)));
    }
    return code.toString();
  }

  /**
   * What a person typed, as the code it means: spaces and dashes dropped, lower case raised, and
   * the letters people confuse with digits read as those digits; null if it cannot be a code.
   */
  public static String normalise(String typed) {
    if (typed == null || typed.length() > 64) {
      return null;
    }
    StringBuilder code = new StringBuilder(LENGTH);
    for (char c : typed.toUpperCase(Locale.ROOT).toCharArray()) {
      if (c == ' ' || c == '-' || c == '\t') {
        continue;
      }
      char read =
          switch (c) {
            case 'O' -> '0';
            case 'I', 'L' -> '1';
            default -> c;
          };
      if (ALPHABET.indexOf(read) < 0) {
        return null;
      }
      code.append(read);
    }
    return code.length() == LENGTH ? code.toString() : null;
  }

  /** The digest a code is stored as. */
  public static byte[] digest(String normalised) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update("tejido.vote-code\0".getBytes(StandardCharsets.US_ASCII));
      return sha.digest(normalised.getBytes(StandardCharsets.US_ASCII));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
