package org.tejido.analysis.internal;

import java.text.Normalizer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The de-identified words of each site's sources ready for analysis, held in memory only (never
 * written to disk: the words are sealed at rest), for full-text search that ignores case and
 * accents. Each turn is kept beside its folded form, one {@code char} for one {@code char}, so a
 * position found in the folded words is the same position in the words.
 *
 * <p>Each source also keeps the words of its folded turns as an inverted index (its distinct words,
 * sorted, and where each begins), so that a query looks up the words it begins instead of reading
 * every turn: the time of a search follows the number of hits, not the size of the corpus.
 *
 * <p>The index only finds candidates: what is shown is read again, through the fieldwork API and
 * with the reader's role, before it is shown (see {@code CodingQueries#search}).
 */
@Component
public class SearchIndex {

  /** One turn: its position in the source, its words and their folded form (same length). */
  public record IndexedTurn(int position, String text, String folded) {}

  /**
   * A source's de-identified turns, as last indexed.
   *
   * @param deidentifiedAt when the source was last de-identified (a change means new words)
   * @param words where each word of the folded turns begins
   */
  public record Document(
      UUID source, Instant deidentifiedAt, List<IndexedTurn> turns, Words words) {

    public Document(UUID source, Instant deidentifiedAt, List<IndexedTurn> turns) {
      this(source, deidentifiedAt, turns, Words.of(turns));
    }
  }

  /**
   * An inverted index of one source: its distinct folded words (runs of letters and digits),
   * sorted, and for each, where it begins, as {@code (index of the turn in the document << 32) |
   * char}, in the order of the text.
   */
  public record Words(String[] words, long[][] starts) {

    static Words of(List<IndexedTurn> turns) {
      Map<String, long[]> found = new java.util.HashMap<>();
      Map<String, Integer> sizes = new java.util.HashMap<>();
      for (int t = 0; t < turns.size(); t++) {
        String folded = turns.get(t).folded();
        int i = 0;
        int n = folded.length();
        while (i < n) {
          if (!Character.isLetterOrDigit(folded.charAt(i))) {
            i++;
            continue;
          }
          int start = i;
          while (i < n && Character.isLetterOrDigit(folded.charAt(i))) {
            i++;
          }
          String word = folded.substring(start, i);
          long at = ((long) t << 32) | start;
          int size = sizes.merge(word, 1, Integer::sum);
          long[] list = found.get(word);
          if (list == null) {
            list = new long[4];
            found.put(word, list);
          } else if (size > list.length) {
            list = java.util.Arrays.copyOf(list, list.length * 2);
            found.put(word, list);
          }
          list[size - 1] = at;
        }
      }
      String[] words = found.keySet().toArray(String[]::new);
      java.util.Arrays.sort(words);
      long[][] starts = new long[words.length][];
      for (int w = 0; w < words.length; w++) {
        starts[w] = java.util.Arrays.copyOf(found.get(words[w]), sizes.get(words[w]));
      }
      return new Words(words, starts);
    }

    /** Where {@code word} begins a word of the source, in the order of the text; null: nowhere. */
    long[] beginning(String word) {
      int from = from(word);
      int to = from;
      while (to < words.length && words[to].startsWith(word)) {
        to++;
      }
      if (to - from <= 1) {
        return to == from ? null : starts[from];
      }
      int size = 0;
      for (int i = from; i < to; i++) {
        size += starts[i].length;
      }
      long[] all = new long[size];
      size = 0;
      for (int i = from; i < to; i++) {
        System.arraycopy(starts[i], 0, all, size, starts[i].length);
        size += starts[i].length;
      }
      java.util.Arrays.sort(all);
      return all;
    }

    /** Where {@code word} is a word of the source, in the order of the text; null: nowhere. */
    long[] exactly(String word) {
      int at = java.util.Arrays.binarySearch(words, word);
      return at >= 0 ? starts[at] : null;
    }

    /** The first word not before {@code word}. */
    int from(String word) {
      int at = java.util.Arrays.binarySearch(words, word);
      return at >= 0 ? at : -at - 1;
    }
  }

  /**
   * A hit: a turn of a source and a span in it, in {@code char}s of the turn's words.
   *
   * @param start the first {@code char} of the match
   * @param end the {@code char} after it
   */
  public record Hit(UUID source, int turn, int start, int end) {}

  private final Map<UUID, Map<UUID, Document>> sites = new ConcurrentHashMap<>();

  /** The documents of a site, by source. */
  public Map<UUID, Document> of(UUID site) {
    return sites.computeIfAbsent(site, s -> new ConcurrentHashMap<>());
  }

  /** Indexes (or indexes again) a source's turns: {@code position → words}. */
  public void put(UUID site, UUID source, Instant deidentifiedAt, Map<Integer, String> turns) {
    List<IndexedTurn> indexed = new ArrayList<>(turns.size());
    turns.forEach((position, text) -> indexed.add(new IndexedTurn(position, text, fold(text))));
    indexed.sort(java.util.Comparator.comparingInt(IndexedTurn::position));
    of(site).put(source, new Document(source, deidentifiedAt, List.copyOf(indexed)));
  }

