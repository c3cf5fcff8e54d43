package org.tejido.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.tejido.agenda.AgendaEditing;
import org.tejido.agenda.IssueInput;
import org.tejido.identity.SiteRole;
import org.tejido.sites.Site;
import org.tejido.support.Fixtures;
import org.tejido.support.Fixtures.Person;
import org.tejido.support.TejidoTest;

/**
 * Every route of the application, as every kind of visitor, with the status each must get. A new
 * route without a row here fails {@link #everyRouteIsInTheMatrix()}.
 */
@TejidoTest
@TestInstance(Lifecycle.PER_CLASS)
class AuthorizationMatrixTest {

  enum Who {
    ANONYMOUS,
    OTHER_SITE_RESEARCHER,
    COMMUNITY_RESEARCHER,
    COORDINATOR,
    ADMIN
  }

  @Autowired MockMvc mvc;
  @Autowired Fixtures fixtures;
  @Autowired AgendaEditing editing;

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping mappings;

  private final Map<Who, MockHttpSession> sessions = new EnumMap<>(Who.class);
  private Site withDraft;
  private Site withoutDraft;
  private Person target;

  @BeforeAll
  void setUp() throws Exception {
    withDraft = fixtures.freshSite();
    withoutDraft = fixtures.freshSite();
    Person coordinator = fixtures.withRole(withDraft.key(), SiteRole.COORDINATOR);
    Person community = fixtures.withRole(withDraft.key(), SiteRole.COMMUNITY_RESEARCHER);
    Person other = fixtures.withRole("apatzingan", SiteRole.RESEARCHER);
    Person admin = fixtures.administrator();
    target = fixtures.person("target");
    fixtures.actAs(coordinator);
    // The second site: same people, same roles, a published version and no draft.
    assignSameRoles(coordinator, community);
    editing.startDraft(withoutDraft);
    editing.addIssue(
        withoutDraft, new IssueInput("Uno", "One", null, null, List.of("personal"), false));
    editing.publish(withoutDraft);
    editing.startDraft(withDraft);
    fixtures.actAsNobody();

    sessions.put(Who.OTHER_SITE_RESEARCHER, fixtures.signIn(mvc, other));
    sessions.put(Who.COMMUNITY_RESEARCHER, fixtures.signIn(mvc, community));
    sessions.put(Who.COORDINATOR, fixtures.signIn(mvc, coordinator));
    sessions.put(Who.ADMIN, fixtures.signIn(mvc, admin));
  }

  @Autowired org.tejido.identity.UserAccounts userAccounts;

  private void assignSameRoles(Person coordinator, Person community) {
    userAccounts.assign(coordinator.id(), withoutDraft.id(), SiteRole.COORDINATOR);
    userAccounts.assign(community.id(), withoutDraft.id(), SiteRole.COMMUNITY_RESEARCHER);
  }

  /** One route: how to call it, and the status for each visitor in {@link Who} order. */
  record Row(
      String method, String pattern, String path, Map<String, String> form, int... expected) {}

  private static final int LOGIN = 302;

