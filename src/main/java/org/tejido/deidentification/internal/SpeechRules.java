package org.tejido.deidentification.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tejido.deidentification.EntityKind;
import org.tejido.deidentification.Replacement;
import org.tejido.deidentification.Rule;

/**
 * Rules for the way people speak of each other in Mexican Spanish, which need no list of names:
 * honorifics and titles before a name, families by their surname, nicknames, the names of streets
 * and places after their kind, long numbers, and (with low confidence) any other capitalised word
 * inside a sentence that is not a {@linkplain CommonWords common word}, an acronym or a code. Each
 * finds candidates in the original text; the caller chooses among them.
 */
public final class SpeechRules {

  /** A capitalised word of two letters or more ("Pérez", "O'Connor", "Ruiz-Díaz"). */
  private static final String WORD = "\\p{Lu}[\\p{L}\\p{M}]*(?:['’-]\\p{L}[\\p{L}\\p{M}]*)*";

  /** Capitalised words, possibly joined by de, del, de la, de los, y ("Pérez de la Cruz"). */
  private static final String NAMES =
      WORD + "(?:[ \\u00A0]+(?:(?:de|del|de la|de las|de los|y)[ \\u00A0]+)?" + WORD + ")*";

  private static final String TITLES =
      String.join(
          "|",
          "don",
          "doña",
          "doñita",
          "señor",
          "señora",
          "señorita",
          "sr\\.",
          "sra\\.",
          "srita\\.",
          "licenciado",
          "licenciada",
          "lic\\.",
          "licen",
          "profe",
          "profesor",
          "profesora",
          "maestro",
          "maestra",
          "padre",
          "madre",
          "hermano",
          "hermana",
          "doctor",
          "doctora",
          "dr\\.",
          "dra\\.",
          "ingeniero",
          "ingeniera",
          "ing\\.",
          "tío",
          "tía",
          "compadre",
          "comadre",
          "padrino",
          "madrina",
          "primo",
          "prima");

  private static final String OFFICIALS =
      String.join(
          "|",
          "comandante",
          "presidente municipal",
          "presidenta municipal",
          "presidente",
          "presidenta",
          "regidor",
          "regidora",
          "síndico",
          "síndica",
          "comisario",
          "comisaria",
          "comisariado",
          "delegado",
          "delegada",
          "agente",
          "teniente",
          "capitán",
          "capitana",
          "sargento",
          "oficial",
          "juez",
          "jueza",
          "diputado",
          "diputada",
          "gobernador",
          "gobernadora",
          "alcalde",
          "alcaldesa");

  private static final Pattern TITLE =
      Pattern.compile(
          "(?<![\\p{L}\\p{N}])(?iu:("
              + OFFICIALS
              + ")|(?:"
              + TITLES
              + "))[ \\u00A0]+("
              + NAMES
              + ")");

  private static final Pattern FAMILY =
      Pattern.compile("(?<![\\p{L}\\p{N}])(?iu:los|las)[ \\u00A0]+(" + NAMES + ")");

  /** A capitalised word with small letters after the capital: "Chapulín", not "TAC". */
  private static final String NICKNAME_WORD = "\\p{Lu}\\p{Ll}[\\p{L}\\p{M}]*";

  private static final Pattern NICKNAME =
      Pattern.compile(
          "(?<![\\p{L}\\p{N}])((?:[Ee]l|[Ll]a)[ \\u00A0]+("
              + NICKNAME_WORD
              + ")(?:[ \\u00A0]+"
              + NICKNAME_WORD
              + ")*)");

  /** Nouns written with a capital in formal Spanish after an article, which are not nicknames. */
  private static final Set<String> NOT_NICKNAMES =
      Set.of(
          "servicio",
          "unidad",
          "área",
          "departamento",
          "sección",
          "centro",
          "clínica",
          "hospital",
          "consulta",
          "planta",
          "universidad",
          "facultad",
          "secretaría",
          "fiscalía",
          "policía",
          "guardia",
          "ministerio",
          "gobierno",
          "ayuntamiento",
          "presidencia",
          "iglesia",
          "virgen");

  private static final String STREETS =
      "calle|avenida|av\\.|avda\\.|calzada|callejón|privada|cerrada|andador|boulevard|bulevar|blvd\\."
          + "|carretera|camino|prolongación|circuito|retorno|paseo";
  private static final String NEIGHBOURHOODS =
      "colonia|col\\.|barrio|fraccionamiento|fracc\\.|unidad habitacional|unidad|manzana";
  private static final String PLACES =
      "rancho|ranchería|ejido|huerta|hacienda|pueblo|municipio|comunidad|localidad|tenencia"
          + "|cerro|río|arroyo|presa|parque|plaza|mercado|panteón|escuela|secundaria|primaria"
          + "|iglesia|templo|parroquia|paraje|predio|ciudad|estado|poblado|congregación|sierra";

