package org.tejido.participation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.tejido.agenda.AgendaEditing;
import org.tejido.agenda.Agendas;
import org.tejido.agenda.IssueInput;
import org.tejido.identity.SiteRole;
import org.tejido.participation.internal.VoteCodes;
import org.tejido.shared.BadRequest;
import org.tejido.shared.Conflict;
import org.tejido.shared.NotFound;
import org.tejido.sites.Site;
import org.tejido.support.Fixtures;
import org.tejido.support.Fixtures.Person;
import org.tejido.support.LogicalDump;
import org.tejido.support.TejidoTest;

/** Sessions, codes and votes against the real database and the real pages. */
@TejidoTest
class PrioritisationSessionsTest {

  @Autowired Fixtures fixtures;
  @Autowired PrioritisationSessions sessions;
  @Autowired ResidentVoting voting;
  @Autowired ParticipationProperties properties;
  @Autowired AgendaEditing editing;
  @Autowired Agendas agendas;
  @Autowired JdbcClient jdbc;
  @Autowired MockMvc mvc;
  @Autowired DataSource dataSource;

  private Site site;
  private Person coordinator;

  @BeforeEach
  void draftWithThreeSpokenIssuesAndASilencedOne() {
    site = fixtures.freshSite();
    coordinator = fixtures.withRole(site.key(), SiteRole.COORDINATOR);
    fixtures.actAs(coordinator);
    editing.startDraft(site);
    for (String t : List.of("Alumbrado", "Robos", "Transporte")) {
      editing.addIssue(
          site, new IssueInput(t, t + " (en)", null, null, List.of("personal"), false));
    }
    editing.addIssue(
        site, new IssueInput("Extorsión", "Extortion", null, null, List.of("personal"), true));
  }

  @AfterEach
  void nobody() {
    fixtures.actAsNobody();
  }

  private UUID openDots(int dots) {
    UUID id =
        sessions.create(
            site, "Taller", VotingMethod.DOTS, dots, PrioritisationSessions.Source.DRAFT);
    sessions.open(site, id);
    return id;
  }

  private List<String> refs(UUID session) {
    return sessions.get(site, session).issues().stream()
        .map(PrioritisationSession.Issue::ref)
        .toList();
  }

  @Test
  void aSessionPutsTheSpokenIssuesToTheVoteAndNeverASilencedOne() {
    UUID id = openDots(5);
    PrioritisationSession session = sessions.get(site, id);
    assertThat(session.issues())
        .extracting(i -> i.title().es())
        .containsExactly("Alumbrado", "Robos", "Transporte");
  }

  @Test
  void aCodeVotesOnceAndAUsedCodeGetsTheSameAnswerAsAWrongOne() {
    UUID id = openDots(5);
    String code = sessions.generateCodes(site, id, 1).get(0);
    Ballot ballot = new Ballot(VoterGroup.WOMEN, Map.of(refs(id).get(1), 5));
    fixtures.actAsNobody();

    voting.cast(code.toLowerCase(), ballot, "198.51.100.1");

    BadRequest used = catchBadRequest(() -> voting.cast(code, ballot, "198.51.100.1"));
    BadRequest wrong =
        catchBadRequest(() -> voting.cast("AAAA-AAAA-AAAA-AAAA", ballot, "198.51.100.1"));
    assertThat(used.code()).isEqualTo("vote.code.invalid").isEqualTo(wrong.code());
    fixtures.actAs(coordinator);
    assertThat(sessions.results(site, id).totalVoters()).isEqualTo(1);
    assertThat(sessions.codeCounts(site, id))
        .isEqualTo(new PrioritisationSessions.CodeCounts(1, 1));
  }

