package org.tejido.analysis.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Search through the words' inverted index finds exactly what reading every turn finds, in the same
 * order: the same hits, the same total, for words, beginnings of words, several words, accents and
 * capitals, and queries that begin with punctuation.
 */
class SearchIndexTest {

  private static final String[] WORDS = {
    "la",
    "colonia",
    "Calle",
    "patrulla",
    "miedo",
    "comité",
    "Comite",
    "extorsión",
    "jóvenes",
    "policía",
    "POLICIA",
    "robo",
    "robos",
    "ministerio",
    "público",
    "señora",
    "niños",
    "¿qué",
    "pasa?",
    "12",
    "1999",
    "[NOMBRE]",
    "calle-morelos",
    "a",
    "al",
    "año",
    "🙁",
    "piso,",
    "cobro."
  };

  private static final List<String> QUERIES =
      List.of(
          "la",
          "calle",
          "call",
          "comite",
          "extorsion",
          "jovenes",
          "policia",
          "rob",
          "robo",
          "ministerio publico",
          "ministerio p",
          "que",
          "¿que",
          "pasa?",
          "1",
          "19",
          "nombre",
          "[nombre]",
          "calle-mor",
          "a",
          "an",
          "ano",
          "🙁",
          "piso, la",
          "cobro. ",
          "senora ninos",
          "zzz",
          "la calle",
          "al ",
          "-",
          "morelos");

  @Test
  void theIndexFindsWhatReadingEveryTurnFinds() {
    Random random = new Random(42);
    UUID site = UUID.randomUUID();
    SearchIndex index = new SearchIndex();
    for (int s = 0; s < 30; s++) {
      Map<Integer, String> turns = new LinkedHashMap<>();
      for (int t = 1; t <= 1 + random.nextInt(6); t++) {
        StringBuilder text = new StringBuilder();
        for (int w = 0; w < random.nextInt(40); w++) {
          text.append(w == 0 ? "" : random.nextInt(8) == 0 ? "  " : " ");
          text.append(WORDS[random.nextInt(WORDS.length)]);
        }
        turns.put(t * 2, text.toString());
      }
      index.put(site, UUID.randomUUID(), Instant.EPOCH, turns);
    }
    var docs = index.of(site).values();
    for (String q : QUERIES) {
      String folded = SearchIndex.fold(q).strip();
      for (int max : new int[] {1, 20, Integer.MAX_VALUE}) {
        SearchIndex.Found byIndex = SearchIndex.find(docs, folded, max);
        SearchIndex.Found byReading = SearchIndex.scan(docs, folded, max);
        assertThat(byIndex.total()).as(q).isEqualTo(byReading.total());
        assertThat(byIndex.hits()).as(q).isEqualTo(byReading.hits());
      }
    }
    assertThat(SearchIndex.find(docs, "policia", Integer.MAX_VALUE).total()).isPositive();
    assertThat(SearchIndex.find(docs, "ministerio publico", Integer.MAX_VALUE).total())
        .isPositive();
  }
}