  private static final Pattern PLACE =
      Pattern.compile(
          "(?<![\\p{L}\\p{N}])(?iu:("
              + STREETS
              + "|c/)|("
              + NEIGHBOURHOODS
              + ")|(?:"
              + PLACES
              + "))[ \\u00A0]*(?<![\\p{L}])(?:(?:de|del)[ \\u00A0]+)?(?:(?:la|las|los|el)[ \\u00A0]+)?"
              + "((?:(?:El|La|Los|Las)[ \\u00A0]+)?(?:"
              + NAMES
              + "|\\d{1,3}[ \\u00A0]+de[ \\u00A0]+"
              + WORD
              + "))"
              + "(,?[ \\u00A0]*(?:(?:n[º°o]\\.?|núm\\.?|número|#)[ \\u00A0]*)?\\d+[\\p{L}\\d/º°ª-]*)?");

  /** Five digits or more, possibly grouped with spaces, dots, dashes or slashes. */
  private static final Pattern NUMBER =
      Pattern.compile("(?<![\\p{L}\\p{N}])\\d(?:[ ./-]?\\d){4,}(?![\\p{L}\\p{N}])");

  /** Dates and years ("12-03-2018", "2016-2018"): said in testimony, and identify nobody. */
  private static final Pattern DATE_OR_YEARS =
      Pattern.compile(
          "(?:\\d{1,2}[/.-]\\d{1,2}[/.-](?:19|20)?\\d\\d|(?:19|20)\\d\\d(?:[ /-](?:19|20)?\\d\\d)?)");

  /** Capitalised words that are not names when they stand inside a sentence. */
  private static final Set<String> NOT_NAMES =
      Set.of(
          "yo",
          "usted",
          "ustedes",
          "dios",
          "virgen",
          "señor",
          "señora",
          "don",
          "doña",
          "el",
          "la",
          "los",
          "las",
          "lunes",
          "martes",
          "miércoles",
          "jueves",
          "viernes",
          "sábado",
          "domingo",
          "enero",
          "febrero",
          "marzo",
          "abril",
          "mayo",
          "junio",
          "julio",
          "agosto",
          "septiembre",
          "octubre",
          "noviembre",
          "diciembre",
          "navidad",
          "semana",
          "santa");

  private SpeechRules() {}

  /** Every candidate in {@code text}, the surer rules first. */
  public static List<Replacement> find(String text) {
    List<Replacement> found = new ArrayList<>();
    Matcher m = TITLE.matcher(text);
    while (m.find()) {
      EntityKind kind = m.group(1) != null ? EntityKind.OFFICIAL : EntityKind.PERSON;
      add(text, m.start(2), m.end(2), Rule.TITLE, kind, 0.9, found);
    }
    m = PLACE.matcher(text);
    while (m.find()) {
      EntityKind kind =
          m.group(1) != null
              ? EntityKind.STREET
              : m.group(2) != null ? EntityKind.NEIGHBOURHOOD : EntityKind.PLACE;
      int end = m.group(4) != null ? m.end(4) : m.end(3);
      add(text, m.start(3), end, Rule.PLACE, kind, 0.85, found);
    }
    m = FAMILY.matcher(text);
    while (m.find()) {
      add(text, m.start(1), m.end(1), Rule.FAMILY, EntityKind.PERSON, 0.8, found);
    }
    m = NICKNAME.matcher(text);
    while (m.find()) {
      if (!NOT_NICKNAMES.contains(m.group(2).toLowerCase(Locale.ROOT))
          && !symbolsOrCodes(m.group(1))) {
        add(text, m.start(1), m.end(1), Rule.NICKNAME, EntityKind.ALIAS, 0.7, found);
      }
    }
    m = NUMBER.matcher(text);
    while (m.find()) {
      if (!DATE_OR_YEARS.matcher(m.group()).matches()) {
        add(text, m.start(), m.end(), Rule.NUMBER, EntityKind.OTHER, 0.7, found);
      }
    }
    return found;
  }

