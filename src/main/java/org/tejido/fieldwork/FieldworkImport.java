package org.tejido.fieldwork;

import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tejido.deidentification.GazetteerEntry;
import org.tejido.sites.Site;

/**
 * Loads fieldwork recorded elsewhere (the fictional demo set, later other tools) without a
 * signed-in person. Everything is encrypted exactly as when a researcher enters it.
 */
@Service
@Transactional
public class FieldworkImport {

  private final Participants participants;
  private final Activities activities;
  private final Sources sources;
  private final Deidentification deidentification;

  FieldworkImport(
      Participants participants,
      Activities activities,
      Sources sources,
      Deidentification deidentification) {
    this.participants = participants;
    this.activities = activities;
    this.sources = sources;
    this.deidentification = deidentification;
  }

  public Participant participant(Site site, NewParticipant participant, boolean fictional) {
    return participants.register(site, participant, null, fictional);
  }

  public UUID activity(Site site, NewActivity activity, boolean fictional) {
    return activities.create(site, activity, null, fictional);
  }

  public UUID source(Site site, NewSource source, boolean fictional) {
    return sources.add(site, source, null, fictional);
  }

  /**
   * Where each speaker turn of a text lies in it, as {@link #source} will split it: the turn's
   * position ({@link SourceTurn#position()}) and its words' span in code points of {@code text},
   * end exclusive. For importers that must carry positions in the whole text over to turns.
   */
  public static List<TurnSpan> turnSpans(String text) {
    String lines = text.replace('\r', '\n');
    List<TurnSpan> spans = new java.util.ArrayList<>();
    int from = 0;
    int position = 0;
    for (org.tejido.fieldwork.internal.text.Turn turn :
        org.tejido.fieldwork.internal.text.TurnParser.parse(text)) {
      int at = lines.indexOf(turn.text(), from);
      if (at < 0) {
        throw new IllegalStateException("turn " + (position + 1) + " is not a part of the text");
      }
      int end = at + turn.text().length();
      spans.add(new TurnSpan(++position, text.codePointCount(0, at), text.codePointCount(0, end)));
      from = end;
    }
    return List.copyOf(spans);
  }

  /** A speaker turn's place in a text: code points {@code start} to {@code end}, exclusive. */
  public record TurnSpan(int position, int start, int end) {}

  /** Replaces the site's gazetteer; needs no open vault (it only seals). */
  public void gazetteer(Site site, List<GazetteerEntry> entries) {
    deidentification.save(site, entries);
  }
}
