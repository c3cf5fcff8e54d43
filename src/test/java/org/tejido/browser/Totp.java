package org.tejido.browser;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import java.security.InvalidKeyException;
import java.time.Instant;
import java.util.Locale;
import javax.crypto.spec.SecretKeySpec;

/**
 * What a person's authenticator app does with the key they typed in from the enrolment page: RFC
 * 6238 codes (HMAC-SHA1, six digits, 30-second steps) through java-otp, the library Tejido uses.
 */
final class Totp {

  private static final String BASE32 = "abcdefghijklmnopqrstuvwxyz234567";

  private Totp() {}

  /** The code the app shows at {@code when} for the key as the page shows it ("abcd efgh …"). */
  static String code(String shownKey, Instant when) {
    try {
      return new TimeBasedOneTimePasswordGenerator()
          .generateOneTimePasswordString(
              new SecretKeySpec(decode(shownKey), "HmacSHA1"), when, Locale.ROOT);
    } catch (InvalidKeyException e) {
      throw new IllegalStateException(e);
    }
  }

  /** RFC 4648 base32, any case, spaces ignored, no padding: as typed into an app. */
  static byte[] decode(String text) {
    String clean = text.replaceAll("\\s+", "").toLowerCase(Locale.ROOT);
    byte[] out = new byte[clean.length() * 5 / 8];
    int buffer = 0;
    int bits = 0;
    int n = 0;
    for (char c : clean.toCharArray()) {
      int value = BASE32.indexOf(c);
      if (value < 0) {
        throw new IllegalArgumentException("not base32: " + c);
      }
      buffer = (buffer << 5) | value;
      bits += 5;
      if (bits >= 8) {
        out[n++] = (byte) (buffer >> (bits - 8));
        bits -= 8;
      }
    }
    return out;
  }
}
