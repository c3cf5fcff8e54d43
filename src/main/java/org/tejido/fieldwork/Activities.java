package org.tejido.fieldwork;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tejido.audit.AuditLog;
import org.tejido.identity.StaffMember;
import org.tejido.identity.Team;
import org.tejido.shared.NotFound;
import org.tejido.shared.Validation;
import org.tejido.sites.Site;

/** Fieldwork activities of a site: when, what kind, who facilitated, which groups, who came. */
@Service
@Transactional
public class Activities {

  private final JdbcClient jdbc;
  private final Team team;
  private final AuditLog audit;

  Activities(JdbcClient jdbc, Team team, AuditLog audit) {
    this.jdbc = jdbc;
    this.team = team;
    this.audit = audit;
  }

  /**
   * Records an activity held by the site's team. Audited by its id and kind, with the number of
   * participants who came (who they were is in the activity, not in the log).
   */
  public UUID create(Site site, NewActivity input) {
    StaffMember me = team.require(site.id(), Participants.WRITERS);
    UUID id = create(site, input, me.id().value(), false);
    audit.record(
        site.id().value(),
        "activity.added",
        id.toString(),
        input.kind() + ", participants=" + new HashSet<>(input.participants()).size());
    return id;
  }

  UUID create(Site site, NewActivity input, UUID by, boolean fictional) {
    validate(site, input).orThrow();
    UUID id = UUID.randomUUID();
    jdbc.sql(
            "insert into activity (id, site_id, kind, held_on, title, fictional, created_by)"
                + " values (?, ?, ?, ?, ?, ?, ?)")
        .params(
            id,
            site.id().value(),
            input.kind(),
            input.heldOn(),
            input.title().strip(),
            fictional,
            by)
        .update();
    link(id, input);
    return id;
  }

  /**
   * Changes an activity of the site: kind, date, title, groups, facilitators and who was present,
   * checked as when it was created. Attendance is replaced by the one sent, except that whoever
   * speaks in one of the activity's sources stays present (removing them is refused, not ignored).
   * Audited by the activity's id, with the names of the fields that changed and the number of
   * participants (never who they are).
   */
  public void update(Site site, UUID id, NewActivity input) {
    team.require(site.id(), Participants.WRITERS);
    NewActivity before = editable(site, id);
    Validation v = validate(site, input);
    v.require(
        new HashSet<>(input.participants()).containsAll(speakers(site, id)),
        "participants",
        "validation.participants.spoke");
    v.orThrow();
    jdbc.sql("update activity set kind = ?, held_on = ?, title = ? where id = ? and site_id = ?")
        .params(input.kind(), input.heldOn(), input.title().strip(), id, site.id().value())
        .update();
    jdbc.sql("delete from activity_group where activity_id = ?").param(id).update();
    jdbc.sql("delete from activity_facilitator where activity_id = ?").param(id).update();
    jdbc.sql("delete from activity_participant where activity_id = ?").param(id).update();
    link(id, input);
    List<String> changed = new ArrayList<>();
    if (!input.kind().equals(before.kind())) {
      changed.add("activity-kind");
    }
    if (!input.heldOn().equals(before.heldOn())) {
      changed.add("activity-date");
    }
    if (!input.title().strip().equals(before.title())) {
      changed.add("activity-title");
    }
    if (!Set.copyOf(input.populationGroups()).equals(Set.copyOf(before.populationGroups()))) {
      changed.add("activity-groups");
    }
    if (!Set.copyOf(input.facilitators()).equals(Set.copyOf(before.facilitators()))) {
      changed.add("activity-facilitators");
    }
    if (!Set.copyOf(input.participants()).equals(Set.copyOf(before.participants()))) {
      changed.add("activity-attendance");
    }
    audit.record(
        site.id().value(),
        "activity.changed",
        id.toString(),
        (changed.isEmpty() ? "activity-unchanged" : String.join(", ", changed))
            + ", participants="
            + new HashSet<>(input.participants()).size());
  }

  /** The activity as its edit form starts: every choice by id, as {@link #update} takes them. */
  @Transactional(readOnly = true)
  public NewActivity editable(Site site, UUID id) {
    Activity a = get(site, id);
    return new NewActivity(
        a.kind(),
        a.heldOn(),
        a.title(),
        a.populationGroups(),
        jdbc.sql("select user_id from activity_facilitator where activity_id = ?")
            .param(id)
            .query(UUID.class)
            .list(),
        jdbc.sql("select participant_id from activity_participant where activity_id = ?")
            .param(id)
            .query(UUID.class)
            .list());
  }

