package org.tejido.support;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.tejido.identity.SecondFactors;
import org.tejido.identity.SiteRole;
import org.tejido.identity.UserAccounts;
import org.tejido.identity.UserId;
import org.tejido.shared.LocalizedText;
import org.tejido.sites.NewSite;
import org.tejido.sites.Site;
import org.tejido.sites.SiteStatus;
import org.tejido.sites.Sites;

/** Named people and places for tests: each call makes new ones, so tests never collide. */
@TestComponent
public class Fixtures {

  public static final String PASSWORD = "correct horse battery staple";
  private static final AtomicInteger counter = new AtomicInteger();

  /** The TOTP secrets Fixtures enrolled, by account: one JVM, one database, one context. */
  private static final Map<UserId, byte[]> SECRETS = new ConcurrentHashMap<>();

  private static volatile Fixtures instance;

  private final UserAccounts accounts;
  private final Sites sites;
  private final UserDetailsService users;
  private final SecondFactors secondFactors;
  private final JdbcClient jdbc;

  Fixtures(
      UserAccounts accounts,
      Sites sites,
      UserDetailsService users,
      SecondFactors secondFactors,
      JdbcClient jdbc) {
    this.accounts = accounts;
    this.sites = sites;
    this.users = users;
    this.secondFactors = secondFactors;
    this.jdbc = jdbc;
    instance = this;
  }

  /** For static helpers (browser tests) that have no bean at hand. */
  public static Fixtures instance() {
    return instance;
  }

  /** A signed-up member of staff. */
  public record Person(UserId id, String username) {}

  public Person person(String label) {
    String username =
        label
            + "-"
            + counter.incrementAndGet()
            + "-"
            + UUID.randomUUID().toString().substring(0, 6);
    return new Person(accounts.create(username, "Test " + label, PASSWORD, false), username);
  }

  public void disable(Person person) {
    accounts.setEnabled(person.id(), false);
  }

  public Person administrator() {
    String username =
        "admin-" + counter.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 6);
    return new Person(accounts.create(username, "Test admin", PASSWORD, true), username);
  }

  public Person withRole(String siteKey, SiteRole role) {
    Person p = person(role.code());
    accounts.assign(p.id(), sites.byKey(siteKey).id(), role);
    return p;
  }

  /** A new active site, for tests that change agendas and must not disturb the demo sites. */
  public Site freshSite() {
    int n = counter.incrementAndGet();
    return sites.register(
        new NewSite(
            "test-site-" + n,
            "Municipio de prueba " + n,
            "Michoacán",
            "16006",
            "Colonia de prueba",
            SiteStatus.ACTIVE,
            null,
            new LocalizedText(null, null)));
  }

  /**
   * Signs in through the real login form and returns the session. Administrators and coordinators
   * pass their second factor as well: Fixtures enrols them with a secret it knows (the first time)
   * and types the code their authenticator would show.
   */
  public MockHttpSession signIn(MockMvc mvc, Person person) throws Exception {
    String code = secondFactorCode(person);
    MockHttpSession session =
        (MockHttpSession)
            mvc.perform(formLogin("/login").user(person.username()).password(PASSWORD))
                .andExpect(redirectedUrl(code == null ? "/manage" : "/account/second-factor"))
                .andReturn()
                .getRequest()
                .getSession(false);
    if (code != null) {
      mvc.perform(post("/account/second-factor").session(session).with(csrf()).param("code", code))
          .andExpect(redirectedUrl("/manage"));
    }
    return session;
  }

  /**
   * Signs in with the password only, leaving the second factor to the test: for tests of the
   * enrolment and of the second step themselves. The session may reach only the second-factor
   * pages.
   */
  public MockHttpSession signInWithPasswordOnly(MockMvc mvc, Person person) throws Exception {
    return (MockHttpSession)
        mvc.perform(formLogin("/login").user(person.username()).password(PASSWORD))
            .andReturn()
            .getRequest()
            .getSession(false);
  }

  /**
   * The code to type after the password, or null when the person needs no second factor. The first
   * call enrols them with a secret Fixtures keeps; each call allows the code once more, so a test
   * may sign the same person in many times within one 30-second step.
   */
  public String secondFactorCode(Person person) {
    if (!secondFactors.required(person.id())) {
      return null;
    }
    byte[] secret = SECRETS.get(person.id());
    if (secret == null) {
      if (secondFactors.enrolled(person.id())) {
        throw new IllegalStateException(
            person.username() + " enrolled a second factor Fixtures does not know");
      }
      secret = secondFactors.pendingEnrolment(person.id(), person.username()).secret();
      secondFactors.confirm(person.id(), secondFactors.codeAt(secret, Instant.now()));
      SECRETS.put(person.id(), secret);
    }
    jdbc.sql("update staff_second_factor set last_used_step = 0 where user_id = ?")
        .param(person.id().value())
        .update();
    return secondFactors.codeAt(secret, Instant.now());
  }

  /** Runs service calls as this person (for tests below the web layer). */
  public void actAs(Person person) {
    var details = users.loadUserByUsername(person.username());
    Authentication auth =
        new UsernamePasswordAuthenticationToken(details, null, details.getAuthorities());
    SecurityContextHolder.getContext().setAuthentication(auth);
  }

  public void actAsNobody() {
    SecurityContextHolder.clearContext();
  }

  public static List<String> demoSiteKeys() {
    return List.of("apatzingan", "tijuana", "guadalupe", "acapulco");
  }
}
