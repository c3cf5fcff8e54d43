package org.tejido.deidentification.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.tejido.deidentification.internal.Tokens;

/**
 * Writes the list of common lower-case Spanish word forms that the capitalised-word hint ignores:
 * every word of two letters or more written in lower case in the MEDDOCAN training split (brat
 * standoff) outside any annotated entity, one per line, sorted. Only the training split is read:
 * the dev split measures the result. Run by {@code bench/train-recogniser.sh}.
 *
 * <p>Arguments: the training folder (default {@code ../shared/corpus/deid-es/train}) and the list
 * (default {@code src/main/resources/deidentification/es-common-words.txt}).
 */
public final class BuildCommonWords {

  private BuildCommonWords() {}

  public static void main(String[] args) throws IOException {
    Path corpus = Path.of(args.length > 0 ? args[0] : "../shared/corpus/deid-es/train");
    Path list =
        Path.of(
            args.length > 1 ? args[1] : "src/main/resources/deidentification/es-common-words.txt");
    TreeSet<String> words = new TreeSet<>();
    try (Stream<Path> files = Files.list(corpus)) {
      for (Path txt : files.filter(p -> p.toString().endsWith(".txt")).sorted().toList()) {
        String name = txt.getFileName().toString();
        Path ann = txt.resolveSibling(name.substring(0, name.length() - 4) + ".ann");
        words.addAll(commonWords(Files.readString(txt), TrainRecogniser.Brat.read(ann)));
      }
    }
    List<String> lines = new ArrayList<>();
    lines.add(
        "# Lower-case Spanish word forms outside any annotated entity of the MEDDOCAN training split"
            + " (CC BY 4.0, see NOTICE); written by bench/train-recogniser.sh.");
    lines.addAll(words);
    Files.write(list, lines, StandardCharsets.UTF_8);
    System.out.printf("%d common words: %s (%d bytes)%n", words.size(), list, Files.size(list));
  }

  /** The words of {@code text} written in lower case, outside the gold entities. */
  static List<String> commonWords(String text, List<TrainRecogniser.Brat.Entity> entities) {
    List<String> out = new ArrayList<>();
    for (List<Tokens.Token> sentence : Tokens.sentences(text)) {
      for (Tokens.Token t : sentence) {
        String w = t.text();
        if (w.codePointCount(0, w.length()) >= 2
            && w.codePoints().allMatch(Character::isLetter)
            && w.equals(w.toLowerCase(Locale.ROOT))
            && entities.stream().noneMatch(e -> e.start() < t.end() && t.start() < e.end())) {
          out.add(w);
        }
      }
    }
    return out;
  }
}
