package org.tejido.fieldwork;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.tejido.audit.AuditEntry;
import org.tejido.audit.AuditLog;
import org.tejido.identity.SiteRole;
import org.tejido.sites.Site;
import org.tejido.support.Fixtures;
import org.tejido.support.Fixtures.Person;
import org.tejido.support.TejidoTest;
import org.tejido.vault.Vaults;

/**
 * "Ready for analysis" is earned: a reviewer confirms they read the whole text, decisions survive a
 * refusal and an added term, and a source that a term added later to the gazetteer appears in is
 * flagged for another review, its de-identified text hidden from community researchers meanwhile.
 */
@TejidoTest
class ReviewIsEarnedTest {

  private static final String PASSPHRASE = "la frase larga de la coordinadora";
  private static final String NEIGHBOUR = "Juana Martínez";
  private static final String WITH_NEIGHBOUR =
      "Mi comadre "
          + NEIGHBOUR
          + " dice que en la noche pasan las camionetas. Mi número es 443 555"
          + " 0101.";
  private static final String WITHOUT_NEIGHBOUR = "Nadie cuida la esquina de la calle Morelos.";

  @Autowired MockMvc mvc;
  @Autowired Fixtures fixtures;
  @Autowired Vaults vaults;
  @Autowired Sources sources;
  @Autowired Deidentification deidentification;
  @Autowired AuditLog audit;

  @AfterEach
  void nobody() {
    fixtures.actAsNobody();
  }

  @Autowired ReviewRequests reviewRequests;
  @Autowired PlatformTransactionManager transactions;

  private record Setting(Site site, Person coordinator, UUID mentions, UUID other) {
    String fieldwork() {
      return "/manage/sites/" + site.key() + "/fieldwork";
    }
  }

  /** Two sources marked ready (every proposal accepted); the vault is open. */
  private Setting twoReadySources() {
    Site site = fixtures.freshSite();
    Person coordinator = fixtures.withRole(site.key(), SiteRole.COORDINATOR);
    fixtures.actAs(coordinator);
    vaults.create(site, PASSPHRASE);
    vaults.unlock(site, PASSPHRASE);
    UUID mentions =
        sources.add(site, new NewSource(null, "field_diary", "Visita", WITH_NEIGHBOUR, "typed"));
    UUID other =
        sources.add(
            site, new NewSource(null, "field_diary", "Esquina", WITHOUT_NEIGHBOUR, "typed"));
    deidentification.acceptAll(site, mentions);
    deidentification.acceptAll(site, other);
    fixtures.actAsNobody();
    return new Setting(site, coordinator, mentions, other);
  }

  private Page page(MockHttpSession session, String path, int status) throws Exception {
    String html =
        mvc.perform(get(path).session(session))
            .andExpect(status().is(status))
            .andReturn()
            .getResponse()
            .getContentAsString();
    return new Page(html);
  }

  private Page send(MockHttpSession session, MockHttpServletRequestBuilder request, int status)
      throws Exception {
    String html =
        mvc.perform(request.session(session).with(csrf()))
            .andExpect(status().is(status))
            .andReturn()
            .getResponse()
            .getContentAsString();
    return new Page(html);
  }

  private boolean needsReview(Setting s, UUID source) {
    fixtures.actAs(s.coordinator());
    try {
      return sources.get(s.site(), source).needsReview();
    } finally {
      fixtures.actAsNobody();
    }
  }

  private List<AuditEntry> audited(Setting s, String action) {
    return audit.forSite(s.site().id().value(), AuditLog.MAX_PAGE, Long.MAX_VALUE).stream()
        .filter(e -> e.action().equals(action))
        .toList();
  }

  /** The review form as the page shows it: every field with its value, boxes only if ticked. */
  private static MockHttpServletRequestBuilder asShown(Page page, String action) {
    return withoutParam(page, action);
  }

