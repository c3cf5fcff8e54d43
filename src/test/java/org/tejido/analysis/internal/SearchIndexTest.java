package org.tejido.analysis.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Search through the site's inverted index finds exactly what reading every turn finds, in the same
 * order: the same hits, the same total, for words, beginnings of words, several words, accents and
 * capitals, and queries that begin with punctuation; after sources are taken out of the index,
 * indexed again with other words, or forgotten; and with sources hidden from the reader.
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
          "morelos",
          "la c",
          "robo la",
          "a a");

  @Test
  void theIndexFindsWhatReadingEveryTurnFinds() {
    Random random = new Random(42);
    UUID site = UUID.randomUUID();
    SearchIndex index = new SearchIndex();
    List<UUID> sources = new ArrayList<>();
    for (int s = 0; s < 30; s++) {
      UUID source = UUID.randomUUID();
      sources.add(source);
      index.put(site, source, Instant.EPOCH, turns(random));
    }
    // Another site's words are never found.
    index.put(UUID.randomUUID(), UUID.randomUUID(), Instant.EPOCH, turns(random));
    assertSameAsReading(index, site, Set.of());
    assertThat(index.find(site, "policia", Integer.MAX_VALUE, Set.of()).total()).isPositive();
    assertThat(index.find(site, "ministerio publico", Integer.MAX_VALUE, Set.of()).total())
        .isPositive();

    for (int round = 0; round < 6; round++) {
      // Sources de-identified again (new words), taken out (a hit that no longer matched),
      // forgotten (no longer ready), and some hidden from the reader (flagged for review).
      for (int i = 0; i < 5; i++) {
        index.put(site, sources.get(random.nextInt(sources.size())), Instant.now(), turns(random));
      }
      index.remove(site, sources.get(random.nextInt(sources.size())));
      Set<UUID> keep = new HashSet<>(sources);
      keep.remove(sources.get(random.nextInt(sources.size())));
      index.retain(site, keep);
      UUID added = UUID.randomUUID();
      sources.add(added);
      index.put(site, added, Instant.EPOCH, turns(random));
      Set<UUID> hidden = new HashSet<>();
      for (int i = 0; i < round; i++) {
        hidden.add(sources.get(random.nextInt(sources.size())));
      }
      assertSameAsReading(index, site, hidden);
    }
  }

  private static void assertSameAsReading(SearchIndex index, UUID site, Set<UUID> hidden) {
    List<SearchIndex.Document> visible =
        index.documents(site).stream().filter(d -> !hidden.contains(d.source())).toList();
    for (String q : QUERIES) {
      String folded = SearchIndex.fold(q).strip();
      for (int max : new int[] {1, 20, Integer.MAX_VALUE}) {
        SearchIndex.Found byIndex = index.find(site, folded, max, hidden);
        SearchIndex.Found byReading = SearchIndex.scan(visible, folded, max);
        assertThat(byIndex.total()).as(q).isEqualTo(byReading.total());
        assertThat(byIndex.hits()).as(q).isEqualTo(byReading.hits());
      }
    }
  }

  private static Map<Integer, String> turns(Random random) {
    Map<Integer, String> turns = new LinkedHashMap<>();
    for (int t = 1; t <= 1 + random.nextInt(6); t++) {
      StringBuilder text = new StringBuilder();
      for (int w = 0; w < random.nextInt(40); w++) {
        text.append(w == 0 ? "" : random.nextInt(8) == 0 ? "  " : " ");
        text.append(WORDS[random.nextInt(WORDS.length)]);
      }
      turns.put(t * 2, text.toString());
    }
    return turns;
  }
}
