package org.tejido.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.tejido.identity.SiteRole;
import org.tejido.identity.UserAccounts;
import org.tejido.sites.Site;
import org.tejido.support.Fixtures;
import org.tejido.support.TejidoTest;

/** Every change to a staff account or role leaves an audit entry, pseudonymous. */
@TejidoTest
class StaffChangesAuditTest {

  @Autowired MockMvc mvc;
  @Autowired Fixtures fixtures;
  @Autowired UserAccounts accounts;
  @Autowired JdbcClient jdbc;

  record Row(UUID site, UUID actor, String action, String detail) {}

  @Test
  void creatingDisablingEnablingAndChangingAPasswordEachLeaveAnEntry() {
    var person = fixtures.person("audited");
    accounts.setEnabled(person.id(), false);
    accounts.setEnabled(person.id(), true);
    accounts.changePassword(person.id(), "another long passphrase");
    assertThat(entriesAbout(person.id().value()))
        .extracting(Row::action)
        .containsExactly(
            "staff.account.created",
            "staff.account.disabled",
            "staff.account.enabled",
            "staff.password.changed");
    assertThat(entriesAbout(person.id().value())).allMatch(r -> r.site() == null);
  }

  @Test
  void anAdministratorCannotGrantThemselvesARoleReadAndRevokeItWithoutATrace() throws Exception {
    Site site = fixtures.freshSite();
    var admin = fixtures.administrator();
    MockHttpSession session = fixtures.signIn(mvc, admin);

    mvc.perform(
            post("/admin/users/" + admin.id() + "/memberships")
                .session(session)
                .with(csrf())
                .param("site", site.key())
                .param("role", "researcher"))
        .andExpect(status().is3xxRedirection());
    mvc.perform(get("/manage/sites/" + site.key() + "/fieldwork").session(session))
        .andExpect(status().isOk());
    mvc.perform(
            post("/admin/users/" + admin.id() + "/memberships/" + site.key() + "/delete")
                .session(session)
                .with(csrf()))
        .andExpect(status().is3xxRedirection());

    List<Row> atSite =
        entriesAbout(admin.id().value()).stream()
            .filter(r -> site.id().value().equals(r.site()))
            .toList();
    assertThat(atSite)
        .extracting(Row::action, Row::actor, Row::detail)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "staff.role.granted", admin.id().value(), "role=researcher"),
            org.assertj.core.groups.Tuple.tuple(
                "staff.role.revoked", admin.id().value(), "former=researcher"));
  }

  @Test
  void aRoleChangeRecordsTheFormerRoleUnderTheSite() {
    Site site = fixtures.freshSite();
    var person = fixtures.withRole(site.key(), SiteRole.RESEARCHER);
    accounts.assign(person.id(), site.id(), SiteRole.COORDINATOR);
    assertThat(entriesAbout(person.id().value()))
        .filteredOn(r -> site.id().value().equals(r.site()))
        .extracting(Row::detail)
        .containsExactly("role=researcher", "role=coordinator former=researcher");
  }

  private List<Row> entriesAbout(UUID user) {
    return jdbc.sql(
            "select site_id, actor_id, action, detail from audit_entry where subject = ?"
                + " order by sequence")
        .param("user:" + user)
        .query(
            (rs, i) ->
                new Row(
                    rs.getObject(1, UUID.class),
                    rs.getObject(2, UUID.class),
                    rs.getString(3),
                    rs.getString(4)))
        .list();
  }
}
