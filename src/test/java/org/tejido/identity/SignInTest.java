package org.tejido.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.tejido.support.Fixtures;
import org.tejido.support.TejidoTest;

@TejidoTest
class SignInTest {

  @Autowired MockMvc mvc;
  @Autowired Fixtures fixtures;
  @Autowired JdbcClient jdbc;
  @LocalServerPort int port;

  @Test
  void passwordsAreStoredAsArgon2idHashes() {
    var person = fixtures.person("hash");
    String hash =
        jdbc.sql("select password_hash from app_user where id = ?")
            .param(person.id().value())
            .query(String.class)
            .single();
    assertThat(hash).startsWith("$argon2id$").doesNotContain(Fixtures.PASSWORD);
  }

  @Test
  void aWrongPasswordAndAnUnknownAccountGetTheSameAnswer() throws Exception {
    var person = fixtures.person("same-answer");
    String wrongPassword =
        mvc.perform(formLogin("/login").user(person.username()).password("not the password"))
            .andReturn()
            .getResponse()
            .getRedirectedUrl();
    String unknownAccount =
        mvc.perform(formLogin("/login").user("nobody-" + person.username()).password("whatever"))
            .andReturn()
            .getResponse()
            .getRedirectedUrl();
    assertThat(wrongPassword).isEqualTo("/login?error").isEqualTo(unknownAccount);
  }

  @Test
  void afterFiveFailuresTheAccountNameMustWaitEvenWithTheRightPassword() throws Exception {
    var person = fixtures.person("throttled");
    for (int i = 0; i < 5; i++) {
      mvc.perform(formLogin("/login").user(person.username()).password("wrong " + i))
          .andExpect(redirectedUrl("/login?error"));
    }
    String answer =
        mvc.perform(formLogin("/login").user(person.username()).password(Fixtures.PASSWORD))
            .andReturn()
            .getResponse()
            .getRedirectedUrl();
    assertThat(answer).startsWith("/login?wait=");
    // A name that does not exist is throttled in exactly the same way.
    String ghost = "ghost-" + person.username();
    for (int i = 0; i < 5; i++) {
      mvc.perform(formLogin("/login").user(ghost).password("x"));
    }
    assertThat(
            mvc.perform(formLogin("/login").user(ghost).password("x"))
                .andReturn()
                .getResponse()
                .getRedirectedUrl())
        .startsWith("/login?wait=");
  }

  @Test
  void aDisabledAccountCannotSignIn() throws Exception {
    var person = fixtures.person("disabled");
    fixtures.disable(person);
    mvc.perform(formLogin("/login").user(person.username()).password(Fixtures.PASSWORD))
        .andExpect(redirectedUrl("/login?error"));
  }

  @Test
  void theSessionCookieIsHttpOnlySameSiteLaxAndAForgedForwardedProtoIsNotBelieved()
      throws Exception {
    var person = fixtures.person("cookie");
    String signedIn = signInOverHttp(person);
    assertThat(signedIn)
        .contains("HttpOnly")
        .containsIgnoringCase("SameSite=Lax")
        .doesNotContain("Secure");

    HttpResponse<String> behindTls =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"))
                    .header("X-Forwarded-Proto", "https")
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    // No proxy is trusted by default (tejido.identity.trusted-proxies): a client's own
    // X-Forwarded-Proto is ignored. TrustedProxiesTest covers a configured proxy.
    assertThat(sessionCookie(behindTls))
        .contains("HttpOnly")
        .containsIgnoringCase("SameSite=Lax")
        .doesNotContain("Secure");
  }

  /** Signs in through the real server and returns the session cookie set by the sign-in. */
  private String signInOverHttp(Fixtures.Person person) throws Exception {
    HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    String form =
        client
            .send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login")).build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(form);
    assertThat(csrf.find()).isTrue();
    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "username="
                            + encode(person.username())
                            + "&password="
                            + encode(Fixtures.PASSWORD)
                            + "&_csrf="
                            + encode(csrf.group(1))))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(302);
    assertThat(response.headers().firstValue("Location").orElseThrow()).endsWith("/manage");
    return sessionCookie(response);
  }

  private static String sessionCookie(HttpResponse<?> response) {
    return response.headers().allValues("Set-Cookie").stream()
        .filter(c -> c.startsWith("TEJIDO_SESSION="))
        .findFirst()
        .orElseThrow();
  }

  private static String encode(String s) {
    return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
  }

  @Test
  void securityHeadersAreOnEveryPage() throws Exception {
    var response =
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/"))
            .andReturn()
            .getResponse();
    assertThat(response.getHeader("Content-Security-Policy"))
        .contains("default-src 'self'")
        .contains("frame-ancestors 'none'");
    assertThat(response.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(response.getHeader("X-Frame-Options")).isEqualTo("DENY");
  }
}