  @Test
  void aTermAddedLaterFlagsTheReadySourcesThatContainItAndOnlyThose() throws Exception {
    Setting s = twoReadySources();
    MockHttpSession coordinator = fixtures.signIn(mvc, s.coordinator());
    assertThat(needsReview(s, s.mentions())).isFalse();

    send(
        coordinator,
        post(s.fieldwork() + "/gazetteer").param("term", "juana martinez").param("kind", "PERSON"),
        302);
    // Every ready source is flagged at once; those that do not say the term, after reading them.
    reviewRequests.awaitChecks(Duration.ofSeconds(30));

    assertThat(needsReview(s, s.mentions())).isTrue();
    assertThat(needsReview(s, s.other())).isFalse();
    assertThat(audited(s, "source.review-needed"))
        .extracting(AuditEntry::subject)
        .containsExactly(s.mentions().toString());
    Page home = page(coordinator, s.fieldwork(), 200);
    assertThat(home.item("Visita"))
        .contains("Necesita otra revisión")
        .doesNotContain("Lista para el análisis");
    assertThat(home.item("Esquina"))
        .contains("Lista para el análisis")
        .doesNotContain("Necesita otra revisión");
    String gazetteer = page(coordinator, s.fieldwork() + "/gazetteer", 200).html();
    assertThat(gazetteer).contains("Fuentes por revisar de nuevo");
    assertThat(gazetteer.substring(gazetteer.indexOf("to-review-heading")))
        .contains("/sources/" + s.mentions() + "/deidentify\">Visita</a>")
        .doesNotContain(">Esquina</a>");

    // A new review clears the flag, and says who reviewed it.
    Page review =
        page(coordinator, s.fieldwork() + "/sources/" + s.mentions() + "/deidentify", 200);
    assertThat(review.marked()).contains(NEIGHBOUR);
    send(
        coordinator,
        asShown(review, s.fieldwork() + "/sources/" + s.mentions() + "/deidentify")
            .param("wholeText", "yes"),
        302);
    assertThat(needsReview(s, s.mentions())).isFalse();
    Page source = page(coordinator, s.fieldwork() + "/sources/" + s.mentions(), 200);
    assertThat(source.html()).contains("Revisada por Test coordinator el ");
    assertThat(source.analysed()).doesNotContain(NEIGHBOUR).contains("[PERSONA-1]");
  }

  @Test
  void aNewTermFlagsEveryReadySourceAtOnceAndLiftsTheFlagOfThoseThatDoNotSayItOnceRead()
      throws Exception {
    Setting s = twoReadySources();
    fixtures.actAs(s.coordinator());
    try {
      new TransactionTemplate(transactions)
          .executeWithoutResult(
              status -> {
                deidentification.addToGazetteer(s.site(), "juana martinez", "PERSON");
                // Before anything is read: both are flagged.
                assertThat(sources.get(s.site(), s.mentions()).needsReview()).isTrue();
                assertThat(sources.get(s.site(), s.other()).needsReview()).isTrue();
              });
    } finally {
      fixtures.actAsNobody();
    }
    reviewRequests.awaitChecks(Duration.ofSeconds(30));
    assertThat(needsReview(s, s.mentions())).isTrue();
    assertThat(needsReview(s, s.other())).isFalse();
  }

  @Test
  void aCheckThatCannotReadTheSourcesLeavesThemAllFlagged() throws Exception {
    Setting s = twoReadySources();
    fixtures.actAs(s.coordinator());
    try {
      new TransactionTemplate(transactions)
          .executeWithoutResult(
              status -> {
                deidentification.addToGazetteer(s.site(), "juana martinez", "PERSON");
                // Locked before the check reads anything.
                vaults.lock(s.site());
              });
    } finally {
      fixtures.actAsNobody();
    }
    reviewRequests.awaitChecks(Duration.ofSeconds(30));
    fixtures.actAs(s.coordinator());
    vaults.unlock(s.site(), PASSPHRASE);
    fixtures.actAsNobody();
    assertThat(needsReview(s, s.mentions())).isTrue();
    assertThat(needsReview(s, s.other())).isTrue();
  }

