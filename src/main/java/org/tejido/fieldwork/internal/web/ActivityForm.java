package org.tejido.fieldwork.internal.web;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.tejido.fieldwork.NewActivity;

/**
 * The activity form (new or edited) as the browser sends it; shown again with every choice kept
 * (groups, facilitators, who was present), not only the text fields.
 */
public class ActivityForm {
  private String kind;
  private String heldOn;
  private String title;
  private List<String> populationGroups = new ArrayList<>();
  private List<UUID> facilitatorIds = new ArrayList<>();
  private List<UUID> participantIds = new ArrayList<>();

  /** A fresh form: held today, facilitated by the person filling it in. */
  static ActivityForm fresh(LocalDate today, UUID me) {
    ActivityForm f = new ActivityForm();
    f.heldOn = today.toString();
    f.facilitatorIds = new ArrayList<>(List.of(me));
    return f;
  }

  /** The form of an activity being edited, as it is now. */
  static ActivityForm of(NewActivity current) {
    ActivityForm f = new ActivityForm();
    f.kind = current.kind();
    f.heldOn = current.heldOn() == null ? null : current.heldOn().toString();
    f.title = current.title();
    f.populationGroups = new ArrayList<>(current.populationGroups());
    f.facilitatorIds = new ArrayList<>(current.facilitators());
    f.participantIds = new ArrayList<>(current.participants());
    return f;
  }

  NewActivity toNew() {
    return new NewActivity(
        kind,
        ConsentForm.date(heldOn, "heldOn"),
        title,
        populationGroups,
        facilitatorIds,
        participantIds);
  }

  public String getKind() {
    return kind;
  }

  public void setKind(String kind) {
    this.kind = kind;
  }

  public String getHeldOn() {
    return heldOn;
  }

  public void setHeldOn(String heldOn) {
    this.heldOn = heldOn;
  }

  public String getTitle() {
    return title;
  }

  public void setTitle(String title) {
    this.title = title;
  }

  public List<String> getPopulationGroups() {
    return populationGroups;
  }

  public void setPopulationGroups(List<String> populationGroups) {
    this.populationGroups = populationGroups == null ? new ArrayList<>() : populationGroups;
  }

  public List<UUID> getFacilitatorIds() {
    return facilitatorIds;
  }

  public void setFacilitatorIds(List<UUID> facilitatorIds) {
    this.facilitatorIds = facilitatorIds == null ? new ArrayList<>() : facilitatorIds;
  }

  public List<UUID> getParticipantIds() {
    return participantIds;
  }

  public void setParticipantIds(List<UUID> participantIds) {
    this.participantIds = participantIds == null ? new ArrayList<>() : participantIds;
  }
}
