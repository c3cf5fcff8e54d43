package org.tejido.safety;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.zaxxer.hikari.HikariDataSource;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.tejido.TejidoApplication;
import org.tejido.identity.SiteRole;
import org.tejido.identity.StaffMember;
import org.tejido.identity.UserAccounts;
import org.tejido.identity.UserId;
import org.tejido.safety.internal.SafetyStore.ChainLevel;
import org.tejido.safety.internal.SafetyStore.Protocol;
import org.tejido.shared.LocalizedText;
import org.tejido.sites.NewSite;
import org.tejido.sites.Site;
import org.tejido.sites.SiteStatus;
import org.tejido.sites.Sites;
import org.tejido.support.TejidoTest;

/**
 * The server goes down while a member is in the field and comes back after her return time: the
 * missed check-in still reaches the chain, once.
 *
 * <p>What it models: two successive runs of the whole application (every bean, the real {@code
 * safety-trip} and {@code safety-alert} tasks of {@code Escalations}, Spring Mail, Flyway) on one
 * PostgreSQL database, started as {@code TejidoApplication} is in production. The first run takes
 * the check-in through {@link SafeFieldwork} and is then shut down the way SIGTERM shuts it down
 * (its context closed: scheduler stopped, connection pool closed) before the trip is due; the clock
 * passes the due time with no application running; the second run starts on the same database and
 * must find the pending execution, raise one missed check-in alert and send one e-mail to the SMTP
 * server (GreenMail).
 *
 * <p>Both runs use a database of their own, created for this test in the suite's embedded
 * PostgreSQL server: the suite's shared application keeps its scheduler running on the suite's
 * database (db-scheduler cannot be started again once stopped), and it would otherwise pick the
 * execution up itself — which would prove fail-over to a second node, not a restart. The two runs
 * add about two application start-ups to the suite.
 */
@TejidoTest
class EscalationSurvivesRestartTest {

  private static final String PASSWORD = "una contraseña de prueba larga";

  @Autowired DataSource dataSource;
  @Autowired JdbcClient jdbc;

  @Test
  void aCheckInPendingWhenTheServerStopsEscalatesOnceWhenItStartsAgainPastTheDueTime()
      throws Exception {
    GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    String database = "restart_" + UUID.randomUUID().toString().replace("-", "");
    jdbc.sql("create database " + database).update();
    HikariDataSource suite = dataSource.unwrap(HikariDataSource.class);
    String url = suite.getJdbcUrl().replaceFirst("/[^/?]+(\\?.*)?$", "/" + database + "$1");
    Path keys = Path.of("target/test-keys", database, "master-keyset.json");
    String[] args = {
      "--server.port=0",
      "--server.address=127.0.0.1",
      "--management.server.port=0",
      "--tejido.db.url=" + url,
      "--tejido.db.user=" + suite.getUsername(),
      "--tejido.db.password=" + suite.getPassword(),
      "--tejido.db.pool-size=4",
      "--tejido.crypto.master-key=",
      "--tejido.crypto.master-key-file=" + keys,
      "--tejido.data-dir=target/test-data",
      "--tejido.reference-data.enabled=false",
      "--tejido.demo.enabled=false",
      "--tejido.safety.grace=0s",
      "--tejido.safety.poll-interval=1s",
      "--spring.mail.host=127.0.0.1",
      "--spring.mail.port=" + smtp.getSmtp().getPort(),
      "--spring.main.banner-mode=off",
      "--logging.level.root=WARN"
    };
    UUID trip;
    Instant due;
    try {
      try (ConfigurableApplicationContext before = start(args)) {
        trip = checkInReturningSoon(before);
        due =
            before
                .getBean(org.tejido.safety.internal.SafetyStore.class)
                .trip(trip)
                .orElseThrow()
                .trip()
                .alertAt();
      } // the server stops: Spring's shutdown, as on SIGTERM
      JdbcClient db = JdbcClient.create(other(suite, url));
      assertThat(alertsOf(db, trip)).as("nothing fired before the server stopped").isZero();
      assertThat(
              db.sql("select count(*) from scheduled_tasks where task_instance = ?")
                  .param(trip.toString())
                  .query(Integer.class)
                  .single())
          .as("the pending escalation is kept in the database")
          .isEqualTo(1);

      // Down past the due time.
      long wait = Duration.between(Instant.now(), due).toMillis() + 500;
      if (wait > 0) {
        Thread.sleep(wait);
      }
      assertThat(smtp.getReceivedMessages()).isEmpty();

      try (ConfigurableApplicationContext after = start(args)) {
        long deadline = System.currentTimeMillis() + 15_000;
        while (smtp.getReceivedMessages().length == 0 && System.currentTimeMillis() < deadline) {
          Thread.sleep(100);
        }
        Thread.sleep(2_500); // two more polls: time for a duplicate to show, if there were one
        MimeMessage[] received = smtp.getReceivedMessages();
        assertThat(received).hasSize(1);
        assertThat(received[0].getSubject()).contains("Missed check-in");
        assertThat(received[0].getAllRecipients()[0].toString()).isEqualTo("first@example.org");
        assertThat(alertsOf(db, trip)).isEqualTo(1);
      }
    } finally {
      SecurityContextHolder.clearContext();
      smtp.stop();
      jdbc.sql("drop database if exists " + database + " with (force)").update();
    }
  }

  private static ConfigurableApplicationContext start(String[] args) {
    return new SpringApplicationBuilder(TejidoApplication.class)
        .web(WebApplicationType.SERVLET)
        .logStartupInfo(false)
        .run(args);
  }

  /** A site with a one-level chain and a member who checks in, due back in a few seconds. */
  private static UUID checkInReturningSoon(ConfigurableApplicationContext app) {
    Site site =
        app.getBean(Sites.class)
            .register(
                new NewSite(
                    "reinicio",
                    "Municipio de pruebas",
                    "Michoacán",
                    "16006",
                    "Colonia de pruebas",
                    SiteStatus.ACTIVE,
                    null,
                    new LocalizedText(null, null)));
    UserAccounts accounts = app.getBean(UserAccounts.class);
    UserId coordinator = accounts.create("coordinadora", "Coordinadora", PASSWORD, false);
    accounts.assign(coordinator, site.id(), SiteRole.COORDINATOR);
    UserId member = accounts.create("investigadora", "Investigadora", PASSWORD, false);
    accounts.assign(member, site.id(), SiteRole.COMMUNITY_RESEARCHER);
    UserDetails details = app.getBean(UserDetailsService.class).loadUserByUsername("coordinadora");
    SecurityContextHolder.getContext()
        .setAuthentication(
            new UsernamePasswordAuthenticationToken(details, null, details.getAuthorities()));
    SafeFieldwork safety = app.getBean(SafeFieldwork.class);
    safety.saveProtocol(
        site,
        new Protocol("Protocolo", "Protocol", "", ""),
        List.of(new ChainLevel(1, coordinator.value(), "", "first@example.org", 0)));
    return safety.checkIn(
        site,
        new StaffMember(member, "investigadora", "Investigadora", false),
        "Colonia Centro",
        "",
        Instant.now().plusSeconds(4));
  }

  private static int alertsOf(JdbcClient db, UUID trip) {
    return db.sql("select count(*) from safety_alert where trip_id = ?")
        .param(trip)
        .query(Integer.class)
        .single();
  }

  private static DataSource other(HikariDataSource suite, String url) {
    org.springframework.jdbc.datasource.DriverManagerDataSource ds =
        new org.springframework.jdbc.datasource.DriverManagerDataSource(
            url, suite.getUsername(), suite.getPassword());
    return ds;
  }
}
