package org.tejido.observatory;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.tejido.identity.SiteRole;
import org.tejido.identity.UserAccounts;
import org.tejido.observatory.ObservatoryData.Tracked;
import org.tejido.observatory.internal.Observatory;
import org.tejido.observatory.internal.OverdueDigest;
import org.tejido.support.Fixtures;
import org.tejido.support.Fixtures.Person;
import org.tejido.support.TejidoTest;

/** The daily digest of overdue commitments, delivered to a real SMTP server (GreenMail). */
@TejidoTest
class OverdueDigestTest {

  @Autowired org.springframework.context.ApplicationContext context;
  ObservatoryData data;

  @org.junit.jupiter.api.BeforeEach
  void data() {
    data = ObservatoryData.of(context);
  }

  @Autowired Observatory observatory;
  @Autowired OverdueDigest digest;
  @Autowired Fixtures fixtures;
  @Autowired JavaMailSenderImpl mailSender;
  @Autowired UserAccounts accounts;
  @Autowired JdbcClient jdbc;

  private GreenMail smtp;

  @BeforeEach
  void startSmtp() {
    smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    mailSender.setPort(smtp.getSmtp().getPort());
  }

  @AfterEach
  void stopSmtp() {
    smtp.stop();
    fixtures.actAsNobody();
  }

  private void subscribe(Person person, Tracked t, String email, String language) {
    fixtures.actAs(person);
    observatory.saveDigestAddress(t.site(), email, language);
    fixtures.actAsNobody();
  }

  private List<MimeMessage> to(String address) {
    return Arrays.stream(smtp.getReceivedMessages())
        .filter(m -> GreenMailUtil.getAddressList(safeRecipients(m)).contains(address))
        .toList();
  }

  private static jakarta.mail.Address[] safeRecipients(MimeMessage m) {
    try {
      return m.getAllRecipients();
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void eachMemberGetsOneDigestADayInHerLanguageAndNoneWhenNothingIsOverdue() throws Exception {
    Tracked t = data.siteWithPublishedAgenda();
    InstitutionId police = data.institution(t, "Policía Municipal");
    RecommendationId r = data.recommendation(t, police);
    data.sessionWithCommitment(t, police, r, "2026-02-01");
    String ana = "ana-" + t.site().key() + "@example.org";
    String bea = "bea-" + t.site().key() + "@example.org";
    subscribe(t.member(), t, ana, "es");
    Person second = fixtures.withRole(t.site().key(), SiteRole.OBSERVATORY);
    subscribe(second, t, bea, "en");
    Person researcher = fixtures.withRole(t.site().key(), SiteRole.RESEARCHER);
    // A researcher's address (left from an earlier role) gets nothing.
    jdbc.sql("insert into observatory_subscriber values (?, ?, ?, 'es')")
        .params(
            t.site().id().value(),
            researcher.id().value(),
            "res-" + t.site().key() + "@example.org")
        .update();

    // Not overdue yet on its due date: nothing is sent.
    digest.sendAll(LocalDate.parse("2026-02-01"));
    assertThat(to(ana)).isEmpty();

    digest.sendAll(LocalDate.parse("2026-02-02"));
    // A second run the same day (another node, or after a restart) sends nothing more.
    digest.sendAll(LocalDate.parse("2026-02-02"));
    assertThat(to(ana)).hasSize(1);
    assertThat(to(bea)).hasSize(1);
    assertThat(to("res-" + t.site().key() + "@example.org")).isEmpty();
    MimeMessage es = to(ana).get(0);
    assertThat(es.getSubject())
        .startsWith("[Tejido] Compromisos vencidos en " + t.site().municipality());
    assertThat((String) es.getContent())
        .contains("Policía Municipal")
        .contains("Reparar 20 luminarias");
    assertThat(to(bea).get(0).getSubject()).startsWith("[Tejido] Overdue commitments in");

    // The next day brings the next digest.
    digest.sendAll(LocalDate.parse("2026-02-03"));
    assertThat(to(ana)).hasSize(2);
  }

  @Test
  void aFulfilledCommitmentIsNoLongerInTheDigest() throws Exception {
    Tracked t = data.siteWithPublishedAgenda();
    InstitutionId i = data.institution(t, "Obras Públicas");
    RecommendationId r = data.recommendation(t, i);
    SessionId s = data.sessionWithCommitment(t, i, r, "2026-02-01");
    String ana = "ana2-" + t.site().key() + "@example.org";
    subscribe(t.member(), t, ana, "es");
    fixtures.actAs(t.member());
    observatory.fulfil(t.site(), s, trackerCommitment(t));
    fixtures.actAsNobody();
    digest.sendAll(LocalDate.parse("2026-03-01"));
    assertThat(to(ana)).isEmpty();
  }

  @Autowired ObservatoryTracker tracker;

  private CommitmentId trackerCommitment(Tracked t) {
    return tracker.commitments(t.site()).get(0).id();
  }
}
