package org.tejido.identity;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.tejido.identity.internal.StaffPrincipal;
import org.tejido.shared.Forbidden;
import org.tejido.sites.SiteId;

/**
 * Who is signed in and what they may do at a site. Roles are read from the database on every check,
 * so a role taken away takes effect at once, not at the next sign-in.
 */
@Service
public class Team {

  private final JdbcClient jdbc;

  Team(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The signed-in member of staff, if any. */
  public Optional<StaffMember> current() {
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    if (auth != null && auth.getPrincipal() instanceof StaffPrincipal principal) {
      return Optional.of(principal.member());
    }
    return Optional.empty();
  }

  /** The current person's role at a site; empty for the public and for other sites' staff. */
  public Optional<SiteRole> currentRoleAt(SiteId site) {
    return current().flatMap(member -> roleOf(member.id(), site));
  }

  public Optional<SiteRole> roleOf(UserId user, SiteId site) {
    return jdbc.sql(
            "select m.role from site_membership m join app_user u on u.id = m.user_id"
                + " where m.user_id = ? and m.site_id = ? and u.enabled")
        .params(user.value(), site.value())
        .query(String.class)
        .optional()
        .map(SiteRole::fromCode);
  }

  public boolean isMemberOf(SiteId site) {
    return currentRoleAt(site).isPresent();
  }

  /**
   * Returns the signed-in person if they hold one of the roles at the site.
   *
   * @throws Forbidden {@code access.denied} otherwise
   */
  public StaffMember require(SiteId site, SiteRole... allowed) {
    StaffMember member = current().orElseThrow(() -> new Forbidden("access.denied"));
    SiteRole role = roleOf(member.id(), site).orElseThrow(() -> new Forbidden("access.denied"));
    if (allowed.length > 0 && !Arrays.asList(allowed).contains(role)) {
      throw new Forbidden("access.denied");
    }
    return member;
  }

  /** A member of a site's team, as shown when choosing facilitators. */
  public record Member(UserId id, String displayName, SiteRole role) {}

  /** The people holding a role at a site (enabled accounts), by name. */
  public List<Member> membersOf(SiteId site) {
    return jdbc.sql(
            "select u.id, u.display_name, m.role from site_membership m join app_user u"
                + " on u.id = m.user_id where m.site_id = ? and u.enabled order by u.display_name")
        .param(site.value())
        .query(
            (rs, i) ->
                new Member(
                    new UserId(rs.getObject(1, UUID.class)),
                    rs.getString(2),
                    SiteRole.fromCode(rs.getString(3))))
        .list();
  }

  /** The sites where a person holds a role. */
  public List<Membership> membershipsOf(UserId user) {
    return jdbc.sql(
            "select m.site_id, s.key, s.municipality_name, m.role, m.user_id from site_membership m"
                + " join site s on s.id = m.site_id where m.user_id = ? order by s.position")
        .param(user.value())
        .query(Team::membership)
        .list();
  }

  /** Everybody's roles, by person, for the list of staff accounts. */
  public Map<UserId, List<Membership>> allMemberships() {
    Map<UserId, List<Membership>> all = new HashMap<>();
    jdbc.sql(
            "select m.site_id, s.key, s.municipality_name, m.role, m.user_id from site_membership m"
                + " join site s on s.id = m.site_id order by s.position")
        .query(
            (rs, i) ->
                all.computeIfAbsent(new UserId(rs.getObject(5, UUID.class)), u -> new ArrayList<>())
                    .add(membership(rs, i)))
        .list();
    return all;
  }

  private static Membership membership(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
    return new Membership(
        new SiteId(rs.getObject(1, UUID.class)),
        rs.getString(2),
        rs.getString(3),
        SiteRole.fromCode(rs.getString(4)));
  }
}
