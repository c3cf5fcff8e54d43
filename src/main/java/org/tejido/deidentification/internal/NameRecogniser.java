package org.tejido.deidentification.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import opennlp.tools.namefind.NameFinderME;
import opennlp.tools.namefind.TokenNameFinderModel;
import opennlp.tools.util.Span;
import org.tejido.deidentification.EntityKind;
import org.tejido.deidentification.Replacement;
import org.tejido.deidentification.Rule;

/**
 * The Spanish name and place recogniser: an OpenNLP maximum-entropy name finder trained on the
 * MEDDOCAN corpus ({@code bench/train-recogniser.sh}), shipped as {@code
 * deidentification/es-names.bin}. The model is loaded once, the first time it is needed; a name
 * finder is not thread-safe, so each thread has its own over the shared model.
 */
public final class NameRecogniser {

  static final String RESOURCE = "/deidentification/es-names.bin";

  private NameRecogniser() {}

  private static final class Holder {
    static final TokenNameFinderModel MODEL = load();
    static final long LOAD_NANOS = loadNanos;
    static final ThreadLocal<NameFinderME> FINDER =
        ThreadLocal.withInitial(() -> new NameFinderME(MODEL));
  }

  private static long loadNanos;

  private static TokenNameFinderModel load() {
    long started = System.nanoTime();
    try (InputStream in = NameRecogniser.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("The name recogniser's model is missing: " + RESOURCE);
      }
      TokenNameFinderModel model = new TokenNameFinderModel(in);
      loadNanos = System.nanoTime() - started;
      return model;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Loads the model now if it is not loaded yet; returns how long loading it took, in ns. */
  public static long warmUp() {
    Holder.FINDER.get();
    return Holder.LOAD_NANOS;
  }

  /** What the model finds in {@code text}, with offsets into it and the model's probability. */
  public static List<Replacement> find(String text) {
    NameFinderME finder = Holder.FINDER.get();
    finder.clearAdaptiveData();
    List<Replacement> found = new ArrayList<>();
    try {
      for (List<Tokens.Token> sentence : Tokens.sentences(text)) {
        if (!worthAsking(sentence)) {
          continue;
        }
        String[] words = new String[sentence.size()];
        for (int i = 0; i < words.length; i++) {
          words[i] = sentence.get(i).text();
        }
        Span[] spans = finder.find(words);
        double[] probs = finder.probs(spans);
        for (int i = 0; i < spans.length; i++) {
          int start = sentence.get(spans[i].getStart()).start();
          int end = sentence.get(spans[i].getEnd() - 1).end();
          if (!capitalOrDigit(text, start, end)) {
            // "la calle.", "el centro": common words without a name, which the clinical training
            // text taught the model to take for an address.
            continue;
          }
          EntityKind kind = kind(spans[i].getType());
          double confidence = Math.max(0, Math.min(0.95, probs[i]));
          found.add(
              new Replacement(
                  start,
                  end,
                  text.substring(start, end),
                  SpeechRules.tokenFor(kind),
                  Rule.RECOGNISER,
                  kind,
                  confidence));
        }
      }
    } finally {
      finder.clearAdaptiveData();
    }
    return found;
  }

  private static boolean capitalOrDigit(String text, int start, int end) {
    for (int k = start; k < end; k++) {
      char c = text.charAt(k);
      if (Character.isUpperCase(c) || Character.isDigit(c)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether a sentence has a capital or a digit past its first word: the model finds nothing in the
   * others ("Pues la verdad."), which are much of oral testimony, so they are not worth its time.
   */
  private static boolean worthAsking(List<Tokens.Token> sentence) {
    for (int i = 1; i < sentence.size(); i++) {
      String w = sentence.get(i).text();
      for (int k = 0; k < w.length(); k++) {
        char c = w.charAt(k);
        if (Character.isUpperCase(c) || Character.isDigit(c)) {
          return true;
        }
      }
    }
    return false;
  }

  private static EntityKind kind(String type) {
    return switch (type) {
      case "person" -> EntityKind.PERSON;
      case "street" -> EntityKind.STREET;
      case "place" -> EntityKind.PLACE;
      case "organisation" -> EntityKind.ORGANISATION;
      default -> EntityKind.OTHER;
    };
  }
}
