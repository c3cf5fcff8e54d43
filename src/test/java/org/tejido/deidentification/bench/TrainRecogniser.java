package org.tejido.deidentification.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import opennlp.tools.ml.BeamSearch;
import opennlp.tools.namefind.NameFinderME;
import opennlp.tools.namefind.NameSample;
import opennlp.tools.namefind.TokenNameFinderFactory;
import opennlp.tools.namefind.TokenNameFinderModel;
import opennlp.tools.util.ObjectStreamUtils;
import opennlp.tools.util.Span;
import opennlp.tools.util.TrainingParameters;
import org.tejido.deidentification.internal.Tokens;

/**
 * Trains the Spanish name and place recogniser on the MEDDOCAN training split (brat standoff) and
 * writes it where the application loads it from. Reproducible: the same corpus and parameters give
 * the same weights (the file differs only by the training time in its manifest). Run by {@code
 * bench/train-recogniser.sh}.
 *
 * <p>Arguments: the training folder (default {@code ../shared/corpus/deid-es/train}) and the model
 * file (default {@code src/main/resources/deidentification/es-names.bin}).
 */
public final class TrainRecogniser {

  /** MEDDOCAN's kinds and the recogniser's types; kinds not listed are not learnt. */
  static final Map<String, String> TYPES =
      Map.ofEntries(
          Map.entry("NOMBRE_SUJETO_ASISTENCIA", "person"),
          Map.entry("NOMBRE_PERSONAL_SANITARIO", "person"),
          Map.entry("FAMILIARES_SUJETO_ASISTENCIA", "person"),
          Map.entry("CALLE", "street"),
          Map.entry("TERRITORIO", "place"),
          Map.entry("PAIS", "place"),
          Map.entry("HOSPITAL", "organisation"),
          Map.entry("INSTITUCION", "organisation"),
          Map.entry("CENTRO_SALUD", "organisation"),
          Map.entry("ID_SUJETO_ASISTENCIA", "identifier"),
          Map.entry("ID_TITULACION_PERSONAL_SANITARIO", "identifier"),
          Map.entry("ID_ASEGURAMIENTO", "identifier"),
          Map.entry("ID_CONTACTO_ASISTENCIAL", "identifier"),
          Map.entry("ID_EMPLEO_PERSONAL_SANITARIO", "identifier"),
          Map.entry("NUMERO_TELEFONO", "identifier"),
          Map.entry("NUMERO_FAX", "identifier"),
          Map.entry("CORREO_ELECTRONICO", "identifier"));

  private TrainRecogniser() {}

  public static void main(String[] args) throws IOException {
    Path corpus = Path.of(args.length > 0 ? args[0] : "../shared/corpus/deid-es/train");
    Path model =
        Path.of(args.length > 1 ? args[1] : "src/main/resources/deidentification/es-names.bin");
    List<NameSample> samples = new ArrayList<>();
    try (Stream<Path> files = Files.list(corpus)) {
      for (Path txt : files.filter(p -> p.toString().endsWith(".txt")).sorted().toList()) {
        String name = txt.getFileName().toString();
        Path ann = txt.resolveSibling(name.substring(0, name.length() - 4) + ".ann");
        samples.addAll(samples(Files.readString(txt), Brat.read(ann)));
      }
    }
    TrainingParameters params = TrainingParameters.defaultParams();
    params.put(TrainingParameters.ITERATIONS_PARAM, 150);
    params.put(TrainingParameters.CUTOFF_PARAM, 2);
    params.put(TrainingParameters.THREADS_PARAM, 1);
    // Greedy decoding: a third of the time of the default beam of 3, for the same recall on dev.
    params.put(BeamSearch.BEAM_SIZE_PARAMETER, 1);
    long started = System.nanoTime();
    TokenNameFinderModel trained =
        NameFinderME.train(
            "es",
            null,
            ObjectStreamUtils.createObjectStream(samples),
            params,
            new TokenNameFinderFactory());
    Files.createDirectories(model.toAbsolutePath().getParent());
    try (OutputStream out = Files.newOutputStream(model)) {
      trained.serialize(out);
    }
    System.out.printf(
        "Trained on %d sentences in %.0f s: %s (%d bytes)%n",
        samples.size(), (System.nanoTime() - started) / 1e9, model, Files.size(model));
  }

  /** The text's sentences with the gold entities on their tokens (char offsets of the text). */
  static List<NameSample> samples(String text, List<Brat.Entity> entities) {
    List<NameSample> out = new ArrayList<>();
    boolean first = true;
    for (List<Tokens.Token> sentence : Tokens.sentences(text)) {
      String[] words = sentence.stream().map(Tokens.Token::text).toArray(String[]::new);
      List<Span> names = new ArrayList<>();
      for (Brat.Entity e : entities) {
        String type = TYPES.get(e.kind());
        if (type == null) {
          continue;
        }
        int from = -1;
        int to = -1;
        for (int i = 0; i < sentence.size(); i++) {
          Tokens.Token t = sentence.get(i);
          if (t.start() < e.end() && t.end() > e.start()) {
            if (from < 0) {
              from = i;
            }
            to = i + 1;
          }
        }
        if (from >= 0) {
          Span span = new Span(from, to, type);
          if (names.stream().noneMatch(s -> s.intersects(span) || span.intersects(s))) {
            names.add(span);
          }
        }
      }
      names.sort(null);
      out.add(new NameSample(words, names.toArray(Span[]::new), first));
      first = false;
    }
    return out;
  }

  /** brat standoff entities with offsets converted from code points to chars of the text. */
  record Brat() {
    record Entity(String kind, int start, int end) {}

    static List<Entity> read(Path ann) throws IOException {
      List<Entity> out = new ArrayList<>();
      String txtName = ann.getFileName().toString().replaceFirst("\\.ann$", ".txt");
      String text = Files.readString(ann.resolveSibling(txtName), StandardCharsets.UTF_8);
      for (String line : Files.readAllLines(ann, StandardCharsets.UTF_8)) {
        if (!line.startsWith("T")) {
          continue;
        }
        String[] parts = line.split("\t");
        String[] kindAndSpan = parts[1].split(" ");
        if (kindAndSpan.length != 3) {
          continue; // discontinuous spans: none in MEDDOCAN
        }
        int start = text.offsetByCodePoints(0, Integer.parseInt(kindAndSpan[1]));
        int end = text.offsetByCodePoints(0, Integer.parseInt(kindAndSpan[2]));
        out.add(new Entity(kindAndSpan[0], start, end));
      }
      return out;
    }
  }
}
