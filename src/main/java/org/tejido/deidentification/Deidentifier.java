package org.tejido.deidentification;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;
import org.ahocorasick.trie.PayloadTrie;
import org.tejido.deidentification.internal.CommonWords;
import org.tejido.deidentification.internal.FoldedText;
import org.tejido.deidentification.internal.NameRecogniser;
import org.tejido.deidentification.internal.PatternRules;
import org.tejido.deidentification.internal.SpeechRules;

/**
 * Proposes replacements for what could identify a person in a text, and applies the ones a person
 * accepted.
 *
 * <p>Built once per gazetteer ({@link #of}) and then reused: the gazetteer's terms go into one
 * Aho-Corasick automaton, so a text is scanned once whatever the number of terms. Instances are
 * immutable and safe to share between threads.
 *
 * <p>What {@link #propose} finds:
 *
 * <ul>
 *   <li>gazetteer terms, ignoring case and accents ("PEREZ" and "perez" for "Pérez") and runs of
 *       spaces, as whole words only ("Ana" is not found in "Anabel" nor in "mañana"); where matches
 *       overlap the longest wins ("Juana Pérez" over "Juana");
 *   <li>Mexican phone numbers ({@code [TEL]}), e-mail addresses ({@code [CORREO]}), vehicle plates
 *       ({@code [PLACA]}) and CURPs ({@code [CURP]});
 *   <li>what nobody listed (unless built {@link #listedOnly}): names after honorifics and titles
 *       ("don Ramiro Pérez", "el comandante Hernández"), families ("los Valencia"), nicknames ("El
 *       Chapulín"), streets and places after their kind ("calle Morelos", "barrio de El Ranchito"),
 *       long numbers, what the Spanish name recogniser finds, and, with low confidence, any other
 *       capitalised word inside a sentence that is not a common Spanish word, an acronym or a code.
 * </ul>
 *
 * <p>Each proposal has a {@linkplain Replacement#confidence() confidence}. Where proposals overlap,
 * the gazetteer wins, then the patterns, then the surer of the others.
 *
 * <p>A gazetteer match wins over a rule match that it overlaps, except when the rule match covers
 * it entirely and is longer: an e-mail address {@code juana.perez@…} is replaced whole rather than
 * leaving its domain behind a person's token.
 */
public final class Deidentifier {

  private static final Comparator<Replacement> LONGEST_FIRST =
      Comparator.comparingInt((Replacement r) -> r.end() - r.start())
          .reversed()
          .thenComparingInt(Replacement::start);

  private static final Comparator<Replacement> SUREST_FIRST =
      Comparator.comparingDouble(Replacement::confidence).reversed().thenComparing(LONGEST_FIRST);

  private final PayloadTrie<Term> trie;
  private final boolean recognises;

  private Deidentifier(PayloadTrie<Term> trie, boolean recognises) {
    this.trie = trie;
    this.recognises = recognises;
  }

  /**
   * Builds a de-identifier that proposes only the gazetteer's terms and the patterns (phones,
   * e-mails, plates, CURPs): nothing is guessed.
   */
  public static Deidentifier listedOnly(Collection<GazetteerEntry> entries) {
    return new Deidentifier(trie(entries), false);
  }

  /**
   * Builds a de-identifier for a gazetteer. Terms that fold alike ("Pérez" and "PEREZ") are one
   * term: the first entry given keeps it.
   */
  public static Deidentifier of(Collection<GazetteerEntry> entries) {
    return new Deidentifier(trie(entries), true);
  }

  /**
   * Loads the name recogniser and the list of common words now rather than on the first proposal;
   * returns the recogniser's load time, ns.
   */
  public static long loadRecogniser() {
    CommonWords.size();
    return NameRecogniser.warmUp();
  }

  private static PayloadTrie<Term> trie(Collection<GazetteerEntry> entries) {
    Objects.requireNonNull(entries, "entries");
    Map<String, Term> terms = new LinkedHashMap<>();
    for (GazetteerEntry entry : entries) {
      Objects.requireNonNull(entry, "entry");
      String folded = FoldedText.foldTerm(entry.term());
      terms.putIfAbsent(
          folded,
          new Term(
              entry,
              FoldedText.isWordChar(folded.codePointAt(0)),
              FoldedText.isWordChar(folded.codePointBefore(folded.length()))));
    }
    PayloadTrie.PayloadTrieBuilder<Term> builder = PayloadTrie.builder();
    terms.forEach(builder::addKeyword);
    return builder.build();
  }

  /**
   * Every replacement proposed for {@code text}: non-overlapping, sorted by start, with offsets
   * into {@code text} itself.
   */
  public List<Replacement> propose(String text) {
    Objects.requireNonNull(text, "text");
    NavigableMap<Integer, Replacement> accepted = new TreeMap<>();
    for (Replacement r : gazetteerCandidates(text)) {
      if (overlapping(accepted, r).isEmpty()) {
        accepted.put(r.start(), r);
      }
    }
    List<Replacement> rules = PatternRules.find(text);
    rules.sort(LONGEST_FIRST);
    for (Replacement r : rules) {
      List<Replacement> overlapped = overlapping(accepted, r);
      boolean coversAllGazetteerMatches =
          overlapped.stream()
              .allMatch(
                  o ->
                      o.rule() == Rule.GAZETTEER
                          && r.start() <= o.start()
                          && o.end() <= r.end()
                          && r.end() - r.start() > o.end() - o.start());
      if (coversAllGazetteerMatches) {
        overlapped.forEach(o -> accepted.remove(o.start()));
        accepted.put(r.start(), r);
      }
    }
    if (recognises) {
      List<Replacement> guesses = new ArrayList<>(SpeechRules.find(text));
      guesses.addAll(NameRecogniser.find(text));
      guesses.addAll(SpeechRules.capitalised(text));
      guesses.sort(SUREST_FIRST);
      for (Replacement r : guesses) {
        if (overlapping(accepted, r).isEmpty()) {
          accepted.put(r.start(), r);
        }
      }
    }
    return List.copyOf(accepted.values());
  }