  /**
   * Capitalised words inside sentences (not the first word, nor one after a colon or an opening
   * sign), runs of them joined into one: a weak hint, proposed with low confidence, unless every
   * word of the run is {@linkplain #ordinary ordinary}.
   */
  public static List<Replacement> capitalised(String text) {
    List<Replacement> found = new ArrayList<>();
    for (List<Tokens.Token> sentence : Tokens.sentences(text)) {
      int runStart = -1;
      int runEnd = -1;
      boolean initial = true;
      for (Tokens.Token t : sentence) {
        String w = t.text();
        boolean word = Character.isLetterOrDigit(w.codePointAt(0));
        boolean candidate =
            word
                && !initial
                && Tokens.capitalised(w)
                && w.codePointCount(0, w.length()) >= 2
                && !NOT_NAMES.contains(w.toLowerCase(Locale.ROOT));
        if (candidate) {
          if (runStart < 0) {
            runStart = t.start();
          }
          runEnd = t.end();
        } else if (runStart >= 0 && !(word && isConnector(w))) {
          addRun(text, runStart, runEnd, found);
          runStart = -1;
        }
        initial = !word && !w.equals(",") && !w.equals("-") && !w.equals("'");
      }
      if (runStart >= 0) {
        addRun(text, runStart, runEnd, found);
      }
    }
    return found;
  }

  /**
   * A run of capitalised words: one word is a weak hint (0.3); two or more inside a sentence, as in
   * "me dijo Juana Martínez", are more often a name than not (0.55).
   */
  private static void addRun(String text, int start, int end, List<Replacement> found) {
    List<String> words = new ArrayList<>();
    for (Tokens.Token t : Tokens.sentences(text.substring(start, end)).get(0)) {
      if (Character.isLetterOrDigit(t.text().codePointAt(0)) && !isConnector(t.text())) {
        words.add(t.text());
      }
    }
    if (ordinary(words)) {
      return;
    }
    boolean severalWords = words.size() > 1;
    add(text, start, end, Rule.CAPITALISED, EntityKind.OTHER, severalWords ? 0.55 : 0.3, found);
  }

  /**
   * Whether a run of capitalised words is most likely no name: every word of it is a common Spanish
   * word ({@link CommonWords}: "Servicio de Urgencias", "Ingreso") or an acronym, symbol or code
   * ("TAC", "IgM", "L4"); or it is one word of one or two letters ("Mi", "Hb").
   */
  static boolean ordinary(List<String> words) {
    if (words.isEmpty()) {
      return true;
    }
    if (words.size() == 1 && words.get(0).codePointCount(0, words.get(0).length()) <= 2) {
      return true;
    }
    boolean severalWords = words.size() > 1;
    for (String w : words) {
      if (!CommonWords.contains(w) && !(acronymOrCode(w) && !(severalWords && allCapitals(w)))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether the words after the article of a would-be nickname are all symbols or codes, as in "la
   * IgM" or "la Rx": words of one or two letters, or {@linkplain #acronymOrCode acronyms}. Common
   * words are not ruled out here, since nicknames often are ones ("el Güero", "el Negro").
   */
  private static boolean symbolsOrCodes(String nickname) {
    List<Tokens.Token> tokens = Tokens.sentences(nickname).get(0);
    for (Tokens.Token t : tokens.subList(1, tokens.size())) {
      String w = t.text();
      if (w.codePointCount(0, w.length()) > 2 && !acronymOrCode(w)) {
        return false;
      }
    }
    return true;
  }

  /**
   * An acronym, a symbol or a code: a word with a digit ("L4", "H2O"), in capitals only ("TAC"), or
   * short with a capital inside ("IgM", "HbA"); not "McAllen".
   */
  private static boolean acronymOrCode(String w) {
    if (w.codePoints().anyMatch(Character::isDigit) || allCapitals(w)) {
      return true;
    }
    return w.codePointCount(0, w.length()) <= 4
        && w.codePoints().skip(1).anyMatch(Character::isUpperCase);
  }

  /** A word whose letters are all capitals: "TAC", "PÉREZ". */
  private static boolean allCapitals(String w) {
    return w.codePoints().noneMatch(Character::isLowerCase);
  }

  private static boolean isConnector(String w) {
    return w.equals("de") || w.equals("del") || w.equals("la") || w.equals("los");
  }

  private static void add(
      String text,
      int start,
      int end,
      Rule rule,
      EntityKind kind,
      double confidence,
      List<Replacement> found) {
    if (end > start) {
      found.add(
          new Replacement(
              start, end, text.substring(start, end), tokenFor(kind), rule, kind, confidence));
    }
  }

  /** The token proposed for what no gazetteer names: the kind alone, e.g. {@code [PERSONA]}. */
  public static String tokenFor(EntityKind kind) {
    if (kind == null) {
      return "[DATO]";
    }
    return switch (kind) {
      case PERSON, ALIAS -> "[PERSONA]";
      case OFFICIAL -> "[FUNCIONARIO]";
      default -> "[" + kind.defaultTokenPrefix() + "]";
    };
  }
}
