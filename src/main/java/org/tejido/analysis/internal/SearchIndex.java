package org.tejido.analysis.internal;

import java.text.Normalizer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.springframework.stereotype.Component;

/**
 * The de-identified words of each site's sources ready for analysis, held in memory only (never
 * written to disk: the words are sealed at rest), for full-text search that ignores case and
 * accents. Each turn is kept beside its folded form, one {@code char} for one {@code char}, so a
 * position found in the folded words is the same position in the words.
 *
 * <p>Each site has one inverted index: its sources' distinct folded words (runs of letters and
 * digits), sorted, and for each, the sources it is in and where it begins in each. A query looks up
 * the words it begins once for the whole site, and walks only the sources that hold them: the time
 * of a search follows the number of hits, not the number of sources or the size of the corpus.
 *
 * <p>Hits come in the order the sources were indexed (a source indexed again goes last), and in the
 * order of the text within a source; that order is stable between two queries, so pages of hits
 * follow one another.
 *
 * <p>The index only finds candidates: what is shown is read again, through the fieldwork API and
 * with the reader's role, before it is shown (see {@code CodingQueries#search}).
 */
@Component
public class SearchIndex {

  /** One turn: its position in the source, its words and their folded form (same length). */
  public record IndexedTurn(int position, String text, String folded) {}

  /** A source's de-identified turns, as last indexed. */
  public static final class Document {
    private final UUID source;
    private final Instant deidentifiedAt;
    private final List<IndexedTurn> turns;
    // Its place among the site's documents: the order of hits.
    private final long order;
    // Its distinct folded words (the site's own instances), to take it out of the index.
    private final String[] words;

    Document(UUID source, Instant deidentifiedAt, List<IndexedTurn> turns, long order, String[] w) {
      this.source = source;
      this.deidentifiedAt = deidentifiedAt;
      this.turns = turns;
      this.order = order;
      this.words = w;
    }

    public UUID source() {
      return source;
    }

    /** When the source was last de-identified (a change means new words). */
    public Instant deidentifiedAt() {
      return deidentifiedAt;
    }

    public List<IndexedTurn> turns() {
      return turns;
    }
  }

  /**
   * A hit: a turn of a source and a span in it, in {@code char}s of the turn's words.
   *
   * @param start the first {@code char} of the match
   * @param end the {@code char} after it
   */
  public record Hit(UUID source, int turn, int start, int end) {}

  /** Hits found (at most as many as asked for) and how many there are in all. */
  public record Found(List<Hit> hits, long total) {}

  private final Map<UUID, SiteWords> sites = new ConcurrentHashMap<>();

  private SiteWords site(UUID site) {
    return sites.computeIfAbsent(site, s -> new SiteWords());
  }

  /** Indexes (or indexes again) a source's turns: {@code position → words}. */
  public void put(UUID site, UUID source, Instant deidentifiedAt, Map<Integer, String> turns) {
    List<IndexedTurn> indexed = new ArrayList<>(turns.size());
    turns.forEach((position, text) -> indexed.add(new IndexedTurn(position, text, fold(text))));
    indexed.sort(Comparator.comparingInt(IndexedTurn::position));
    site(site).put(source, deidentifiedAt, List.copyOf(indexed));
  }

  public void remove(UUID site, UUID source) {
    site(site).write(w -> w.remove(source));
  }

  /** Forgets every source of a site not in {@code keep}. */
  public void retain(UUID site, Set<UUID> keep) {
    site(site)
        .write(
            w -> {
              for (UUID source : List.copyOf(w.documents.keySet())) {
                if (!keep.contains(source)) {
                  w.remove(source);
                }
              }
            });
  }

  /** The source as last indexed; null: not indexed. */
  public Document document(UUID site, UUID source) {
    SiteWords w = site(site);
    w.lock.readLock().lock();
    try {
      return w.documents.get(source);
    } finally {
      w.lock.readLock().unlock();
    }
  }

  /** The site's indexed sources, in the order of hits. */
  public List<Document> documents(UUID site) {
    SiteWords w = site(site);
    w.lock.readLock().lock();
    try {
      return List.copyOf(w.documents.values());
    } finally {
      w.lock.readLock().unlock();
    }
  }

  /**
   * Every place where the folded query begins a word in the site's indexed sources but {@code
   * hidden}, in the order of {@link #documents}: the same hits, and the same total, as {@link #scan
   * reading} every turn of those sources. At most {@code max} hits are returned, all are counted.
   *
   * @param query already {@linkplain #fold folded} and stripped, not empty
   * @param hidden sources not to search (a reader's role may not read them)
   */
  public Found find(UUID site, String query, int max, Set<UUID> hidden) {
    SiteWords w = site(site);
    w.lock.readLock().lock();
    try {
      return w.find(query, max, hidden);
    } finally {
      w.lock.readLock().unlock();
    }
  }