  @Test
  void twoSubmitsAtOnceWithOneCodeCastOneVote() throws Exception {
    UUID id = openDots(5);
    List<String> codes = sessions.generateCodes(site, id, 25);
    String ref = refs(id).get(0);
    fixtures.actAsNobody();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    AtomicInteger accepted = new AtomicInteger();
    try {
      for (String code : codes) {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> both = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
          both.add(
              pool.submit(
                  () -> {
                    start.await();
                    try {
                      voting.cast(code, new Ballot(VoterGroup.YOUTH, Map.of(ref, 1)), "x");
                      accepted.incrementAndGet();
                    } catch (BadRequest refused) {
                      assertThat(refused.code()).isEqualTo("vote.code.invalid");
                    }
                    return null;
                  }));
        }
        start.countDown();
        for (Future<?> f : both) {
          f.get();
        }
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(accepted).hasValue(25);
    assertThat(
            jdbc.sql("select count(*) from prioritisation_ballot where session_id = ?")
                .param(id)
                .query(Integer.class)
                .single())
        .isEqualTo(25);
  }

  @Test
  void codesCarryEightyRandomBitsInTypableGroupsAndAreStoredOnlyAsDigests() throws Exception {
    assertThat(VoteCodes.BITS).isGreaterThanOrEqualTo(64);
    Set<String> seen = new HashSet<>();
    int[][] counts = new int[VoteCodes.LENGTH][32];
    String alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    for (int i = 0; i < 32_000; i++) {
      String code = VoteCodes.generate();
      assertThat(code).matches("[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}");
      assertThat(seen.add(code)).isTrue();
      String bare = code.replace("-", "");
      for (int p = 0; p < bare.length(); p++) {
        counts[p][alphabet.indexOf(bare.charAt(p))]++;
      }
    }
    // Each of the 32 symbols, at each place, about 1,000 times out of 32,000: never far from it.
    for (int[] place : counts) {
      for (int n : place) {
        assertThat(n).isBetween(800, 1200);
      }
    }
    // Misread letters are read as what they look like.
    assertThat(VoteCodes.normalise("o1il-2345-6789-abcd"))
        .isEqualTo("0111234567 89ABCD".replace(" ", ""));

    UUID id = openDots(3);
    List<String> codes = sessions.generateCodes(site, id, 3);
    LogicalDump dump = LogicalDump.of(dataSource);
    for (String code : codes) {
      assertThat(dump.contains(code)).isFalse();
      assertThat(dump.contains(code.replace("-", ""))).isFalse();
      byte[] expected =
          MessageDigest.getInstance("SHA-256")
              .digest(("tejido.vote-code\0" + code.replace("-", "")).getBytes("US-ASCII"));
      assertThat(
              jdbc.sql(
                      "select count(*) from prioritisation_code where digest = ? and session_id = ?")
                  .params(expected, id)
                  .query(Integer.class)
                  .single())
          .isEqualTo(1);
    }
  }

  @Test
  void wrongCodesFromOneAddressAreHeldBackWhileOtherAddressesVote() {
    UUID id = openDots(5);
    String code = sessions.generateCodes(site, id, 1).get(0);
    String ref = refs(id).get(0);
    fixtures.actAsNobody();
    String guesser = "203.0.113." + (int) (Math.random() * 200);
    for (int i = 0; i < properties.codeFailures(); i++) {
      assertThat(catchBadRequest(() -> voting.ballotFor(VoteCodes.generate(), guesser)).code())
          .isEqualTo("vote.code.invalid");
    }
    assertThatThrownBy(() -> voting.ballotFor(VoteCodes.generate(), guesser))
        .isInstanceOf(ResidentVoting.Wait.class);
    // Even the right code waits from there: the throttle does not tell which guess was right.
    assertThatThrownBy(() -> voting.ballotFor(code, guesser))
        .isInstanceOf(ResidentVoting.Wait.class);
    voting.cast(code, new Ballot(VoterGroup.ELDERLY, Map.of(ref, 2)), "192.0.2.77");
  }

  @Test
  void aClosedSessionSaysSoAndTakesNoMoreVotes() {
    UUID id = openDots(5);
    String code = sessions.generateCodes(site, id, 1).get(0);
    sessions.close(site, id);
    String ref = refs(id).get(0);
    fixtures.actAsNobody();
    assertThatThrownBy(
            () -> voting.cast(code, new Ballot(VoterGroup.WOMEN, Map.of(ref, 1)), "192.0.2.8"))
        .isInstanceOf(Conflict.class)
        .hasMessage("vote.session.closed");
  }

  @Test
  void theResultOrdersTheDraftsIssuesAndIsAudited() {
    UUID id = openDots(5);
    List<String> refs = refs(id);
    sessions.enterBallot(site, id, new Ballot(VoterGroup.WOMEN, Map.of(refs.get(2), 4)));
    sessions.enterBallot(
        site, id, new Ballot(VoterGroup.ADULT_MEN, Map.of(refs.get(1), 2, refs.get(2), 1)));
    sessions.close(site, id);
    sessions.applyToAgenda(site, id);

    var draft = agendas.draftWithoutSilencedForTeam(site).orElseThrow();
    assertThat(draft.spokenIssues())
        .extracting(i -> i.title().es())
        .containsExactly("Transporte", "Robos", "Alumbrado");
    assertThat(
            jdbc.sql(
                    "select action from audit_entry where site_id = ? and action in"
                        + " ('agenda.issues.prioritised', 'participation.result.applied')")
                .param(site.id().value())
                .query(String.class)
                .list())
        .containsExactlyInAnyOrder("agenda.issues.prioritised", "participation.result.applied");
  }

  @Test
  void anotherSitesSessionIsNotFound() throws Exception {
    UUID id = openDots(5);
    Site other = fixtures.freshSite();
    Person otherCoordinator = fixtures.withRole(other.key(), SiteRole.COORDINATOR);
    fixtures.actAs(otherCoordinator);
    assertThatThrownBy(() -> sessions.get(other, id)).isInstanceOf(NotFound.class);
    fixtures.actAsNobody();
    MockHttpSession session = fixtures.signIn(mvc, otherCoordinator);
    assertThat(
            mvc.perform(
                    get("/manage/sites/" + other.key() + "/prioritisation/" + id)
                        .session(session)
                        .accept("text/html"))
                .andReturn()
                .getResponse()
                .getStatus())
        .isEqualTo(404);
  }

  @Test
  void aResidentVotesOnThePagesAndNothingAboutHerIsStored() throws Exception {
    UUID id = openDots(5);
    String code = sessions.generateCodes(site, id, 1).get(0);
    String ref = refs(id).get(0);
    fixtures.actAsNobody();
    String agent = "Mozilla/5.0 (Linux; Android 14; Resident-" + UUID.randomUUID() + ")";

    MockHttpServletResponse withoutToken =
        mvc.perform(post("/vote/ballot").param("code", code)).andReturn().getResponse();
    assertThat(withoutToken.getStatus()).isEqualTo(403);

    MockHttpServletResponse ballotPage =
        mvc.perform(post("/vote").with(csrf()).param("code", code).header("Accept-Language", "en"))
            .andReturn()
            .getResponse();
    assertThat(ballotPage.getStatus()).isEqualTo(200);
    assertThat(ballotPage.getContentAsString()).contains("Robos (en)", "You have 5 dots");

    MockHttpServletResponse voted =
        mvc.perform(
                post("/vote/ballot")
                    .with(csrf())
                    .with(
                        r -> {
                          r.setRemoteAddr("203.0.113.219");
                          return r;
                        })
                    .header("User-Agent", agent)
                    .param("code", code)
                    .param("group", "elderly")
                    .param("mark." + ref, "3"))
            .andReturn()
            .getResponse();
    assertThat(voted.getStatus()).isEqualTo(200);

    MockHttpServletResponse again =
        mvc.perform(
                post("/vote/ballot")
                    .with(csrf())
                    .header("Accept-Language", "en")
                    .param("code", code)
                    .param("group", "elderly")
                    .param("mark." + ref, "3"))
            .andReturn()
            .getResponse();
    MockHttpServletResponse wrong =
        mvc.perform(
                post("/vote/ballot")
                    .with(csrf())
                    .header("Accept-Language", "en")
                    .param("code", "ZZZZ-ZZZZ-ZZZZ-ZZZZ")
                    .param("group", "elderly")
                    .param("mark." + ref, "3"))
            .andReturn()
            .getResponse();
    assertThat(again.getStatus()).isEqualTo(422).isEqualTo(wrong.getStatus());
    // The same page, but for the form's CSRF token, which is masked afresh on every page.
    assertThat(withoutCsrfToken(again.getContentAsString()))
        .isEqualTo(withoutCsrfToken(wrong.getContentAsString()))
        .contains("This code cannot vote");

    assertThat(columns("prioritisation_ballot"))
        .containsExactlyInAnyOrder("id", "session_id", "population_group", "channel");
    assertThat(columns("prioritisation_mark"))
        .containsExactlyInAnyOrder("ballot_id", "ref", "value");
    assertThat(columns("prioritisation_code"))
        .containsExactlyInAnyOrder("digest", "session_id", "used");
    LogicalDump dump = LogicalDump.of(dataSource);
    assertThat(dump.contains(agent)).isFalse();
    assertThat(dump.contains("203.0.113.219")).isFalse();
    assertThat(dump.contains(code)).isFalse();
  }

  private static String withoutCsrfToken(String page) {
    return page.replaceAll("name=\"_csrf\" value=\"[^\"]*\"", "");
  }

  private List<String> columns(String table) {
    return jdbc.sql("select column_name from information_schema.columns where table_name = ?")
        .param(table)
        .query(String.class)
        .list();
  }

  private static BadRequest catchBadRequest(Runnable call) {
    try {
      call.run();
    } catch (BadRequest e) {
      return e;
    }
    throw new AssertionError("expected a refusal");
  }
}
