package org.tejido.deidentification.internal;

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
 * Common Spanish word forms, written in lower case in ordinary text: a capitalised word inside a
 * sentence that is one of them ("Servicio de Urgencias", "Ingreso", "Prednisona") is a heading or a
 * term, not a name nobody listed. The list ({@code deidentification/es-common-words.txt}, about
 * 13,500 forms) holds every word written in lower case outside an annotated entity in the MEDDOCAN
 * training split, written by {@code bench/train-recogniser.sh}; it is loaded once, on first use.
 */
public final class CommonWords {

  static final String RESOURCE = "/deidentification/es-common-words.txt";

  /**
   * Given names that are also common words ("Dolores", "Rosa", "Luz"): a capitalised one inside a
   * sentence is more likely a woman's or man's name than the word, so it is never taken for a
   * common word, whatever the list says. From general knowledge of Spanish names, not from a
   * corpus.
   */
  private static final Set<String> GIVEN_NAMES =
      Set.of(
          "amado",
          "amparo",
          "ángel",
          "ángeles",
          "angeles",
          "asunción",
          "aurora",
          "azucena",
          "blanca",
          "caridad",
          "carmen",
          "cielo",
          "clara",
          "clemente",
          "concepción",
          "consuelo",
          "cruz",
          "dolores",
          "esperanza",
          "estrella",
          "flor",
          "gloria",
          "guadalupe",
          "inocencio",
          "jazmín",
          "jesús",
          "luna",
          "luz",
          "margarita",
          "mercedes",
          "milagros",
          "modesto",
          "natividad",
          "olvido",
          "paloma",
          "paz",
          "perla",
          "piedad",
          "pilar",
          "reyes",
          "rocío",
          "rosa",
          "rosario",
          "salvador",
          "santos",
          "socorro",
          "sol",
          "soledad",
          "trinidad",
          "victoria",
          "violeta");

  private CommonWords() {}

  private static final class Holder {
    static final Set<String> WORDS = load();
  }

  private static Set<String> load() {
    try (InputStream in = CommonWords.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("The list of common words is missing: " + RESOURCE);
      }
      Set<String> words = new HashSet<>(16_384);
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (!line.isBlank() && !line.startsWith("#")) {
          words.add(line.strip());
        }
      }
      return Set.copyOf(words);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Whether {@code word}, lower-cased, is written so in ordinary Spanish text and is not also a
   * given name.
   */
  public static boolean contains(String word) {
    String lower = word.toLowerCase(Locale.ROOT);
    return Holder.WORDS.contains(lower) && !GIVEN_NAMES.contains(lower);
  }

  /** How many word forms the list holds. */
  public static int size() {
    return Holder.WORDS.size();
  }
}
