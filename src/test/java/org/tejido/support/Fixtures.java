package org.tejido.support;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
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

  private final UserAccounts accounts;
  private final Sites sites;
  private final UserDetailsService users;

  Fixtures(UserAccounts accounts, Sites sites, UserDetailsService users) {
    this.accounts = accounts;
    this.sites = sites;
    this.users = users;
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

  /** Signs in through the real login form and returns the session. */
  public MockHttpSession signIn(MockMvc mvc, Person person) throws Exception {
    return (MockHttpSession)
        mvc.perform(formLogin("/login").user(person.username()).password(PASSWORD))
            .andExpect(redirectedUrl("/manage"))
            .andReturn()
            .getRequest()
            .getSession(false);
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