  /**
   * The gazetteer's terms found in {@code text}, without the rules: non-overlapping (the longest
   * wins), sorted by start. Used to find every mention of someone, where a phone number or e-mail
   * address around a name must not hide it.
   */
  public List<Replacement> findTerms(String text) {
    Objects.requireNonNull(text, "text");
    NavigableMap<Integer, Replacement> accepted = new TreeMap<>();
    for (Replacement r : gazetteerCandidates(text)) {
      if (overlapping(accepted, r).isEmpty()) {
        accepted.put(r.start(), r);
      }
    }
    return List.copyOf(accepted.values());
  }

  /**
   * The phone numbers and e-mail addresses in {@code text}, in the formats {@link #propose}
   * recognises, sorted by start ({@link Rule#PHONE} or {@link Rule#EMAIL}; a phone number inside an
   * e-mail address is left to the address).
   */
  public static List<Replacement> findContacts(String text) {
    Objects.requireNonNull(text, "text");
    NavigableMap<Integer, Replacement> accepted = new TreeMap<>();
    List<Replacement> found = new ArrayList<>(PatternRules.find(text));
    found.removeIf(r -> r.rule() != Rule.PHONE && r.rule() != Rule.EMAIL);
    found.sort(LONGEST_FIRST);
    for (Replacement r : found) {
      if (overlapping(accepted, r).isEmpty()) {
        accepted.put(r.start(), r);
      }
    }
    return List.copyOf(accepted.values());
  }

  /** Gazetteer matches in {@code text}, longest first, overlapping ones included. */
  private List<Replacement> gazetteerCandidates(String text) {
    FoldedText folded = FoldedText.of(text);
    String f = folded.text();
    List<Replacement> candidates = new ArrayList<>();
    trie.parseText(
        f,
        emit -> {
          int start = emit.getStart();
          int end = emit.getEnd() + 1;
          Term term = emit.getPayload();
          boolean wholeWord =
              !(term.wordAtStart && start > 0 && FoldedText.isWordChar(f.codePointBefore(start)))
                  && !(term.wordAtEnd
                      && end < f.length()
                      && FoldedText.isWordChar(f.codePointAt(end)));
          if (wholeWord) {
            int from = folded.originalStart(start);
            int to = folded.originalEnd(end - 1);
            GazetteerEntry entry = term.entry;
            candidates.add(
                new Replacement(
                    from,
                    to,
                    text.substring(from, to),
                    entry.token(),
                    Rule.GAZETTEER,
                    entry.kind()));
          }
          return true;
        });
    candidates.sort(LONGEST_FIRST);
    return candidates;
  }

  /** The accepted replacements that overlap {@code r}; accepted ones never overlap each other. */
  private static List<Replacement> overlapping(
      NavigableMap<Integer, Replacement> accepted, Replacement r) {
    List<Replacement> result = new ArrayList<>();
    Map.Entry<Integer, Replacement> before = accepted.lowerEntry(r.start());
    if (before != null && before.getValue().end() > r.start()) {
      result.add(before.getValue());
    }
    result.addAll(accepted.subMap(r.start(), true, r.end(), false).values());
    return result;
  }

  /**
   * The text with the accepted replacements applied, each span replaced by its token. The
   * replacements may come in any order, possibly edited by a reviewer.
   *
   * @throws IllegalArgumentException if two replacements overlap, or if one does not fit the text:
   *     its offsets fall outside it, split a character, or do not hold its original (a proposal
   *     made for another version of the text). Messages give offsets only, never text.
   */
  public static String apply(String text, List<Replacement> accepted) {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(accepted, "accepted");
    List<Replacement> sorted = new ArrayList<>(accepted);
    sorted.forEach(r -> Objects.requireNonNull(r, "replacement"));
    sorted.sort(Comparator.comparingInt(Replacement::start).thenComparingInt(Replacement::end));
    StringBuilder out = new StringBuilder(text.length());
    int cursor = 0;
    for (Replacement r : sorted) {
      if (r.end() > text.length()
          || !text.regionMatches(r.start(), r.original(), 0, r.original().length())) {
        throw new IllegalArgumentException(
            "The replacement at ["
                + r.start()
                + ", "
                + r.end()
                + ") does not match the text: was it proposed for another version?");
      }
      if (splitsCharacter(text, r.start()) || splitsCharacter(text, r.end())) {
        throw new IllegalArgumentException(
            "The replacement at [" + r.start() + ", " + r.end() + ") splits a character");
      }
      if (r.start() < cursor) {
        throw new IllegalArgumentException(
            "The replacement at ["
                + r.start()
                + ", "
                + r.end()
                + ") overlaps another one ending at "
                + cursor);
      }
      out.append(text, cursor, r.start()).append(r.token());
      cursor = r.end();
    }
    return out.append(text, cursor, text.length()).toString();
  }

  private static boolean splitsCharacter(String text, int offset) {
    return offset > 0
        && offset < text.length()
        && Character.isHighSurrogate(text.charAt(offset - 1))
        && Character.isLowSurrogate(text.charAt(offset));
  }

  private record Term(GazetteerEntry entry, boolean wordAtStart, boolean wordAtEnd) {}
}
