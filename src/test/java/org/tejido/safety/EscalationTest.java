package org.tejido.safety;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.internet.MimeMessage;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.tejido.identity.SiteRole;
import org.tejido.identity.StaffMember;
import org.tejido.safety.internal.AlertNotifier;
import org.tejido.safety.internal.Escalations;
import org.tejido.safety.internal.SafetyProperties;
import org.tejido.safety.internal.SafetyStore;
import org.tejido.safety.internal.SafetyStore.ChainLevel;
import org.tejido.safety.internal.SafetyStore.Protocol;
import org.tejido.sites.Site;
import org.tejido.support.Fixtures;
import org.tejido.support.Fixtures.Person;
import org.tejido.support.TejidoTest;

/** The escalation of a missed check-in, by e-mail and signed webhook, and the duress check-out. */
@TejidoTest
class EscalationTest {

  @Autowired MockMvc mvc;
  @Autowired Fixtures fixtures;
  @Autowired SafeFieldwork safety;
  @Autowired SafetyStore store;
  @Autowired Escalations escalations;
  @Autowired SafetyProperties properties;
  @Autowired JavaMailSenderImpl mailSender;
  @Autowired JdbcClient jdbc;

  private GreenMail smtp;
  private HttpServer receiver;
  private final List<String[]> hooks = new CopyOnWriteArrayList<>();
  private Site site;
  private Person member;
  private StaffMember memberAsStaff;