  @Test
  void aCommunityResearcherDoesNotReadAFlaggedSourceUntilItIsReviewedAgain() throws Exception {
    Setting s = twoReadySources();
    Person community = fixtures.withRole(s.site().key(), SiteRole.COMMUNITY_RESEARCHER);
    MockHttpSession researcher = fixtures.signIn(mvc, community);
    String path = s.fieldwork() + "/sources/" + s.mentions();
    assertThat(page(researcher, path, 200).analysed()).contains("pasan las camionetas");

    fixtures.actAs(s.coordinator());
    deidentification.addToGazetteer(s.site(), "camionetas", "OTHER");
    fixtures.actAsNobody();
    reviewRequests.awaitChecks(Duration.ofSeconds(30));

    Page flagged = page(researcher, path, 200);
    assertThat(flagged.html())
        .doesNotContain("pasan las")
        .contains("El texto para el análisis no se muestra hasta que")
        .contains("Necesita otra revisión");
    fixtures.actAs(community);
    try {
      assertThat(sources.deidentified(s.site(), s.mentions())).isEmpty();
      assertThat(sources.deidentified(s.site(), s.other())).isNotEmpty();
    } finally {
      fixtures.actAsNobody();
    }
    // The coordinator, who reviews it, still reads it.
    MockHttpSession coordinator = fixtures.signIn(mvc, s.coordinator());
    assertThat(page(coordinator, path, 200).analysed()).contains("pasan las camionetas");
  }

  @Test
  void savingWithoutReviewingTheWholeTextIsRefusedAndKeepsEveryDecision() throws Exception {
    Setting s = twoReadySources();
    fixtures.actAs(s.coordinator());
    deidentification.addToGazetteer(s.site(), NEIGHBOUR, "PERSON");
    fixtures.actAsNobody();
    MockHttpSession coordinator = fixtures.signIn(mvc, s.coordinator());
    String path = s.fieldwork() + "/sources/" + s.mentions() + "/deidentify";
    Page review = page(coordinator, path, 200);
    // Untick the neighbour, rename the phone.
    MockHttpServletRequestBuilder decided =
        withoutParam(review, path, "p0.accept", "p1.token").param("p1.token", "[TEL-COMADRE]");

    Page refused = send(coordinator, decided, 422);

    assertThat(refused.html()).contains("confirma que revisaste todo el texto");
    assertThat(refused.input("p0.accept")).doesNotContainKey("checked");
    assertThat(refused.input("p1.accept")).containsKey("checked");
    assertThat(refused.input("p1.token")).containsEntry("value", "[TEL-COMADRE]");
    assertThat(needsReview(s, s.mentions())).isTrue();
    assertThat(audited(s, "source.reviewed")).isEmpty();

    // A term added now keeps them too.
    Page added =
        send(
            coordinator,
            withoutParam(
                    refused, s.fieldwork() + "/sources/" + s.mentions() + "/gazetteer", "p0.accept")
                .param("term", "camionetas")
                .param("kind", "OTHER"),
            200);
    assertThat(added.marked()).containsExactly(NEIGHBOUR, "camionetas", "443 555 0101");
    assertThat(added.input("p0.accept")).doesNotContainKey("checked");
    assertThat(added.input("p1.accept")).containsKey("checked");
    assertThat(added.input("p2.accept")).containsKey("checked");
    assertThat(added.input("p2.token")).containsEntry("value", "[TEL-COMADRE]");
  }