  public void remove(UUID site, UUID source) {
    of(site).remove(source);
  }

  /** Forgets every source of a site not in {@code keep}. */
  public void retain(UUID site, Set<UUID> keep) {
    of(site).keySet().retainAll(keep);
  }

  /**
   * Every place where the folded query begins a word, in the given documents; at most {@code max}
   * hits are returned, all are counted.
   *
   * @param query already {@linkplain #fold folded} and stripped, not empty
   */
  public static Found find(Collection<Document> documents, String query, int max) {
    int first = 0;
    while (first < query.length() && Character.isLetterOrDigit(query.charAt(first))) {
      first++;
    }
    if (first == 0) {
      return scan(documents, query, max);
    }
    // A hit begins a word. A query of one word: every word it begins. A longer one: its first word
    // exactly, followed where the query says by a word its second word begins (or is, if more
    // follows), then the rest of the query checked in the turn's folded words.
    String word = query.substring(0, first);
    boolean oneWord = first == query.length();
    int second = first;
    while (second < query.length() && !Character.isLetterOrDigit(query.charAt(second))) {
      second++;
    }
    int secondEnd = second;
    while (secondEnd < query.length() && Character.isLetterOrDigit(query.charAt(secondEnd))) {
      secondEnd++;
    }
    String next = secondEnd > second ? query.substring(second, secondEnd) : null;
    boolean nextIsLast = secondEnd == query.length();
    List<Hit> hits = new ArrayList<>(Math.min(max, 1024));
    long total = 0;
    for (Document d : documents) {
      Words w = d.words();
      long[] starts = oneWord ? w.beginning(word) : w.exactly(word);
      if (starts == null) {
        continue;
      }
      if (oneWord && hits.size() >= max) {
        total += starts.length;
        continue;
      }
      long[] follow = null;
      if (next != null) {
        follow = nextIsLast ? w.beginning(next) : w.exactly(next);
        if (follow == null) {
          continue;
        }
      }
      int f = 0;
      for (long s : starts) {
        if (follow != null) {
          long wanted = s + second;
          while (f < follow.length && follow[f] < wanted) {
            f++;
          }
          if (f == follow.length) {
            break;
          }
          if (follow[f] != wanted) {
            continue;
          }
        }
        IndexedTurn t = d.turns().get((int) (s >>> 32));
        int at = (int) s;
        if (!oneWord && !t.folded().startsWith(query, at)) {
          continue;
        }
        total++;
        if (hits.size() < max) {
          hits.add(new Hit(d.source(), t.position(), at, at + query.length()));
        }
      }
    }
    return new Found(hits, total);
  }

  /** A query that does not begin with a letter or a digit: every turn read. */
  static Found scan(Collection<Document> documents, String query, int max) {
    List<Hit> hits = new ArrayList<>(Math.min(max, 1024));
    long total = 0;
    for (Document d : documents) {
      for (IndexedTurn t : d.turns()) {
        String folded = t.folded();
        int from = 0;
        while (true) {
          int at = folded.indexOf(query, from);
          if (at < 0) {
            break;
          }
          from = at + 1;
          if (at > 0 && Character.isLetterOrDigit(folded.charAt(at - 1))) {
            continue;
          }
          total++;
          if (hits.size() < max) {
            hits.add(new Hit(d.source(), t.position(), at, at + query.length()));
          }
        }
      }
    }
    return new Found(hits, total);
  }

  /** Hits found (at most as many as asked for) and how many there are in all. */
  public record Found(List<Hit> hits, long total) {}

  private static final char[] FOLDED = new char[Character.MAX_VALUE + 1];

  static {
    for (int c = 0; c <= Character.MAX_VALUE; c++) {
      char ch = (char) c;
      char folded = ch;
      if (Character.isSurrogate(ch)) {
        FOLDED[c] = ch;
        continue;
      }
      if (c >= 0x80) {
        String d = Normalizer.normalize(String.valueOf(ch), Normalizer.Form.NFD);
        if (!d.isEmpty() && Character.getType(d.charAt(0)) != Character.NON_SPACING_MARK) {
          folded = d.charAt(0);
        }
      }
      FOLDED[c] = Character.toLowerCase(folded);
    }
  }

  /**
   * Lower case without accents (á → a, Ñ → n, ü → u), one {@code char} for one {@code char}:
   * Spanish searched the way people type on a phone.
   */
  public static String fold(String text) {
    if (text == null) {
      return "";
    }
    char[] out = new char[text.length()];
    for (int i = 0; i < out.length; i++) {
      out[i] = FOLDED[text.charAt(i)];
    }
    return new String(out);
  }
}