  @BeforeEach
  void setUp() throws Exception {
    smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    mailSender.setPort(smtp.getSmtp().getPort());
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext(
        "/hook",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          hooks.add(
              new String[] {body, exchange.getRequestHeaders().getFirst("X-Tejido-Signature")});
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    receiver.start();
    properties.setWebhookUrl("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
    properties.setWebhookSecret("a per-deployment secret");

    site = fixtures.freshSite();
    Person first = fixtures.withRole(site.key(), SiteRole.COORDINATOR);
    Person second = fixtures.withRole(site.key(), SiteRole.COORDINATOR);
    member = fixtures.withRole(site.key(), SiteRole.COMMUNITY_RESEARCHER);
    memberAsStaff = new StaffMember(member.id(), member.username(), member.username(), false);
    fixtures.actAs(first);
    safety.saveProtocol(
        site,
        new Protocol("Protocolo", "Protocol", "", ""),
        List.of(
            new ChainLevel(1, first.id().value(), "", "first@example.org", 0),
            new ChainLevel(2, second.id().value(), "", "second@example.org", 20)));
  }

  @AfterEach
  void tearDown() {
    smtp.stop();
    receiver.stop(0);
    properties.setWebhookUrl("");
  }

  @Test
  void aMissedCheckInAlertsLevelOneAtReturnPlusGraceThenLevelTwoThenStopsOnAcknowledge()
      throws Exception {
    fixtures.actAs(member);
    UUID trip =
        safety.checkIn(
            site, memberAsStaff, "Colonia Centro", "Lupita", Instant.now().plusSeconds(3600));
    Instant alertAt = store.trip(trip).orElseThrow().trip().alertAt();

    assertThat(escalations.tripDue(trip, alertAt.minusSeconds(1))).isEqualTo(alertAt);
    assertThat(store.openAlertOfTrip(trip)).isEmpty();

    escalations.tripDue(trip, alertAt);
    UUID alert = store.openAlertOfTrip(trip).orElseThrow().id();
    Instant next = escalations.alertStep(alert, alertAt);
    assertThat(next).isEqualTo(alertAt.plus(Duration.ofMinutes(20)));
    assertThat(recipients()).containsExactly("first@example.org");
    // The same step again (a second node, a repeated firing) sends nothing.
    escalations.alertStep(alert, alertAt);
    assertThat(smtp.getReceivedMessages()).hasSize(1);

    escalations.alertStep(alert, next);
    assertThat(recipients()).containsExactly("first@example.org", "second@example.org");

    assertThat(hooks).hasSize(2);
    for (String[] hook : hooks) {
      assertThat(hook[1])
          .isEqualTo("sha256=" + AlertNotifier.sign("a per-deployment secret", hook[0]));
      assertThat(hook[0]).contains(alert.toString()).doesNotContain("Colonia");
    }
    for (MimeMessage m : smtp.getReceivedMessages()) {
      assertThat(m.getContent().toString()).doesNotContain("Colonia").doesNotContain("Lupita");
      // The subject shows on lock screens and notification previews: no name in it.
      assertThat(m.getSubject())
          .startsWith("[Tejido] Regreso no confirmado")
          .doesNotContain("Test community_researcher");
    }

    fixtures.actAs(fixtures.withRole(site.key(), SiteRole.COORDINATOR));
    StaffMember coordinator =
        new StaffMember(fixtures.withRole(site.key(), SiteRole.COORDINATOR).id(), "c", "c", false);
    safety.acknowledge(site, coordinator, alert);
    assertThat(escalations.alertStep(alert, next.plus(Duration.ofHours(1)))).isNull();
    assertThat(smtp.getReceivedMessages()).hasSize(2);
  }

  @Test
  void aDuressCheckOutLooksExactlyLikeANormalOneButRaisesADuressAlert() throws Exception {
    Person other = fixtures.withRole(site.key(), SiteRole.COMMUNITY_RESEARCHER);
    fixtures.actAsNobody();
    MockHttpSession her = fixtures.signIn(mvc, member);
    MockHttpSession normal = fixtures.signIn(mvc, other);
    String base = "/manage/sites/" + site.key() + "/safety";
    assertThat(
            mvc.perform(
                    post(base + "/duress-pin")
                        .param("checkoutPin", "1357")
                        .param("pin", "4711")
                        .session(her)
                        .with(csrf()))
                .andReturn()
                .getResponse()
                .getRedirectedUrl())
        .isEqualTo(base);
    assertThat(
            mvc.perform(
                    post(base + "/duress-pin")
                        .param("checkoutPin", "2468")
                        .param("pin", "1234")
                        .session(normal)
                        .with(csrf()))
                .andReturn()
                .getResponse()
                .getRedirectedUrl())
        .isEqualTo(base);
    for (MockHttpSession s : List.of(her, normal)) {
      var r =
          mvc.perform(
                  post(base + "/check-in")
                      .param("where", "Mercado")
                      .param("returnAt", "23:59")
                      .session(s)
                      .with(csrf()))
              .andReturn()
              .getResponse();
      assertThat(r.getRedirectedUrl()).as(r.getContentAsString()).isEqualTo(base);
    }

    var underDuress =
        mvc.perform(post(base + "/check-out").param("pin", "4711").session(her).with(csrf()))
            .andReturn()
            .getResponse();
    var safe =
        mvc.perform(post(base + "/check-out").param("pin", "2468").session(normal).with(csrf()))
            .andReturn()
            .getResponse();
    assertThat(underDuress.getStatus()).isEqualTo(safe.getStatus()).isEqualTo(302);
    assertThat(underDuress.getRedirectedUrl()).isEqualTo(safe.getRedirectedUrl());
    assertThat(underDuress.getContentAsByteArray()).isEqualTo(safe.getContentAsByteArray());

    assertThat(
            jdbc.sql("select kind from safety_alert where site_id = ?")
                .param(site.id().value())
                .query(String.class)
                .list())
        .containsExactly("duress");
  }

  @Test
  void withPinsSetEveryCheckOutAsksForOneAndAWrongOneLeavesHerInTheField() throws Exception {
    fixtures.actAsNobody();
    MockHttpSession her = fixtures.signIn(mvc, member);
    String base = "/manage/sites/" + site.key() + "/safety";
    var same =
        mvc.perform(
                post(base + "/duress-pin")
                    .param("checkoutPin", "4711")
                    .param("pin", "4711")
                    .session(her)
                    .with(csrf()))
            .andReturn()
            .getResponse();
    assertThat(same.getStatus()).isEqualTo(422);
    assertThat(same.getContentAsString()).contains("Los dos PIN deben ser distintos.");
    mvc.perform(
        post(base + "/duress-pin")
            .param("checkoutPin", "1357")
            .param("pin", "4711")
            .session(her)
            .with(csrf()));
    mvc.perform(
        post(base + "/check-in")
            .param("where", "Mercado")
            .param("returnAt", "23:59")
            .session(her)
            .with(csrf()));
    String page =
        mvc.perform(get(base).session(her)).andReturn().getResponse().getContentAsString();
    assertThat(page)
        .contains("name=\"pin\" type=\"password\" inputmode=\"numeric\"")
        .contains("maxlength=\"12\" required");

    for (String wrong : new String[] {"", "9999"}) {
      var refused =
          mvc.perform(post(base + "/check-out").param("pin", wrong).session(her).with(csrf()))
              .andReturn()
              .getResponse();
      assertThat(refused.getStatus()).isEqualTo(422);
      assertThat(refused.getContentAsString()).contains("Ese PIN no es el tuyo.");
    }
    assertThat(store.openTripOf(site.id().value(), member.id().value())).isPresent();

    var out =
        mvc.perform(post(base + "/check-out").param("pin", "1357").session(her).with(csrf()))
            .andReturn()
            .getResponse();
    assertThat(out.getRedirectedUrl()).isEqualTo(base);
    assertThat(store.openTripOf(site.id().value(), member.id().value())).isEmpty();
    assertThat(
            jdbc.sql("select count(*) from safety_alert where site_id = ?")
                .param(site.id().value())
                .query(Integer.class)
                .single())
        .isZero();
  }

  private List<String> recipients() throws Exception {
    return java.util.Arrays.stream(smtp.getReceivedMessages())
        .map(
            m -> {
              try {
                return m.getAllRecipients()[0].toString();
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            })
        .toList();
  }
}
