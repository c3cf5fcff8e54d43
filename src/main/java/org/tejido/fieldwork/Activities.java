package org.tejido.fieldwork;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
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
    v.orThrow();
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
    return id;
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