  List<Row> matrix() {
    String a = withDraft.key();
    String b = withoutDraft.key();
    String missing = UUID.randomUUID().toString();
    String user = target.id().toString();
    Map<String, String> none = Map.of();
    Map<String, String> validIssue = Map.of("titleEs", "t", "titleEn", "t", "domains", "personal");
    Map<String, String> validProposal =
        Map.of("addressee", "authorities", "textEs", "t", "textEn", "t", "issues", missing);
    List<Row> rows = new ArrayList<>();
    // Public pages and API: everyone.
    for (String[] r :
        new String[][] {
          {"/", "/"},
          {"/principles", "/principles"},
          {"/sites/{key}", "/sites/tijuana"},
          {"/sites/{key}/agenda", "/sites/tijuana/agenda"},
          {"/sites/{key}/agenda/versions", "/sites/tijuana/agenda/versions"},
          {"/sites/{key}/agenda.csv", "/sites/tijuana/agenda.csv"},
          {"/api/v1/sites", "/api/v1/sites"},
          {"/api/v1/sites/{key}", "/api/v1/sites/tijuana"},
          {"/api/v1/sites/{key}/agenda", "/api/v1/sites/tijuana/agenda"},
          {"/sitemap.xml", "/sitemap.xml"},
          {"/login", "/login"}
        }) {
      rows.add(new Row("GET", r[0], r[1], none, 200, 200, 200, 200, 200));
    }
    // The setup page exists only while no administrator does: here one does.
    rows.add(new Row("GET", "/setup", "/setup?token=x", none, 404, 404, 404, 404, 404));
    rows.add(new Row("POST", "/setup", "/setup", Map.of("token", "x"), 404, 404, 404, 404, 404));
    // Any member of staff.
    rows.add(new Row("GET", "/manage", "/manage", none, LOGIN, 200, 200, 200, 200));
    rows.add(
        new Row("GET", "/account/password", "/account/password", none, LOGIN, 200, 200, 200, 200));
    rows.add(
        new Row(
            "POST",
            "/account/password",
            "/account/password",
            Map.of("current", "wrong"),
            LOGIN,
            422,
            422,
            422,
            422));
    // The administrator only.
    rows.add(new Row("GET", "/admin/users", "/admin/users", none, LOGIN, 403, 403, 403, 200));
    rows.add(
        new Row("GET", "/admin/users/new", "/admin/users/new", none, LOGIN, 403, 403, 403, 200));
    rows.add(
        new Row(
            "POST",
            "/admin/users",
            "/admin/users",
            Map.of("username", "x"),
            LOGIN,
            403,
            403,
            403,
            422));
    rows.add(
        new Row(
            "GET", "/admin/users/{id}", "/admin/users/" + user, none, LOGIN, 403, 403, 403, 200));
    rows.add(
        new Row(
            "POST",
            "/admin/users/{id}/memberships",
            "/admin/users/" + user + "/memberships",
            Map.of("site", "tijuana", "role", "researcher"),
            LOGIN,
            403,
            403,
            403,
            302));
    rows.add(
        new Row(
            "POST",
            "/admin/users/{id}/memberships/{site}/delete",
            "/admin/users/" + user + "/memberships/tijuana/delete",
            none,
            LOGIN,
            403,
            403,
            403,
            302));
    rows.add(
        new Row(
            "POST",
            "/admin/users/{id}/enabled",
            "/admin/users/" + user + "/enabled",
            Map.of("enabled", "true"),
            LOGIN,
            403,
            403,
            403,
            302));
    // The site team reads; only its coordinator edits. Other sites' staff and the administrator
    // (who holds no role at the site) get nothing.
    String m = "/manage/sites/{key}/agenda";
    rows.add(new Row("GET", m, "/manage/sites/" + a + "/agenda", none, LOGIN, 403, 200, 200, 403));
    rows.add(
        new Row(
            "POST",
            m + "/draft",
            "/manage/sites/" + a + "/agenda/draft",
            none,
            LOGIN,
            403,
            403,
            409,
            403));
    rows.add(
        new Row(
            "POST",
            m + "/draft/discard",
            "/manage/sites/" + b + "/agenda/draft/discard",
            none,
            LOGIN,
            403,
            403,
            409,
            403));
    rows.add(
        new Row(
            "POST",
            m + "/draft/publish",
            "/manage/sites/" + b + "/agenda/draft/publish",
            none,
            LOGIN,
            403,
            403,
            409,
            403));
    rows.add(
        new Row(
            "POST",
            m + "/draft/participants",
            "/manage/sites/" + b + "/agenda/draft/participants",
            Map.of("participants", "3"),
            LOGIN,
            403,
            403,
            409,
            403));
    rows.add(
        new Row(
            "GET",
            m + "/issues/new",
            "/manage/sites/" + a + "/agenda/issues/new",
            none,
            LOGIN,
            403,
            403,
            200,
            403));
    rows.add(
        new Row(
            "POST",
            m + "/issues",
            "/manage/sites/" + a + "/agenda/issues",
            none,
            LOGIN,
            403,
            403,
            422,
            403));
    rows.add(
        new Row(
            "GET",
            m + "/issues/{id}/edit",
            "/manage/sites/" + a + "/agenda/issues/" + missing + "/edit",
            none,
            LOGIN,
            403,
            403,
            404,
            403));
    rows.add(
        new Row(
            "POST",
            m + "/issues/{id}",
            "/manage/sites/" + a + "/agenda/issues/" + missing,
            validIssue,
            LOGIN,
            403,
            403,
            404,
            403));
    rows.add(
        new Row(
            "POST",
            m + "/issues/{id}/move",
            "/manage/sites/" + a + "/agenda/issues/" + missing + "/move",
            Map.of("direction", "up"),
            LOGIN,
            403,
            403,
            404,
            403));
    rows.add(
        new Row(
            "POST",
            m + "/issues/{id}/delete",
            "/manage/sites/" + a + "/agenda/issues/" + missing + "/delete",
            none,
            LOGIN,
            403,
            403,
            404,
            403));
    rows.add(
        new Row(
            "GET",
            m + "/proposals/new",
            "/manage/sites/" + a + "/agenda/proposals/new",
            none,
            LOGIN,
            403,
            403,
            200,
            403));
    rows.add(
        new Row(
            "POST",
            m + "/proposals",
            "/manage/sites/" + a + "/agenda/proposals",
            none,
            LOGIN,
            403,
            403,
            422,
            403));
    rows.add(
        new Row(
            "GET",
            m + "/proposals/{id}/edit",
            "/manage/sites/" + a + "/agenda/proposals/" + missing + "/edit",
            none,
            LOGIN,
            403,
            403,
            404,
            403));
    rows.add(
        new Row(
            "POST",
            m + "/proposals/{id}",
            "/manage/sites/" + a + "/agenda/proposals/" + missing,
            validProposal,
            LOGIN,
            403,
            403,
            422,
            403));
    rows.add(
        new Row(
            "POST",
            m + "/proposals/{id}/move",
            "/manage/sites/" + a + "/agenda/proposals/" + missing + "/move",
            Map.of("direction", "down"),
            LOGIN,
            403,
            403,
            404,
            403));
    rows.add(
        new Row(
            "POST",
            m + "/proposals/{id}/delete",
            "/manage/sites/" + a + "/agenda/proposals/" + missing + "/delete",
            none,
            LOGIN,
            403,
            403,
            404,
            403));
    return rows;
  }

