package org.tejido.fieldwork.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.tejido.deidentification.Deidentifier;
import org.tejido.deidentification.EntityKind;
import org.tejido.deidentification.GazetteerEntry;
import org.tejido.deidentification.Replacement;
import org.tejido.deidentification.Rule;

/**
 * Finds the mentions of one person (their name, its parts, their alias and their contact details)
 * in a text, the way de-identification finds names: case and accents ignored, whole words only.
 *
 * <p>How far it goes, and why:
 *
 * <ul>
 *   <li>the full name (of two words or more), the alias and the contact (as written, and every
 *       phone number or e-mail address in it, in whatever format the de-identification rules
 *       recognise: "443 555 0123" finds "4435550123" and "+52 443-555-0123") are {@linkplain
 *       Kind#mandatory() always} redacted: they name this person and nobody else;
 *   <li>the given name with the first surname ("Zebulón Quintanar" of "Zebulón Quintanar Ybarra"),
 *       each given name with the first surname, the two surnames together, and the alias without
 *       its article ("Chata Zavaleta" of "la Chata Zavaleta") almost always name the same person:
 *       they are proposed for redaction, unless they are (part of) another participant's name, in
 *       which case they are listed unselected;
 *   <li>a lone given name or surname ("Zebulón", "Quintanar") is shared by relatives and
 *       neighbours: it is listed for the coordinator to decide, never redacted by default.
 * </ul>
 *
 * <p>A name is read the Mexican way: given names, then the father's and the mother's surname.
 * Particles ("de", "la", "del", "y") are never a part of their own.
 */
public final class MentionMatcher {

  /** What a mention matched, strongest first. */
  public enum Kind {
    FULL_NAME,
    ALIAS,
    CONTACT,
    NAME,
    NAME_PART;

    /** Mentions of this kind are redacted whatever the coordinator chooses. */
    public boolean mandatory() {
      return this == FULL_NAME || this == ALIAS || this == CONTACT;
    }
  }

  /**
   * A mention at {@code [start, end)} of the text.
   *
   * @param preselected proposed for redaction (always true for mandatory kinds)
   * @param otherParticipant the code of another participant whose name or alias the mention is part
   *     of, or null
   */
  public record Match(int start, int end, Kind kind, boolean preselected, String otherParticipant) {
    public boolean mandatory() {
      return kind.mandatory();
    }
  }

  private static final Set<String> PARTICLES =
      Set.of(
          "de", "del", "la", "las", "los", "el", "y", "e", "da", "das", "do", "dos", "van", "von");

  private final Deidentifier terms;
  private final Deidentifier others;
  private final Set<String> phones = new HashSet<>();
  private final Set<String> emails = new HashSet<>();

  private MentionMatcher(
      List<GazetteerEntry> entries, List<GazetteerEntry> otherEntries, String contact) {
    this.terms = Deidentifier.of(entries);
    this.others = Deidentifier.of(otherEntries);
    if (contact != null) {
      for (Replacement r : Deidentifier.findContacts(contact)) {
        if (r.rule() == Rule.PHONE) {
          phones.add(phoneDigits(r.original()));
        } else {
          emails.add(r.original().toLowerCase(Locale.ROOT));
        }
      }
    }
  }

