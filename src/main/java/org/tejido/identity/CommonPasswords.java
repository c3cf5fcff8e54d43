package org.tejido.identity;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The passwords people pick most often (the zxcvbn frequency list, shipped as {@code
 * identity/common-passwords.txt}). A password is refused when it is one of them, or one of them
 * with digits and punctuation around it ("password2024!"), whatever the letter case and spaces.
 */
final class CommonPasswords {

  private static final Set<String> LIST = load();

  private CommonPasswords() {}

  static boolean isCommon(String password) {
    String lower = password.toLowerCase(Locale.ROOT).replace(" ", "");
    if (LIST.contains(lower)) {
      return true;
    }
    String core = lower.replaceAll("^[\\p{Punct}\\d]+|[\\p{Punct}\\d]+$", "");
    return core.length() >= 4 && LIST.contains(core) || isRepetition(lower);
  }

  /** "aaaaaaaaaaaa", "abcabcabcabc", "123412341234". */
  private static boolean isRepetition(String s) {
    for (int unit = 1; unit <= s.length() / 3; unit++) {
      if (s.length() % unit == 0 && s.substring(0, unit).repeat(s.length() / unit).equals(s)) {
        return true;
      }
    }
    return false;
  }

  private static Set<String> load() {
    Set<String> words = new HashSet<>(40_000);
    try (InputStream in =
            CommonPasswords.class
                .getClassLoader()
                .getResourceAsStream("identity/common-passwords.txt");
        BufferedReader reader =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line; (line = reader.readLine()) != null; ) {
        if (!line.isBlank() && !line.startsWith("#")) {
          words.add(line.strip().toLowerCase(Locale.ROOT));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Set.copyOf(words);
  }
}
