package org.tejido.identity;

import java.security.SecureRandom;

/**
 * Temporary passwords an administrator reads out or passes on: four groups of five letters and
 * digits from an alphabet without look-alikes (no 0/O, 1/l/I), about 99 bits from {@link
 * SecureRandom}. Used once, then replaced by the person's own.
 */
final class TemporaryPasswords {

  private static final char[] ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  static String generate() {
    StringBuilder password = new StringBuilder(23);
    for (int group = 0; group < 4; group++) {
      if (group > 0) {
        password.append('-');
      }
      for (int i = 0; i < 5; i++) {
        password.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
      }
    }
    return password.toString();
  }

  private TemporaryPasswords() {}
}