  /**
   * @param name the person's name, or null
   * @param alias their alias, or null
   * @param contact their contact details, or null
   * @param otherNames other participants' names and aliases, each with that participant's code
   */
  public static MentionMatcher of(
      String name, String alias, String contact, Map<String, String> otherNames) {
    Map<String, Kind> wanted = new LinkedHashMap<>();
    List<String> words = significantWords(name);
    // A name of one word is a lone given name (or surname): listed, like the parts of a name.
    add(wanted, name, words.size() >= 2 ? Kind.FULL_NAME : Kind.NAME_PART);
    add(wanted, alias, Kind.ALIAS);
    add(wanted, contact, Kind.CONTACT);
    if (!words.isEmpty()) {
      int surnames = words.size() >= 3 ? 2 : words.size() - 1;
      List<String> given = words.subList(0, words.size() - surnames);
      List<String> family = words.subList(words.size() - surnames, words.size());
      if (!family.isEmpty()) {
        add(wanted, String.join(" ", given) + " " + family.get(0), Kind.NAME);
        // "María de la Luz Ortega" may be "María Ortega" or "Luz Ortega" to her neighbours.
        for (String first : given) {
          add(wanted, first + " " + family.get(0), Kind.NAME);
        }
      }
      if (family.size() == 2) {
        add(wanted, family.get(0) + " " + family.get(1), Kind.NAME);
      }
    }
    List<String> aliasWords = significantWords(alias);
    if (aliasWords.size() >= 2) {
      add(wanted, String.join(" ", aliasWords), Kind.NAME);
    }
    for (String word : words) {
      add(wanted, word, Kind.NAME_PART);
    }
    for (String word : aliasWords) {
      add(wanted, word, Kind.NAME_PART);
    }
    List<GazetteerEntry> entries = new ArrayList<>();
    wanted.forEach(
        (term, kind) -> entries.add(new GazetteerEntry(term, EntityKind.PERSON, kind.name())));
    List<GazetteerEntry> otherEntries = new ArrayList<>();
    otherNames.forEach(
        (term, code) -> {
          if (usable(term)) {
            otherEntries.add(new GazetteerEntry(term, EntityKind.PERSON, code));
          }
        });
    return new MentionMatcher(entries, otherEntries, contact);
  }

  /** The mentions in {@code text}: non-overlapping, sorted by start. */
  public List<Match> find(String text) {
    List<Match> candidates = new ArrayList<>();
    List<Replacement> otherNames = others.findTerms(text);
    for (Replacement r : terms.findTerms(text)) {
      Kind kind = Kind.valueOf(r.token());
      String other = kind.mandatory() ? null : overlapped(otherNames, r.start(), r.end());
      candidates.add(
          new Match(r.start(), r.end(), kind, kind != Kind.NAME_PART && other == null, other));
    }
    for (Replacement r : Deidentifier.findContacts(text)) {
      boolean theirs =
          r.rule() == Rule.PHONE
              ? phones.contains(phoneDigits(r.original()))
              : emails.contains(r.original().toLowerCase(Locale.ROOT));
      if (theirs) {
        candidates.add(new Match(r.start(), r.end(), Kind.CONTACT, true, null));
      }
    }
    // Overlapping mentions (a name inside their e-mail address) become one, of the strongest kind.
    candidates.sort(Comparator.comparingInt(Match::start));
    List<Match> merged = new ArrayList<>();
    for (Match m : candidates) {
      Match last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
      if (last != null && m.start() < last.end()) {
        Match strong = m.kind().ordinal() < last.kind().ordinal() ? m : last;
        merged.set(
            merged.size() - 1,
            new Match(
                last.start(),
                Math.max(last.end(), m.end()),
                strong.kind(),
                last.preselected() || m.preselected(),
                strong.otherParticipant()));
      } else {
        merged.add(m);
      }
    }
    return merged;
  }

  private static String overlapped(List<Replacement> names, int start, int end) {
    for (Replacement n : names) {
      if (n.start() < end && start < n.end()) {
        return n.token();
      }
    }
    return null;
  }

  private static void add(Map<String, Kind> wanted, String term, Kind kind) {
    if (usable(term)) {
      wanted.putIfAbsent(term.strip(), kind);
    }
  }

  /** Terms of fewer than three letters ("Al", an initial) would find far too much. */
  private static boolean usable(String term) {
    return term != null
        && !term.isBlank()
        && term.codePoints().filter(Character::isLetterOrDigit).count() >= 3;
  }

  private static List<String> significantWords(String s) {
    List<String> words = new ArrayList<>();
    if (s == null) {
      return words;
    }
    for (String w : s.strip().split("\\s+")) {
      if (!w.isEmpty() && !PARTICLES.contains(w.toLowerCase(Locale.ROOT))) {
        words.add(w);
      }
    }
    return words;
  }

  /** The last ten digits: a national number, whatever prefix (+52, 044, 01) it was written with. */
  private static String phoneDigits(String phone) {
    String digits = phone.replaceAll("\\D", "");
    return digits.length() > 10 ? digits.substring(digits.length() - 10) : digits;
  }
}
