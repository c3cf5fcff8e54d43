package org.tejido.fieldwork;

import java.util.UUID;

/**
 * One place where a participant who is withdrawing is mentioned by someone else: in another source
 * (its raw or de-identified words, or its title), an activity's title, or the gazetteer. Shown to
 * the coordinator, with a little context, before the withdrawal; never logged nor audited (only
 * counts are).
 *
 * @param id identifies the mention in its text without repeating any of it (place, row, turn,
 *     offsets)
 * @param sourceId the source it is in, or null (an activity's title, the gazetteer)
 * @param where what to call the place: the source's or the activity's title, or a gazetteer token
 * @param position the turn's position in its source, or null
 * @param kind what it matched: {@code FULL_NAME}, {@code ALIAS}, {@code CONTACT}, {@code NAME} (the
 *     given name with a surname, the two surnames, the alias without its article) or {@code
 *     NAME_PART} (a lone given name or surname)
 * @param mandatory always redacted: the full name, the alias, the contact details
 * @param preselected proposed for redaction
 * @param otherParticipant the code of another participant whose name this is (part of), or null
 */
public record Mention(
    String id,
    Place place,
    UUID sourceId,
    String where,
    Integer position,
    String before,
    String text,
    String after,
    String kind,
    boolean mandatory,
    boolean preselected,
    String otherParticipant) {

  /** Where a mention is. */
  public enum Place {
    RAW,
    DEIDENTIFIED,
    SOURCE_TITLE,
    ACTIVITY_TITLE,
    GAZETTEER
  }

  @Override
  public String toString() {
    return "Mention[id=" + id + ", place=" + place + ", kind=" + kind + "]";
  }
}