  /**
   * The participants who speak in one of the activity's sources: they were there, so they stay
   * present when the activity is edited.
   */
  @Transactional(readOnly = true)
  public Set<UUID> speakers(Site site, UUID activity) {
    team.require(site.id(), Participants.WRITERS);
    return Set.copyOf(
        jdbc.sql(
                "select distinct x.participant_id from source_part x join source s"
                    + " on s.id = x.source_id where s.site_id = ? and s.activity_id = ?"
                    + " and x.participant_id is not null")
            .params(site.id().value(), activity)
            .query(UUID.class)
            .list());
  }

  /** The activities of the site a participant of it attended, latest first. */
  @Transactional(readOnly = true)
  public List<Activity> attendedBy(Site site, UUID participant) {
    team.require(site.id(), Participants.WRITERS);
    return jdbc.sql(
            SELECT
                + " where a.site_id = ? and exists (select 1 from activity_participant ap"
                + " where ap.activity_id = a.id and ap.participant_id = ?)"
                + " order by a.held_on desc, a.created_at desc")
        .params(site.id().value(), participant)
        .query(Activities::map)
        .list();
  }

  private void link(UUID id, NewActivity input) {
    for (String g : new HashSet<>(input.populationGroups())) {
      jdbc.sql("insert into activity_group (activity_id, population_group) values (?, ?)")
          .params(id, g)
          .update();
    }
    for (UUID u : new HashSet<>(input.facilitators())) {
      jdbc.sql("insert into activity_facilitator (activity_id, user_id) values (?, ?)")
          .params(id, u)
          .update();
    }
    for (UUID p : new HashSet<>(input.participants())) {
      attend(id, p);
    }
  }

  /** What creating and editing both check: the same rules, the same messages. */
  private Validation validate(Site site, NewActivity input) {
    Validation v =
        new Validation()
            .require(
                Vocabulary.has(Vocabulary.ACTIVITY_KINDS, input.kind()),
                "kind",
                "validation.choose")
            .require(input.heldOn() != null, "heldOn", "validation.required")
            .require(
                input.heldOn() == null || !input.heldOn().isAfter(LocalDate.now().plusDays(1)),
                "heldOn",
                "validation.date.future")
            .text(input.title(), "title", 200)
            .require(
                Vocabulary.POPULATION_GROUPS.containsAll(input.populationGroups()),
                "populationGroups",
                "validation.choose");
    // Facilitators are members of this site's team; participants are this site's.
    v.require(
        input.facilitators().stream()
            .allMatch(u -> team.roleOf(new org.tejido.identity.UserId(u), site.id()).isPresent()),
        "facilitators",
        "validation.facilitators.unknown");
    v.require(
        sameSite(site, input.participants()), "participants", "validation.participants.unknown");
    return v;
  }

  void attend(UUID activity, UUID participant) {
    jdbc.sql(
            "insert into activity_participant (activity_id, participant_id) values (?, ?)"
                + " on conflict do nothing")
        .params(activity, participant)
        .update();
  }

  @Transactional(readOnly = true)
  public List<Activity> list(Site site) {
    team.require(site.id(), Participants.WRITERS);
    return jdbc.sql(SELECT + " where a.site_id = ? order by a.held_on desc, a.created_at desc")
        .param(site.id().value())
        .query(Activities::map)
        .list();
  }

  @Transactional(readOnly = true)
  public Activity get(Site site, UUID id) {
    team.require(site.id(), Participants.WRITERS);
    return find(site, id).orElseThrow(() -> new NotFound("activity.not-found"));
  }

  java.util.Optional<Activity> find(Site site, UUID id) {
    return jdbc.sql(SELECT + " where a.site_id = ? and a.id = ?")
        .params(site.id().value(), id)
        .query(Activities::map)
        .optional();
  }

  private boolean sameSite(Site site, List<UUID> participants) {
    if (participants.isEmpty()) {
      return true;
    }
    int found =
        jdbc.sql("select count(*) from participant where site_id = ? and id = any(?)")
            .params(site.id().value(), participants.toArray(new UUID[0]))
            .query(Integer.class)
            .single();
    return found == new HashSet<>(participants).size();
  }

  private static final String SELECT =
      "select a.id, a.kind, a.held_on, a.title, a.fictional,"
          + " array(select g.population_group from activity_group g where g.activity_id = a.id"
          + " order by 1) as groups,"
          + " array(select u.display_name from activity_facilitator f join app_user u"
          + " on u.id = f.user_id where f.activity_id = a.id order by 1) as facilitators,"
          + " array(select p.code from activity_participant ap join participant p"
          + " on p.id = ap.participant_id where ap.activity_id = a.id order by p.number) as codes"
          + " from activity a";

  private static Activity map(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
    return new Activity(
        rs.getObject("id", UUID.class),
        rs.getString("kind"),
        rs.getObject("held_on", LocalDate.class),
        rs.getString("title"),
        rs.getBoolean("fictional"),
        List.of((String[]) rs.getArray("groups").getArray()),
        List.of((String[]) rs.getArray("facilitators").getArray()),
        List.of((String[]) rs.getArray("codes").getArray()));
  }
}