  @Test
  void aLockedVaultOffersTheCoordinatorToOpenItHereAndAsksTheOthersToAskHer() throws Exception {
    Setting s = twoReadySources();
    fixtures.actAs(s.coordinator());
    vaults.lock(s.site());
    fixtures.actAsNobody();
    String path = s.fieldwork() + "/sources/" + s.mentions() + "/deidentify";

    Page coordinatorPage = page(fixtures.signIn(mvc, s.coordinator()), path, 409);
    assertThat(coordinatorPage.html())
        .contains("/vault/unlock\"")
        .contains("name=\"then\" value=\"" + path + "\"")
        .doesNotContain("Pide a");

    Person researcher = fixtures.withRole(s.site().key(), SiteRole.RESEARCHER);
    Page researcherPage = page(fixtures.signIn(mvc, researcher), path, 409);
    assertThat(researcherPage.html()).doesNotContain("/vault/unlock");
    assertThat(researcherPage.html())
        .contains("Pide a una persona de coordinación que abra la bóveda.");
  }

  /** A page's HTML, with the little reading these tests need. */
  record Page(String html) {
    private static final Pattern INPUT = Pattern.compile("<input\\b([^>]*)>");
    private static final Pattern ATTRIBUTE = Pattern.compile("([a-zA-Z_:.-]+)(?:=\"([^\"]*)\")?");
    private static final Pattern MARK =
        Pattern.compile("<mark class=\"proposal[^\"]*\">([^<]*)<span");

    /** The inputs of the review form, in order, each as its attributes. */
    List<Map<String, String>> inputs() {
      int start = html.indexOf("id=\"deidentify-form\"");
      String form = start < 0 ? "" : html.substring(start, html.indexOf("</form>", start));
      List<Map<String, String>> out = new ArrayList<>();
      Matcher m = INPUT.matcher(form);
      while (m.find()) {
        Map<String, String> attributes = new LinkedHashMap<>();
        Matcher a = ATTRIBUTE.matcher(m.group(1));
        while (a.find()) {
          attributes.put(a.group(1), a.group(2) == null ? "" : unescape(a.group(2)));
        }
        out.add(attributes);
      }
      return out;
    }

    Map<String, String> input(String name) {
      return inputs().stream()
          .filter(i -> name.equals(i.get("name")))
          .findFirst()
          .orElseThrow(() -> new AssertionError("no input " + name));
    }

    /** The source page's text for analysis (empty when it is not shown). */
    String analysed() {
      int at = html.indexOf("aria-labelledby=\"clean-heading\"");
      return at < 0 ? "" : html.substring(at, html.indexOf("</section>", at));
    }

    /** The list item of the source list that links to the source titled {@code title}. */
    /** The item of the sources list with this title (the person's own diary entries come apart). */
    String item(String title) {
      int from = Math.max(0, html.indexOf("id=\"sources-heading\""));
      int at = html.indexOf(">" + title + "</a>", from);
      assertThat(at).as("listed: %s", title).isPositive();
      return html.substring(html.lastIndexOf("<li", at), html.indexOf("</li>", at));
    }

    /** The words marked as proposals in the text, in order. */
    List<String> marked() {
      List<String> out = new ArrayList<>();
      Matcher m = MARK.matcher(html);
      while (m.find()) {
        out.add(unescape(m.group(1)));
      }
      return out;
    }

    private static String unescape(String s) {
      return s.replace("&quot;", "\"")
          .replace("&#39;", "'")
          .replace("&lt;", "<")
          .replace("&gt;", ">")
          .replace("&amp;", "&");
    }
  }

  /** The form as shown, without one field (an unticked box). */
  private static MockHttpServletRequestBuilder withoutParam(
      Page page, String action, String... left) {
    MockHttpServletRequestBuilder request = post(action);
    for (var input : page.inputs()) {
      String field = input.getOrDefault("name", "");
      if (("checkbox".equals(input.get("type")) && !input.containsKey("checked"))
          || field.isEmpty()
          || field.equals("term")
          || List.of(left).contains(field)) {
        continue;
      }
      request.param(field, input.getOrDefault("value", "on"));
    }
    return request;
  }
}