  /** A query that does not begin with a letter or a digit (and the reference): every turn read. */
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

  /**
   * One site's index: its documents in the order they were indexed, and each distinct word with the
   * documents it is in, in the same order. Searches share a read lock; indexing takes the write
   * lock for the time it takes to link a document's words (its words are found before).
   */
  private static final class SiteWords {
    final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    final Map<UUID, Document> documents = new LinkedHashMap<>();
    final TreeMap<String, Postings> words = new TreeMap<>();
    long next;

    void write(java.util.function.Consumer<SiteWords> change) {
      lock.writeLock().lock();
      try {
        change.accept(this);
      } finally {
        lock.writeLock().unlock();
      }
    }

    void put(UUID source, Instant deidentifiedAt, List<IndexedTurn> turns) {
      Map<String, long[]> found = new HashMap<>();
      Map<String, Integer> sizes = new HashMap<>();
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
            list = Arrays.copyOf(list, list.length * 2);
            found.put(word, list);
          }
          list[size - 1] = at;
        }
      }
      lock.writeLock().lock();
      try {
        remove(source);
        String[] own = new String[found.size()];
        Document d = new Document(source, deidentifiedAt, turns, next++, own);
        int i = 0;
        for (Map.Entry<String, long[]> e : found.entrySet()) {
          Postings p = words.get(e.getKey());
          if (p == null) {
            p = new Postings(e.getKey());
            words.put(p.word, p);
          }
          own[i++] = p.word;
          p.add(d, Arrays.copyOf(e.getValue(), sizes.get(e.getKey())));
        }
        documents.put(source, d);
      } finally {
        lock.writeLock().unlock();
      }
    }

    void remove(UUID source) {
      Document d = documents.remove(source);
      if (d == null) {
        return;
      }
      for (String word : d.words) {
        Postings p = words.get(word);
        if (p != null && p.remove(d) == 0) {
          words.remove(word);
        }
      }
    }

    /** The words that begin with {@code prefix}. */
    List<Postings> beginning(String prefix) {
      List<Postings> out = new ArrayList<>();
      for (Map.Entry<String, Postings> e : words.tailMap(prefix, true).entrySet()) {
        if (!e.getKey().startsWith(prefix)) {
          break;
        }
        out.add(e.getValue());
      }
      return out;
    }

    Found find(String query, int max, Set<UUID> hidden) {
      int first = 0;
      while (first < query.length() && Character.isLetterOrDigit(query.charAt(first))) {
        first++;
      }
      if (first == 0) {
        List<Document> visible = new ArrayList<>(documents.size());
        for (Document d : documents.values()) {
          if (!hidden.contains(d.source())) {
            visible.add(d);
          }
        }
        return scan(visible, query, max);
      }
      List<Hit> hits = new ArrayList<>(Math.min(max, 1024));
      String word = query.substring(0, first);
      if (first == query.length()) {
        // One word: every word it begins; the total without reading a place.
        List<Postings> all = beginning(word);
        long total = 0;
        for (Postings p : all) {
          total += p.total;
        }
        for (UUID h : hidden) {
          Document d = documents.get(h);
          if (d != null) {
            for (Postings p : all) {
              int i = p.indexOf(d);
              total -= i >= 0 ? p.starts[i].length : 0;
            }
          }
        }
        Union places = new Union(all);
        Document d;
        while (hits.size() < max && (d = places.peek()) != null) {
          long[] starts = places.take(d);
          if (hidden.contains(d.source())) {
            continue;
          }
          for (int i = 0; i < starts.length && hits.size() < max; i++) {
            hits.add(hit(d, starts[i], query.length()));
          }
        }
        return new Found(hits, total);
      }
      // Several words: the first word exactly, followed where the query says by a word its second
      // word begins (or is, if more follows), then the rest of the query checked in the turn's
      // folded words.
      Postings firsts = words.get(word);
      if (firsts == null) {
        return new Found(hits, 0);
      }
      int second = first;
      while (second < query.length() && !Character.isLetterOrDigit(query.charAt(second))) {
        second++;
      }
      int secondEnd = second;
      while (secondEnd < query.length() && Character.isLetterOrDigit(query.charAt(secondEnd))) {
        secondEnd++;
      }
      Union follows = null;
      if (secondEnd > second) {
        String next = query.substring(second, secondEnd);
        List<Postings> nexts;
        if (secondEnd == query.length()) {
          nexts = beginning(next);
        } else {
          Postings exactly = words.get(next);
          nexts = exactly == null ? List.of() : List.of(exactly);
        }
        if (nexts.isEmpty()) {
          return new Found(hits, 0);
        }
        follows = new Union(nexts);
      }
      long total = 0;
      for (int i = 0; i < firsts.size; i++) {
        Document d = firsts.docs[i];
        if (hidden.contains(d.source())) {
          continue;
        }
        long[] follow = null;
        if (follows != null) {
          follows.skipTo(d.order);
          Document there = follows.peek();
          if (there == null) {
            break;
          }
          if (there != d) {
            continue;
          }
          follow = follows.take(d);
        }
        int f = 0;
        for (long s : firsts.starts[i]) {
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
          if (!d.turns.get((int) (s >>> 32)).folded().startsWith(query, (int) s)) {
            continue;
          }
          total++;
          if (hits.size() < max) {
            hits.add(hit(d, s, query.length()));
          }
        }
      }
      return new Found(hits, total);
    }

    private static Hit hit(Document d, long place, int length) {
      int at = (int) place;
      return new Hit(d.source(), d.turns.get((int) (place >>> 32)).position(), at, at + length);
    }
  }

  /** One word's documents, in the order of the site's documents, and where it begins in each. */
  private static final class Postings {
    final String word;
    Document[] docs = new Document[2];
    long[][] starts = new long[2][];
    int size;
    // Places in all its documents.
    long total;

    Postings(String word) {
      this.word = word;
    }

    /** Adds a document indexed after every other one. */
    void add(Document d, long[] places) {
      if (size == docs.length) {
        docs = Arrays.copyOf(docs, size * 2);
        starts = Arrays.copyOf(starts, size * 2);
      }
      docs[size] = d;
      starts[size] = places;
      size++;
      total += places.length;
    }

    /** Takes a document out; returns how many are left. */
    int remove(Document d) {
      int i = indexOf(d);
      if (i >= 0) {
        total -= starts[i].length;
        System.arraycopy(docs, i + 1, docs, i, size - i - 1);
        System.arraycopy(starts, i + 1, starts, i, size - i - 1);
        size--;
        docs[size] = null;
        starts[size] = null;
        if (size > 8 && size < docs.length / 4) {
          docs = Arrays.copyOf(docs, docs.length / 2);
          starts = Arrays.copyOf(starts, starts.length / 2);
        }
      }
      return size;
    }

    int indexOf(Document d) {
      int i = atOrAfter(0, d.order);
      return i < size && docs[i] == d ? i : -1;
    }

    /** The first index from {@code from} whose document is not before {@code order}. */
    int atOrAfter(int from, long order) {
      int lo = from;
      int hi = size;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (docs[mid].order < order) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      return lo;
    }
  }

  /** Several words' postings walked together, document by document, in the documents' order. */
  private static final class Union {
    private final Postings[] lists;
    private final int[] at;
    private final PriorityQueue<Integer> heap;

    Union(List<Postings> postings) {
      lists = postings.toArray(Postings[]::new);
      at = new int[lists.length];
      heap =
          new PriorityQueue<>(
              Math.max(1, lists.length), Comparator.comparingLong(i -> lists[i].docs[at[i]].order));
      for (int i = 0; i < lists.length; i++) {
        if (lists[i].size > 0) {
          heap.add(i);
        }
      }
    }

    /** The next document any of the words is in; null: none. */
    Document peek() {
      Integer i = heap.peek();
      return i == null ? null : lists[i].docs[at[i]];
    }

    /** Passes every document before {@code order}. */
    void skipTo(long order) {
      while (!heap.isEmpty()) {
        int i = heap.peek();
        if (lists[i].docs[at[i]].order >= order) {
          return;
        }
        heap.poll();
        at[i] = lists[i].atOrAfter(at[i], order);
        if (at[i] < lists[i].size) {
          heap.add(i);
        }
      }
    }

    /** Where the words begin in {@code d} (the next document), in the order of the text. */
    long[] take(Document d) {
      long[] one = null;
      List<long[]> several = null;
      while (!heap.isEmpty() && lists[heap.peek()].docs[at[heap.peek()]] == d) {
        int i = heap.poll();
        long[] places = lists[i].starts[at[i]];
        if (one == null) {
          one = places;
        } else {
          if (several == null) {
            several = new ArrayList<>();
            several.add(one);
          }
          several.add(places);
        }
        if (++at[i] < lists[i].size) {
          heap.add(i);
        }
      }
      if (several == null) {
        return one;
      }
      int size = 0;
      for (long[] s : several) {
        size += s.length;
      }
      long[] all = new long[size];
      size = 0;
      for (long[] s : several) {
        System.arraycopy(s, 0, all, size, s.length);
        size += s.length;
      }
      Arrays.sort(all);
      return all;
    }
  }

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
