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
  @Autowired org.tejido.vault.Vaults vaults;
  @Autowired org.tejido.agenda.NationalAgendas national;
  @Autowired org.tejido.agenda.NationalAgendaEditing nationalEditing;

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
    // A second version, so that there are changes to compare.
    editing.startDraft(withoutDraft);
    editing.publish(withoutDraft);
    editing.startDraft(withDraft);
    vaults.create(withDraft, "the coordinator's passphrase");
    // The National Agenda is one for the whole platform: a fresh draft without threads, whatever
    // other
    // test classes left, so that its rows (the last of them discarding it) answer the same.
    fixtures.actAs(admin);
    if (national.draft().isPresent()) {
      nationalEditing.discardDraft();
    }
    nationalEditing.startDraft();
    // A draft copies the latest published version: emptied, so that publishing it is refused.
    national.draft().orElseThrow().threads().forEach(t -> nationalEditing.deleteThread(t.id()));
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
      String method, String pattern, String path, Map<String, String> form, int[] expected) {}

  /**
   * The matrix. Columns: method, route pattern, the address called ({A}: a site with a draft, {B}:
   * a site with a published version and no draft, {X}: an id that does not exist, {U}: a staff
   * account), then the status for anonymous, another site's researcher, the site's community
   * researcher, its coordinator, the administrator. 302 for anonymous is the way to the login page;
   * 404/409/422 for the coordinator show that authorisation let the request through to the rules.
   */
  private static final String MATRIX =
      """
      GET  /                                        /                                   200 200 200 200 200
      GET  /principles                              /principles                         200 200 200 200 200
      GET  /sites/{key}                             /sites/tijuana                      200 200 200 200 200
      GET  /sites/{key}/agenda                      /sites/tijuana/agenda               200 200 200 200 200
      GET  /sites/{key}/agenda/versions             /sites/tijuana/agenda/versions      200 200 200 200 200
      GET  /sites/{key}/agenda/changes              /sites/{B}/agenda/changes           200 200 200 200 200
      GET  /api/v1/sites/{key}/agenda/changes       /api/v1/sites/{B}/agenda/changes?from=1&to=2 200 200 200 200 200
      GET  /sites/{key}/agenda.csv                  /sites/tijuana/agenda.csv           200 200 200 200 200
      GET  /api/v1/sites                            /api/v1/sites                       200 200 200 200 200
      GET  /api/v1/sites/{key}                      /api/v1/sites/tijuana               200 200 200 200 200
      GET  /api/v1/sites/{key}/agenda               /api/v1/sites/tijuana/agenda        200 200 200 200 200
      GET  /api/v1/indicators                       /api/v1/indicators?crime=x&from=2019-13&to=2019-01 400 400 400 400 400
      GET  /sites/{key}/tracker                     /sites/tijuana/tracker              200 200 200 200 200
      GET  /sites/{key}/tracker/{id}                /sites/tijuana/tracker/{X}          404 404 404 404 404
      GET  /sites/{key}/tracker/{id}/updates/{update}/file /sites/tijuana/tracker/{X}/updates/{X}/file 404 404 404 404 404
      GET  /api/v1/sites/{key}/recommendations      /api/v1/sites/tijuana/recommendations 200 200 200 200 200
      GET  /api/v1/sites/{key}/recommendations/{id} /api/v1/sites/tijuana/recommendations/{X} 404 404 404 404 404
      GET  /api/v1/indicators/neighbours            /api/v1/indicators/neighbours?municipality=1 400 400 400 400 400
      GET  /sitemap.xml                             /sitemap.xml                        200 200 200 200 200
      GET  /sites/{key}/agenda-readme.txt           /sites/tijuana/agenda-readme.txt    200 200 200 200 200
      GET  /sites/{key}/agenda.pdf                  /sites/tijuana/agenda.pdf?version=1 200 200 200 200 200
      GET  /datos                                   /datos                              200 200 200 200 200
      GET  /datos/api                               /datos/api                          200 200 200 200 200
      GET  /api/v1                                  /api/v1                             200 200 200 200 200
      GET  /api/v1/                                 /api/v1/                            200 200 200 200 200
      GET  /api/v1/catalog                          /api/v1/catalog                     200 200 200 200 200
      GET  /login                                   /login                              200 200 200 200 200
      GET  /setup                                   /setup?token=x                      404 404 404 404 404
      POST /setup                                   /setup                              404 404 404 404 404
      GET  /manage                                  /manage                             302 200 200 200 200
      GET  /account/password                        /account/password                   302 200 200 200 200
      POST /account/password                        /account/password                   302 422 422 422 422
      GET  /account/second-factor                   /account/second-factor              302 302 302 302 302
      POST /account/second-factor                   /account/second-factor              302 302 302 302 302
      POST /account/second-factor/enrol             /account/second-factor/enrol        302 302 302 302 302
      GET  /admin/users                             /admin/users                        302 403 403 403 200
      GET  /admin/users/new                         /admin/users/new                    302 403 403 403 200
      POST /admin/users                             /admin/users                        302 403 403 403 422
      GET  /admin/users/{id}                        /admin/users/{U}                    302 403 403 403 200
      POST /admin/users/{id}/memberships            /admin/users/{U}/memberships        302 403 403 403 302
      POST /admin/users/{id}/memberships/{site}/delete /admin/users/{U}/memberships/tijuana/delete 302 403 403 403 302
      POST /admin/users/{id}/enabled                /admin/users/{U}/enabled            302 403 403 403 302
      GET  /admin/sites                             /admin/sites                        302 403 403 403 200
      GET  /admin/sites/new                         /admin/sites/new                    302 403 403 403 200
      POST /admin/sites                             /admin/sites                        302 403 403 403 422
      GET  /admin/sites/{key}                       /admin/sites/{A}                    302 403 403 403 200
      POST /admin/sites/{key}                       /admin/sites/{A}                    302 403 403 403 422
      POST /admin/sites/{key}/suspend               /admin/sites/{A}/suspend            302 403 403 403 422
      POST /admin/sites/{key}/reactivate            /admin/sites/{A}/reactivate         302 403 403 403 409
      POST /admin/users/{id}/second-factor/reset    /admin/users/{U}/second-factor/reset 302 403 403 403 302
      POST /admin/users/{id}/password/reset         /admin/users/{U}/password/reset     302 403 403 403 200
      POST /admin/users/{id}/password/reset         /admin/users/{X}/password/reset     302 403 403 403 404
      GET  /admin/audit                             /admin/audit                        302 403 403 403 200
      GET  /admin/audit                             /admin/audit?before=2               302 403 403 403 200
      GET  /manage/sites/{key}/agenda               /manage/sites/{A}/agenda            302 403 200 200 403
      GET  /manage/sites/{key}/agenda/draft/booklet.pdf /manage/sites/{A}/agenda/draft/booklet.pdf 302 403 403 200 403
      GET  /manage/sites/{key}/agenda/draft/booklet.pdf /manage/sites/{B}/agenda/draft/booklet.pdf 302 403 403 404 403
      POST /manage/sites/{key}/agenda/draft         /manage/sites/{A}/agenda/draft      302 403 403 409 403
      POST /manage/sites/{key}/agenda/draft/discard /manage/sites/{B}/agenda/draft/discard 302 403 403 409 403
      POST /manage/sites/{key}/agenda/draft/publish /manage/sites/{B}/agenda/draft/publish 302 403 403 409 403
      POST /manage/sites/{key}/agenda/draft/participants /manage/sites/{B}/agenda/draft/participants 302 403 403 409 403
      GET  /manage/sites/{key}/agenda/draft/changes /manage/sites/{A}/agenda/draft/changes 302 403 403 200 403
      POST /manage/sites/{key}/agenda/draft/note    /manage/sites/{B}/agenda/draft/note 302 403 403 409 403
      GET  /manage/sites/{key}/agenda/issues/new    /manage/sites/{A}/agenda/issues/new 302 403 403 200 403
      POST /manage/sites/{key}/agenda/issues        /manage/sites/{A}/agenda/issues     302 403 403 422 403
      GET  /manage/sites/{key}/agenda/issues/{id}/edit /manage/sites/{A}/agenda/issues/{X}/edit 302 403 403 404 403
      POST /manage/sites/{key}/agenda/issues/{id}   /manage/sites/{A}/agenda/issues/{X} 302 403 403 404 403
      POST /manage/sites/{key}/agenda/issues/{id}/move /manage/sites/{A}/agenda/issues/{X}/move 302 403 403 404 403
      POST /manage/sites/{key}/agenda/issues/{id}/delete /manage/sites/{A}/agenda/issues/{X}/delete 302 403 403 404 403
      GET  /manage/sites/{key}/agenda/proposals/new /manage/sites/{A}/agenda/proposals/new 302 403 403 200 403
      POST /manage/sites/{key}/agenda/proposals     /manage/sites/{A}/agenda/proposals  302 403 403 422 403
      GET  /manage/sites/{key}/agenda/proposals/{id}/edit /manage/sites/{A}/agenda/proposals/{X}/edit 302 403 403 404 403
      POST /manage/sites/{key}/agenda/proposals/{id} /manage/sites/{A}/agenda/proposals/{X} 302 403 403 422 403
      POST /manage/sites/{key}/agenda/proposals/{id}/move /manage/sites/{A}/agenda/proposals/{X}/move 302 403 403 404 403
      POST /manage/sites/{key}/agenda/proposals/{id}/delete /manage/sites/{A}/agenda/proposals/{X}/delete 302 403 403 404 403
      GET  /manage/sites/{key}/audit                /manage/sites/{A}/audit             302 403 403 200 403
      GET  /manage/sites/{key}/vault                /manage/sites/{A}/vault             302 403 200 200 403
      POST /manage/sites/{key}/vault                /manage/sites/{A}/vault             302 403 403 422 403
      POST /manage/sites/{key}/vault/unlock         /manage/sites/{A}/vault/unlock      302 403 403 422 403
      POST /manage/sites/{key}/vault/unlock-recovery /manage/sites/{A}/vault/unlock-recovery 302 403 403 422 403
      POST /manage/sites/{key}/vault/lock           /manage/sites/{A}/vault/lock        302 403 302 302 403
      POST /manage/sites/{key}/vault/passphrase     /manage/sites/{A}/vault/passphrase  302 403 403 409 403
      POST /manage/sites/{key}/vault/recovery-key   /manage/sites/{A}/vault/recovery-key 302 403 403 409 403
      GET  /manage/sites/{key}/vault/recovery-key   /manage/sites/{A}/vault/recovery-key 302 403 403 302 403
      GET  /manage/sites/{key}/vault/recovery-key/confirm /manage/sites/{A}/vault/recovery-key/confirm 302 403 403 302 403
      POST /manage/sites/{key}/vault/recovery-key/confirm /manage/sites/{A}/vault/recovery-key/confirm 302 403 403 302 403
      POST /manage/sites/{key}/vault/recovery-key/cancel /manage/sites/{A}/vault/recovery-key/cancel 302 403 403 302 403
      POST /manage/sites/{key}/vault/key-pair       /manage/sites/{A}/vault/key-pair    302 403 403 409 403
      GET  /manage/sites/{key}/fieldwork            /manage/sites/{A}/fieldwork         302 403 200 200 403
      GET  /manage/sites/{key}/fieldwork/activities/new /manage/sites/{A}/fieldwork/activities/new 302 403 200 200 403
      POST /manage/sites/{key}/fieldwork/activities /manage/sites/{A}/fieldwork/activities 302 403 422 422 403
      GET  /manage/sites/{key}/fieldwork/activities/{id} /manage/sites/{A}/fieldwork/activities/{X} 302 403 404 404 403
      GET  /manage/sites/{key}/fieldwork/activities/{id}/edit /manage/sites/{A}/fieldwork/activities/{X}/edit 302 403 404 404 403
      POST /manage/sites/{key}/fieldwork/activities/{id} /manage/sites/{A}/fieldwork/activities/{X} 302 403 404 404 403
      POST /manage/sites/{key}/fieldwork/activities/{id}/media /manage/sites/{A}/fieldwork/activities/{X}/media 302 403 404 404 403
      GET  /manage/sites/{key}/fieldwork/media/{id} /manage/sites/{A}/fieldwork/media/{X} 302 403 403 404 403
      GET  /manage/sites/{key}/fieldwork/participants/new /manage/sites/{A}/fieldwork/participants/new 302 403 200 200 403
      POST /manage/sites/{key}/fieldwork/participants /manage/sites/{A}/fieldwork/participants 302 403 422 422 403
      GET  /manage/sites/{key}/fieldwork/participants/{id} /manage/sites/{A}/fieldwork/participants/{X} 302 403 404 404 403
      POST /manage/sites/{key}/fieldwork/participants/{id}/consents /manage/sites/{A}/fieldwork/participants/{X}/consents 302 403 404 404 403
      GET  /manage/sites/{key}/fieldwork/participants/{id}/withdraw /manage/sites/{A}/fieldwork/participants/{X}/withdraw 302 403 403 404 403
      POST /manage/sites/{key}/fieldwork/participants/{id}/withdraw /manage/sites/{A}/fieldwork/participants/{X}/withdraw 302 403 403 404 403
      GET  /manage/sites/{key}/fieldwork/sources/new /manage/sites/{A}/fieldwork/sources/new 302 403 200 200 403
      POST /manage/sites/{key}/fieldwork/sources    /manage/sites/{A}/fieldwork/sources 302 403 422 422 403
      GET  /manage/sites/{key}/fieldwork/sources/{id} /manage/sites/{A}/fieldwork/sources/{X} 302 403 404 404 403
      GET  /manage/sites/{key}/fieldwork/sources/{id}/correct /manage/sites/{A}/fieldwork/sources/{X}/correct 302 403 404 404 403
      POST /manage/sites/{key}/fieldwork/sources/{id}/correct /manage/sites/{A}/fieldwork/sources/{X}/correct 302 403 404 404 403
      POST /manage/sites/{key}/fieldwork/diary/draft /manage/sites/{A}/fieldwork/diary/draft 302 403 200 200 403
      POST /manage/sites/{key}/fieldwork/diary/draft/discard /manage/sites/{A}/fieldwork/diary/draft/discard 302 403 302 302 403
      POST /manage/sites/{key}/fieldwork/diary/sealed /manage/sites/{A}/fieldwork/diary/sealed?id={X}&keyId=x 302 403 400 400 403
      POST /manage/sites/{key}/fieldwork/diary/sealed/file /manage/sites/{A}/fieldwork/diary/sealed/file 302 403 403 409 403
      GET  /manage/sites/{key}/safety               /manage/sites/{A}/safety            302 403 200 200 403
      POST /manage/sites/{key}/safety/check-in      /manage/sites/{A}/safety/check-in   302 403 302 302 403
      POST /manage/sites/{key}/safety/extend        /manage/sites/{A}/safety/extend     302 403 422 422 403
      POST /manage/sites/{key}/safety/check-out     /manage/sites/{A}/safety/check-out  302 403 302 302 403
      POST /manage/sites/{key}/safety/panic         /manage/sites/{A}/safety/panic      302 403 302 302 403
      POST /manage/sites/{key}/safety/duress-pin    /manage/sites/{A}/safety/duress-pin 302 403 302 302 403
      GET  /manage/sites/{key}/safety/protocol      /manage/sites/{A}/safety/protocol   302 403 403 200 403
      POST /manage/sites/{key}/safety/protocol      /manage/sites/{A}/safety/protocol   302 403 403 302 403
      GET  /manage/sites/{key}/safety/dashboard     /manage/sites/{A}/safety/dashboard  302 403 403 200 403
      POST /manage/sites/{key}/safety/alerts/{alert}/acknowledge /manage/sites/{A}/safety/alerts/{X}/acknowledge 302 403 403 404 403
      POST /manage/sites/{key}/safety/alerts/{alert}/resolve /manage/sites/{A}/safety/alerts/{X}/resolve 302 403 403 404 403
      GET  /manage/sites/{key}/fieldwork/sources/{id}/deidentify /manage/sites/{A}/fieldwork/sources/{X}/deidentify 302 403 403 404 403
      POST /manage/sites/{key}/fieldwork/sources/{id}/deidentify /manage/sites/{A}/fieldwork/sources/{X}/deidentify 302 403 403 404 403
      POST /manage/sites/{key}/fieldwork/sources/{id}/gazetteer /manage/sites/{A}/fieldwork/sources/{X}/gazetteer 302 403 403 404 403
      GET  /manage/sites/{key}/fieldwork/gazetteer  /manage/sites/{A}/fieldwork/gazetteer 302 403 403 409 403
      POST /manage/sites/{key}/fieldwork/gazetteer  /manage/sites/{A}/fieldwork/gazetteer 302 403 403 409 403
      POST /manage/sites/{key}/fieldwork/gazetteer/delete /manage/sites/{A}/fieldwork/gazetteer/delete 302 403 403 409 403
      GET  /manage/sites/{key}/analysis             /manage/sites/{A}/analysis          302 403 200 200 403
      GET  /manage/sites/{key}/analysis/codes       /manage/sites/{A}/analysis/codes    302 403 200 200 403
      GET  /manage/sites/{key}/analysis/codes/new   /manage/sites/{A}/analysis/codes/new 302 403 403 200 403
      POST /manage/sites/{key}/analysis/codes       /manage/sites/{A}/analysis/codes    302 403 403 422 403
      GET  /manage/sites/{key}/analysis/codes/{id}  /manage/sites/{A}/analysis/codes/{X} 302 403 404 404 403
      GET  /manage/sites/{key}/analysis/codes/{id}/edit /manage/sites/{A}/analysis/codes/{X}/edit 302 403 403 404 403
      POST /manage/sites/{key}/analysis/codes/{id}  /manage/sites/{A}/analysis/codes/{X} 302 403 403 404 403
      POST /manage/sites/{key}/analysis/codes/{id}/delete /manage/sites/{A}/analysis/codes/{X}/delete 302 403 403 404 403
      POST /manage/sites/{key}/analysis/codes/{id}/merge /manage/sites/{A}/analysis/codes/{X}/merge 302 403 403 404 403
      GET  /manage/sites/{key}/analysis/codebook.qdc /manage/sites/{A}/analysis/codebook.qdc 302 403 200 200 403
      POST /manage/sites/{key}/analysis/codebook    /manage/sites/{A}/analysis/codebook 302 403 403 400 403
      GET  /manage/sites/{key}/analysis/qdpx        /manage/sites/{A}/analysis/qdpx     302 403 403 200 403
      POST /manage/sites/{key}/analysis/qdpx/check  /manage/sites/{A}/analysis/qdpx/check 302 403 403 400 403
      POST /manage/sites/{key}/analysis/qdpx/import /manage/sites/{A}/analysis/qdpx/import 302 403 403 400 403
      GET  /manage/sites/{key}/analysis/analysis.qdpx /manage/sites/{A}/analysis/analysis.qdpx 302 403 403 200 403
      GET  /manage/sites/{key}/analysis/sources/{id} /manage/sites/{A}/analysis/sources/{X} 302 403 404 404 403
      POST /manage/sites/{key}/analysis/sources/{id}/codings /manage/sites/{A}/analysis/sources/{X}/codings 302 403 404 404 403
      POST /manage/sites/{key}/analysis/sources/{id}/codings/{coding}/delete /manage/sites/{A}/analysis/sources/{X}/codings/{X}/delete 302 403 404 404 403
      POST /manage/sites/{key}/analysis/codings/{coding}/evidence /manage/sites/{A}/analysis/codings/{X}/evidence 302 403 403 404 403
      GET  /manage/sites/{key}/analysis/agreement   /manage/sites/{A}/analysis/agreement 302 403 403 200 403
      GET  /manage/sites/{key}/analysis/agreement.csv /manage/sites/{A}/analysis/agreement.csv?a={X}&b={X} 401 403 403 400 403
      POST /manage/sites/{key}/agenda/issues/{id}/evidence/{coding}/quote /manage/sites/{A}/agenda/issues/{X}/evidence/{X}/quote 302 403 403 404 403
      POST /manage/sites/{key}/agenda/issues/{id}/evidence/{coding}/delete /manage/sites/{A}/agenda/issues/{X}/evidence/{X}/delete 302 403 403 404 403
      GET  /manage/sites/{key}/analysis/queries     /manage/sites/{A}/analysis/queries  302 403 200 200 403
      GET  /manage/sites/{key}/analysis/queries/matrix /manage/sites/{A}/analysis/queries/matrix 302 403 200 200 403
      GET  /manage/sites/{key}/analysis/queries/cooccurrence /manage/sites/{A}/analysis/queries/cooccurrence 302 403 200 200 403
      GET  /manage/sites/{key}/analysis/queries/frequency.csv /manage/sites/{A}/analysis/queries/frequency.csv 401 403 200 200 403
      GET  /manage/sites/{key}/analysis/queries/matrix.csv /manage/sites/{A}/analysis/queries/matrix.csv 401 403 200 200 403
      GET  /manage/sites/{key}/analysis/queries/cooccurrence.csv /manage/sites/{A}/analysis/queries/cooccurrence.csv 401 403 200 200 403
      GET  /manage/sites/{key}/analysis/queries/quotes /manage/sites/{A}/analysis/queries/quotes?query=frequency&column=all&code={X} 302 403 404 404 403
      GET  /manage/sites/{key}/analysis/queries/search /manage/sites/{A}/analysis/queries/search 302 403 200 200 403
      POST /manage/sites/{key}/analysis/queries/search /manage/sites/{A}/analysis/queries/search 302 403 200 200 403
      GET  /manage/sites/{key}/analysis/memos/{kind}/{target} /manage/sites/{A}/analysis/memos/code/{X} 302 403 404 404 403
      POST /manage/sites/{key}/analysis/memos/{kind}/{target} /manage/sites/{A}/analysis/memos/code/{X} 302 403 404 404 403
      GET  /manage/sites/{key}/analysis/memos/{kind}/{target}/{memo} /manage/sites/{A}/analysis/memos/code/{X}/{X} 302 403 404 404 403
      POST /manage/sites/{key}/analysis/memos/{kind}/{target}/{memo} /manage/sites/{A}/analysis/memos/code/{X}/{X} 302 403 404 404 403
      POST /manage/sites/{key}/analysis/memos/{kind}/{target}/{memo}/delete /manage/sites/{A}/analysis/memos/code/{X}/{X}/delete 302 403 404 404 403
      POST /manage/sites/{key}/analysis/queries/search/code /manage/sites/{A}/analysis/queries/search/code 302 403 404 404 403
      GET  /manage/sites/{key}/prioritisation       /manage/sites/{A}/prioritisation    302 403 403 200 403
      POST /manage/sites/{key}/prioritisation       /manage/sites/{A}/prioritisation    302 403 403 422 403
      GET  /manage/sites/{key}/prioritisation/{id}  /manage/sites/{A}/prioritisation/{X} 302 403 403 404 403
      POST /manage/sites/{key}/prioritisation/{id}/open /manage/sites/{A}/prioritisation/{X}/open 302 403 403 404 403
      POST /manage/sites/{key}/prioritisation/{id}/close /manage/sites/{A}/prioritisation/{X}/close 302 403 403 404 403
      POST /manage/sites/{key}/prioritisation/{id}/codes /manage/sites/{A}/prioritisation/{X}/codes 302 403 403 404 403
      GET  /manage/sites/{key}/prioritisation/{id}/ballot /manage/sites/{A}/prioritisation/{X}/ballot 302 403 403 404 403
      POST /manage/sites/{key}/prioritisation/{id}/ballots /manage/sites/{A}/prioritisation/{X}/ballots 302 403 403 404 403
      POST /manage/sites/{key}/prioritisation/{id}/apply /manage/sites/{A}/prioritisation/{X}/apply 302 403 403 404 403
      GET  /vote                                    /vote                               200 200 200 200 200
      POST /vote                                    /vote                               422 422 422 422 422
      POST /vote/ballot                             /vote/ballot                        422 422 422 422 422
      GET  /national-agenda                         /national-agenda                    200 200 200 200 200
      GET  /national-agenda.pdf                     /national-agenda.pdf?version=999999 404 404 404 404 404
      GET  /api/v1/national-agenda                  /api/v1/national-agenda?version=999999 404 404 404 404 404
      GET  /admin/national-agenda                   /admin/national-agenda              302 403 403 403 200
      GET  /admin/national-agenda/threads/new       /admin/national-agenda/threads/new  302 403 403 403 200
      POST /admin/national-agenda/threads           /admin/national-agenda/threads      302 403 403 403 422
      GET  /admin/national-agenda/threads/{id}/edit /admin/national-agenda/threads/{X}/edit 302 403 403 403 404
      POST /admin/national-agenda/threads/{id}      /admin/national-agenda/threads/{X}  302 403 403 403 422
      POST /admin/national-agenda/threads/{id}/move /admin/national-agenda/threads/{X}/move 302 403 403 403 404
      POST /admin/national-agenda/threads/{id}/delete /admin/national-agenda/threads/{X}/delete 302 403 403 403 404
      GET  /admin/national-agenda/statements/new    /admin/national-agenda/statements/new?kind=principle 302 403 403 403 200
      POST /admin/national-agenda/statements        /admin/national-agenda/statements   302 403 403 403 422
      GET  /admin/national-agenda/statements/{id}/edit /admin/national-agenda/statements/{X}/edit 302 403 403 403 404
      POST /admin/national-agenda/statements/{id}   /admin/national-agenda/statements/{X} 302 403 403 403 422
      POST /admin/national-agenda/statements/{id}/delete /admin/national-agenda/statements/{X}/delete 302 403 403 403 404
      POST /admin/national-agenda/draft             /admin/national-agenda/draft        302 403 403 403 409
      POST /admin/national-agenda/draft/publish     /admin/national-agenda/draft/publish 302 403 403 403 400
      POST /admin/national-agenda/draft/discard     /admin/national-agenda/draft/discard 302 403 403 403 302
      GET  /manage/sites/{key}/validation           /manage/sites/{A}/validation        302 403 403 200 403
      POST /manage/sites/{key}/validation           /manage/sites/{A}/validation        302 403 403 422 403
      GET  /manage/sites/{key}/validation/{id}      /manage/sites/{A}/validation/{X}    302 403 403 404 403
      POST /manage/sites/{key}/validation/{id}/close /manage/sites/{A}/validation/{X}/close 302 403 403 404 403
      POST /manage/sites/{key}/validation/{id}/codes /manage/sites/{A}/validation/{X}/codes 302 403 403 404 403
      GET  /manage/sites/{key}/validation/{id}/sheet /manage/sites/{A}/validation/{X}/sheet 302 403 403 404 403
      POST /manage/sites/{key}/validation/{id}/sheet /manage/sites/{A}/validation/{X}/sheet 302 403 403 404 403
      POST /manage/sites/{key}/validation/{id}/comments/{comment}/answer /manage/sites/{A}/validation/{X}/comments/{X}/answer 302 403 403 404 403
      GET  /validate                                /validate                           200 200 200 200 200
      POST /validate                                /validate                           422 422 422 422 422
      POST /validate/comments                       /validate/comments                  422 422 422 422 422
      GET  /manage/sites/{key}/engagement           /manage/sites/{A}/engagement        302 403 200 200 403
      POST /manage/sites/{key}/engagement           /manage/sites/{A}/engagement        302 403 403 422 403
      POST /manage/sites/{key}/engagement/{id}/delete /manage/sites/{A}/engagement/{X}/delete 302 403 403 404 403
      GET  /sites/{key}/engagement                  /sites/tijuana/engagement           200 200 200 200 200
      GET  /api/v1/sites/{key}/engagement           /api/v1/sites/tijuana/engagement    200 200 200 200 200
      GET  /actuator/**                             /actuator                           404 404 404 404 404
      GET  /actuator/**                             /actuator/health                    404 404 404 404 404
      GET  /actuator/**                             /actuator/health/liveness           404 404 404 404 404
      GET  /actuator/**                             /actuator/prometheus                404 404 404 404 404
      GET  /actuator/**                             /actuator/env                       404 404 404 404 404
      GET  /manage/sites/{key}/observatory          /manage/sites/{A}/observatory       302 403 403 200 403
      POST /manage/sites/{key}/observatory/digest   /manage/sites/{A}/observatory/digest 302 403 403 302 403
      GET  /manage/sites/{key}/observatory/institutions /manage/sites/{A}/observatory/institutions 302 403 403 200 403
      POST /manage/sites/{key}/observatory/institutions /manage/sites/{A}/observatory/institutions 302 403 403 422 403
      GET  /manage/sites/{key}/observatory/institutions/{id} /manage/sites/{A}/observatory/institutions/{X} 302 403 403 404 403
      POST /manage/sites/{key}/observatory/institutions/{id} /manage/sites/{A}/observatory/institutions/{X} 302 403 403 404 403
      GET  /manage/sites/{key}/observatory/recommendations/new /manage/sites/{A}/observatory/recommendations/new 302 403 403 200 403
      POST /manage/sites/{key}/observatory/recommendations /manage/sites/{A}/observatory/recommendations 302 403 403 422 403
      GET  /manage/sites/{key}/observatory/recommendations/{id} /manage/sites/{A}/observatory/recommendations/{X} 302 403 403 404 403
      POST /manage/sites/{key}/observatory/recommendations/{id}/updates /manage/sites/{A}/observatory/recommendations/{X}/updates 302 403 403 404 403
      POST /manage/sites/{key}/observatory/recommendations/{id}/updates/{update}/evidence /manage/sites/{A}/observatory/recommendations/{X}/updates/{X}/evidence 302 403 403 404 403
      GET  /manage/sites/{key}/observatory/recommendations/{id}/updates/{update}/file /manage/sites/{A}/observatory/recommendations/{X}/updates/{X}/file 302 403 403 404 403
      GET  /manage/sites/{key}/observatory/sessions /manage/sites/{A}/observatory/sessions 302 403 403 200 403
      POST /manage/sites/{key}/observatory/sessions /manage/sites/{A}/observatory/sessions 302 403 403 422 403
      GET  /manage/sites/{key}/observatory/sessions/{id} /manage/sites/{A}/observatory/sessions/{X} 302 403 403 404 403
      POST /manage/sites/{key}/observatory/sessions/{id}/commitments /manage/sites/{A}/observatory/sessions/{X}/commitments 302 403 403 404 403
      POST /manage/sites/{key}/observatory/sessions/{id}/commitments/{commitment}/fulfilled /manage/sites/{A}/observatory/sessions/{X}/commitments/{X}/fulfilled 302 403 403 404 403
      GET  /manage/sites/{key}/observatory/recommendations/{id}/edit /manage/sites/{A}/observatory/recommendations/{X}/edit 302 403 403 404 403
      POST /manage/sites/{key}/observatory/recommendations/{id} /manage/sites/{A}/observatory/recommendations/{X} 302 403 403 404 403
      POST /manage/sites/{key}/observatory/recommendations/{id}/withdraw /manage/sites/{A}/observatory/recommendations/{X}/withdraw 302 403 403 404 403
      GET  /manage/sites/{key}/observatory/recommendations/{id}/updates/{update}/correct /manage/sites/{A}/observatory/recommendations/{X}/updates/{X}/correct 302 403 403 404 403
      POST /manage/sites/{key}/observatory/recommendations/{id}/updates/{update}/correction /manage/sites/{A}/observatory/recommendations/{X}/updates/{X}/correction 302 403 403 404 403
      GET  /manage/sites/{key}/observatory/sessions/{id}/edit /manage/sites/{A}/observatory/sessions/{X}/edit 302 403 403 404 403
      POST /manage/sites/{key}/observatory/sessions/{id} /manage/sites/{A}/observatory/sessions/{X} 302 403 403 404 403
      GET  /manage/sites/{key}/observatory/sessions/{id}/commitments/{commitment}/edit /manage/sites/{A}/observatory/sessions/{X}/commitments/{X}/edit 302 403 403 404 403
      POST /manage/sites/{key}/observatory/sessions/{id}/commitments/{commitment} /manage/sites/{A}/observatory/sessions/{X}/commitments/{X} 302 403 403 404 403
      POST /manage/sites/{key}/observatory/sessions/{id}/commitments/{commitment}/withdrawn /manage/sites/{A}/observatory/sessions/{X}/commitments/{X}/withdrawn 302 403 403 404 403
      """;

  /**
   * Addresses that must not exist on the main port (the actuator lives on the management port,
   * bound to loopback): their rows expect 404 for everyone, and no route may match them.
   */
  private static final String ABSENT = "/actuator/**";

  /** Form fields sent with a route, by pattern. */
  private static final Map<String, Map<String, String>> FORMS =
      Map.ofEntries(
          Map.entry("/setup", Map.of("token", "x")),
          Map.entry("/account/password", Map.of("current", "wrong")),
          Map.entry("/admin/users", Map.of("username", "x")),
          Map.entry(
              "/admin/users/{id}/memberships", Map.of("site", "tijuana", "role", "researcher")),
          Map.entry("/admin/users/{id}/enabled", Map.of("enabled", "true")),
          Map.entry("/admin/sites", Map.of("key", "x", "inegiCode", "00000")),
          Map.entry("/admin/sites/{key}", Map.of("inegiCode", "00000")),
          Map.entry("/admin/sites/{key}/suspend", Map.of("reasonEn", "no Spanish reason")),
          Map.entry("/manage/sites/{key}/agenda/draft/participants", Map.of("participants", "3")),
          Map.entry("/manage/sites/{key}/prioritisation/{id}/codes", Map.of("count", "3")),
          Map.entry("/vote/ballot", Map.of("code", "AAAA-AAAA-AAAA-AAAA", "group", "women")),
          Map.entry("/manage/sites/{key}/agenda/draft/note", Map.of("noteEs", "Por qué")),
          Map.entry("/manage/sites/{key}/validation/{id}/codes", Map.of("count", "3")),
          Map.entry(
              "/manage/sites/{key}/validation/{id}/comments/{comment}/answer",
              Map.of("answer", "accepted")),
          Map.entry("/validate/comments", Map.of("code", "AAAA-AAAA-AAAA-AAAA", "group", "women")),
          Map.entry(
              "/manage/sites/{key}/safety/check-in", Map.of("where", "x", "returnAt", "23:59")),
          Map.entry(
              "/manage/sites/{key}/safety/duress-pin",
              Map.of("checkoutPin", "1357", "pin", "2468")),
          Map.entry(
              "/manage/sites/{key}/agenda/issues/{id}",
              Map.of("titleEs", "t", "titleEn", "t", "domains", "personal")),
          Map.entry("/manage/sites/{key}/agenda/issues/{id}/move", Map.of("direction", "up")),
          Map.entry("/admin/national-agenda/threads/{id}/move", Map.of("direction", "up")),
          Map.entry(
              "/manage/sites/{key}/agenda/proposals/{id}",
              Map.of("addressee", "authorities", "textEs", "t", "textEn", "t", "issues", "{X}")),
          Map.entry("/manage/sites/{key}/agenda/proposals/{id}/move", Map.of("direction", "down")),
          Map.entry(
              "/manage/sites/{key}/vault/key-pair", Map.of("passphrase", "a long passphrase")),
          Map.entry(
              "/manage/sites/{key}/vault/recovery-key/confirm",
              Map.of("first", "ABCD", "second", "EFGH")),
          Map.entry(
              "/manage/sites/{key}/vault/passphrase",
              Map.of("passphrase", "a long passphrase", "confirmation", "a long passphrase")),
          Map.entry(
              "/manage/sites/{key}/fieldwork/sources/{id}/gazetteer",
              Map.of("term", "calle Uno", "kind", "STREET")),
          Map.entry(
              "/manage/sites/{key}/fieldwork/gazetteer",
              Map.of("term", "calle Uno", "kind", "STREET")),
          Map.entry("/manage/sites/{key}/fieldwork/gazetteer/delete", Map.of("term", "calle Uno")),
          Map.entry("/manage/sites/{key}/analysis/codes/{id}/merge", Map.of("into", "{X}")),
          Map.entry(
              "/manage/sites/{key}/analysis/codings/{coding}/evidence", Map.of("issue", "{X}")),
          Map.entry(
              "/manage/sites/{key}/analysis/codes/{id}",
              Map.of("nameEs", "Uno", "nameEn", "One", "colour", "#123456")),
          Map.entry("/manage/sites/{key}/analysis/queries/search", Map.of("q", "robo")),
          Map.entry("/manage/sites/{key}/analysis/memos/{kind}/{target}", Map.of("text", "x")),
          Map.entry(
              "/manage/sites/{key}/analysis/memos/{kind}/{target}/{memo}", Map.of("text", "x")),
          Map.entry(
              "/manage/sites/{key}/analysis/queries/search/code",
              Map.of("q", "robo", "code", "{X}")),
          Map.entry(
              "/manage/sites/{key}/analysis/sources/{id}/codings",
              Map.of("turn", "1", "start", "0", "end", "1", "codes", "{X}")),
          Map.entry(
              "/manage/sites/{key}/fieldwork/sources/{id}/correct",
              Map.of("title", "t", "day", "2026-01-01", "text", "t")));

  List<Row> matrix() {
    String missing = UUID.randomUUID().toString();
    List<Row> rows = new ArrayList<>();
    for (String line : MATRIX.strip().split("\n")) {
      String[] c = line.trim().split("\\s+");
      int[] expected = new int[Who.values().length];
      for (int i = 0; i < expected.length; i++) {
        expected[i] = Integer.parseInt(c[3 + i]);
      }
      Map<String, String> form = new java.util.HashMap<>(FORMS.getOrDefault(c[1], Map.of()));
      form.replaceAll((k, v) -> v.replace("{X}", missing));
      String path =
          c[2].replace("{A}", withDraft.key())
              .replace("{B}", withoutDraft.key())
              .replace("{X}", missing)
              .replace("{U}", target.id().toString());
      rows.add(new Row(c[0], c[1], path, form, expected));
    }
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
    covered.remove("GET " + ABSENT);
    assertThat(routes).noneMatch(r -> r.contains(" /actuator"));
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
