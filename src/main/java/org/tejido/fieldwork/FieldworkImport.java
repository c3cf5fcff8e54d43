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

  /** Replaces the site's gazetteer; needs no open vault (it only seals). */
  public void gazetteer(Site site, List<GazetteerEntry> entries) {
    deidentification.save(site, entries);
  }
}