  @Test
  void everyVisitorGetsTheExpectedStatusOnEveryRoute() throws Exception {
    List<String> failures = new ArrayList<>();
    for (Row row : matrix()) {
      for (Who who : Who.values()) {
        int expected = row.expected()[who.ordinal()];
        int actual = call(row, who);
        if (actual != expected) {
          failures.add(
              row.method()
                  + " "
                  + row.path()
                  + " as "
                  + who
                  + ": expected "
                  + expected
                  + ", got "
                  + actual);
        }
      }
    }
    assertThat(failures).isEmpty();
  }

  @Test
  void anonymousVisitorsAreSentToTheLoginPage() throws Exception {
    var result =
        mvc.perform(get("/manage/sites/" + withDraft.key() + "/agenda").accept("text/html"))
            .andReturn()
            .getResponse();
    assertThat(result.getRedirectedUrl()).endsWith("/login");
  }

  @Test
  void everyRouteIsInTheMatrix() {
    Set<String> routes = new TreeSet<>();
    for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
      for (String pattern : info.getPatternValues()) {
        if (pattern.equals("/error")) {
          continue;
        }
        Set<?> methods = info.getMethodsCondition().getMethods();
        if (methods.isEmpty()) {
          routes.add("ANY " + pattern);
        }
        methods.forEach(method -> routes.add(method + " " + pattern));
      }
    }
    Set<String> covered = new TreeSet<>();
    matrix().forEach(r -> covered.add(r.method() + " " + r.pattern()));
    // springdoc's document is public and read-only; its handler is registered by the library.
    covered.add("GET /api/v1/openapi.json");
    covered.add("GET /api/v1/openapi.json.yaml");
    routes.removeIf(r -> r.startsWith("GET /api/v1/openapi.json"));
    covered.removeIf(r -> r.startsWith("GET /api/v1/openapi.json"));
    assertThat(covered).isEqualTo(routes);
  }

  private int call(Row row, Who who) throws Exception {
    MockHttpServletRequestBuilder request =
        row.method().equals("GET") ? get(row.path()) : post(row.path()).with(csrf());
    boolean page =
        !row.path().startsWith("/api/") && !row.path().matches(".*\\.(xml|csv)(\\?.*)?$");
    request.accept(page ? "text/html" : "*/*");
    row.form().forEach(request::param);
    MockHttpSession session = sessions.get(who);
    if (session != null) {
      request.session(session);
    }
    return mvc.perform(request).andReturn().getResponse().getStatus();
  }
}
