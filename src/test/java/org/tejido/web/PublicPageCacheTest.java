package org.tejido.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.tejido.agenda.AgendaEditing;
import org.tejido.agenda.IssueInput;
import org.tejido.identity.SiteRole;
import org.tejido.sites.Site;
import org.tejido.support.Fixtures;
import org.tejido.support.SqlStatements;
import org.tejido.support.TejidoTest;

@TejidoTest
class PublicPageCacheTest {

  @Autowired MockMvc mvc;
  @Autowired Fixtures fixtures;
  @Autowired AgendaEditing editing;

  private String anonymous(String url, String lang) throws Exception {
    return mvc.perform(get(url).header("Accept-Language", lang))
        .andReturn()
        .getResponse()
        .getContentAsString(StandardCharsets.UTF_8);
  }

  @Test
  void publishingShowsAtOnceOnPagesServedFromMemory() throws Exception {
    Site site = fixtures.freshSite();
    String url = "/sites/" + site.key() + "/agenda/versions";
    assertThat(anonymous(url, "es")).contains("Todavía no hay una agenda publicada.");
    assertThat(anonymous(url, "es")).contains("Todavía no hay una agenda publicada.");

    fixtures.actAs(fixtures.withRole(site.key(), SiteRole.COORDINATOR));
    editing.startDraft(site);
    editing.addIssue(site, new IssueInput("Nueva", "New", null, null, List.of("health"), false));
    editing.publish(site);
    fixtures.actAsNobody();

    assertThat(anonymous(url, "es")).contains("Abrir (la más reciente)");
  }

  @Test
  void visitorsArrivingTogetherAtAnEmptiedCacheGetOneRenderBetweenThem() throws Exception {
    Site site = fixtures.freshSite(); // a new site empties the cache
    String url = "/sites/" + site.key() + "/tracker";
    int visitors = 8;
    java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(visitors);
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(visitors);
    try {
      SqlStatements.Recorded<List<String>> read =
          SqlStatements.duringOnAnyThread(
              () -> {
                List<java.util.concurrent.Future<String>> pages = new java.util.ArrayList<>();
                for (int i = 0; i < visitors; i++) {
                  pages.add(
                      pool.submit(
                          () -> {
                            together.await();
                            return anonymous(url, "es");
                          }));
                }
                List<String> bodies = new java.util.ArrayList<>();
                for (var page : pages) {
                  bodies.add(page.get(60, java.util.concurrent.TimeUnit.SECONDS));
                }
                return bodies;
              });
      assertThat(read.value()).hasSize(visitors).allMatch(b -> b.equals(read.value().get(0)));
      assertThat(read.value().get(0)).contains(site.municipality());
      // Whether they overlapped (waiting for the render) or not (served from memory after it),
      // the tracker's recommendations were read once.
      assertThat(read.containing("from observatory_recommendation where site_id")).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void eachLanguageHasItsOwnCopy() throws Exception {
    assertThat(anonymous("/principles", "es")).contains("Principios de la Agenda Nacional");
    assertThat(anonymous("/principles", "en")).contains("Principles of the National Agenda");
    assertThat(anonymous("/principles", "es")).contains("Principios de la Agenda Nacional");
  }

  @Test
  void signedInStaffAlwaysGetAFreshPage() throws Exception {
    anonymous("/", "es");
    var person = fixtures.person("fresh-page");
    var session = fixtures.signIn(mvc, person);
    String page =
        mvc.perform(get("/").session(session).header("Accept-Language", "es"))
            .andReturn()
            .getResponse()
            .getContentAsString(StandardCharsets.UTF_8);
    assertThat(page).contains("Cerrar sesión (Test fresh-page)");
    assertThat(anonymous("/", "es")).doesNotContain("Cerrar sesión");
  }
}
