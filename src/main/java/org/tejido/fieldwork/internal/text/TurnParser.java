package org.tejido.fieldwork.internal.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Splits a transcript into speaker turns. A turn starts with a line that begins with a speaker
 * label and a colon; the lines after it, up to the next label, belong to the same turn.
 *
 * <p>Labels are either participant codes ({@code APA-017}, {@code TIJ-3}: 2 to 5 capital letters, a
 * hyphen, 1 to 4 digits) or names of 1 to 3 words in capitals or Title Case, up to 30 characters
 * ({@code Facilitadora}, {@code INV 2}, {@code Participante A}). Recognition is deliberately
 * conservative, because a sentence taken for a label puts words in someone else's mouth: a label
 * only counts at the start of a line; a name must be followed by a space or the end of the line (so
 * "Https://..." and "10:30" are not labels); lower-case words ("Dijo lo siguiente: ...") never form
 * one; and a name cannot start with a common Spanish word, a weekday, a month or a heading such as
 * "Fecha" or "Lugar" ("Entonces Juan: ...", "Fecha: 3 de mayo"). Single letters ("P:", "R:") are
 * not labels. Missing a label only merges two turns, which is easy to fix by hand.
 */
public final class TurnParser {

  private static final int MAX_LABEL_LENGTH = 30;

  private static final String CODE = "[A-Z]{2,5}-[0-9]{1,4}";
  private static final String FIRST_WORD = "\\p{Lu}\\p{Ll}+|\\p{Lu}{2,}";
  private static final String NEXT_WORD = "\\p{Lu}\\p{Ll}+|\\p{Lu}+|[0-9]{1,3}";
  private static final String SPACE = "[ \\t\\u00A0]+";

  private static final Pattern LABEL =
      Pattern.compile(
          "[ \\t]*(?:(?<code>"
              + CODE
              + ")|(?<name>(?:"
              + FIRST_WORD
              + ")(?:"
              + SPACE
              + "(?:"
              + NEXT_WORD
              + ")){0,2})):");

  private static final Pattern SPACES = Pattern.compile(SPACE);

  /** First words that start sentences or headings far more often than they name a speaker. */
  private static final Set<String> NOT_A_NAME =
      words(
          // Spanish words that begin sentences
          "ahí ahora al allí antes aquí así bueno como con cuando de del después dice"
              + " dijo donde el él ella ellas ellos en entonces era es eso esta está este esto"
              + " fue hay la las le les lo los luego me mi mire mira muy nada ni no nos nosotros"
              + " oiga ojo otra otro para pero por porque pues que qué se si sí sin su también"
              + " te todo todos tu tú un una uno usted ustedes ya yo",
          // headings of field diaries and workshop notes
          "acuerdos asistentes asunto conclusión conclusiones duración ejemplo fecha hora"
              + " horario lugar nota notas objetivo objetivos observación observaciones"
              + " participantes resumen tema temas título aclaración comentario comentarios"
              + " contexto descripción importante pendiente pendientes primero segundo tercero"
              + " finalmente además",
          // weekdays and months
          "lunes martes miércoles jueves viernes sábado domingo enero febrero marzo abril"
              + " mayo junio julio agosto septiembre setiembre octubre noviembre diciembre",
          // English
          "and but date he note notes said she so the then time");

  private TurnParser() {}

  /** The turns of a text, in order; empty turns are dropped, each turn's text is trimmed. */
  public static List<Turn> parse(String text) {
    List<Turn> turns = new ArrayList<>();
    String speaker = null;
    StringBuilder said = new StringBuilder();
    boolean firstLine = true;
    for (String line : text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1)) {
      Matcher label = LABEL.matcher(line);
      String name = label.lookingAt() ? speakerOf(label, line) : null;
      if (name != null) {
        add(turns, speaker, said);
        speaker = name;
        said.setLength(0);
        said.append(line, label.end(), line.length());
      } else {
        if (!firstLine) {
          said.append('\n');
        }
        said.append(line);
      }
      firstLine = false;
    }
    add(turns, speaker, said);
    return List.copyOf(turns);
  }

  /**
   * The turns as text, one "SPEAKER: text" a turn (just the text when there is no speaker), turns
   * separated by an empty line. {@code parse(render(turns))} gives the turns back when each speaker
   * is a label {@link #parse} recognises, only the first turn has no speaker, texts are trimmed and
   * not empty, and no line of a text starts like a label.
   */
  public static String render(List<Turn> turns) {
    StringBuilder out = new StringBuilder();
    for (Turn turn : turns) {
      if (!out.isEmpty()) {
        out.append("\n\n");
      }
      if (turn.speaker() != null) {
        out.append(turn.speaker()).append(": ");
      }
      out.append(turn.text());
    }
    return out.toString();
  }

  private static String speakerOf(Matcher label, String line) {
    String code = label.group("code");
    if (code != null) {
      return code;
    }
    String name = SPACES.matcher(label.group("name")).replaceAll(" ");
    boolean followedBySpaceOrEnd =
        label.end() == line.length()
            || Character.isWhitespace(line.charAt(label.end()))
            || line.charAt(label.end()) == '\u00A0';
    String firstWord = name.split(" ", 2)[0].toLowerCase(Locale.ROOT);
    if (!followedBySpaceOrEnd
        || name.length() > MAX_LABEL_LENGTH
        || NOT_A_NAME.contains(firstWord)) {
      return null;
    }
    return name;
  }

  private static Set<String> words(String... lists) {
    return Arrays.stream(lists)
        .flatMap(list -> Arrays.stream(list.split(" ")))
        .collect(Collectors.toUnmodifiableSet());
  }

  private static void add(List<Turn> turns, String speaker, CharSequence said) {
    String text = said.toString().strip();
    if (!text.isEmpty()) {
      turns.add(new Turn(speaker, text));
    }
  }
}
