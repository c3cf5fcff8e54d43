package org.tejido.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.servlet.MockMvc;
import org.tejido.support.Fixtures;
import org.tejido.support.TejidoTest;

/** The throttle sits in the password check itself, whatever the address of the sign-in form. */
@TejidoTest
class SignInThrottlingTest {

  @Autowired MockMvc mvc;
  @Autowired Fixtures fixtures;
  @Autowired LoginThrottle throttle;
  @LocalServerPort int port;

  @Test
  void anEncodedSignInAddressIsThrottledAndRefusesTheRightPasswordWhileThrottled()
      throws Exception {
    var person = fixtures.person("encoded");
    for (int i = 0; i < 5; i++) {
      assertThat(signIn("/log%69n", person.username(), "wrong " + i)).endsWith("/login?error");
    }
    assertThat(signIn("/log%69n", person.username(), Fixtures.PASSWORD)).contains("/login?wait=");
    assertThat(signIn("/login", person.username(), Fixtures.PASSWORD)).contains("/login?wait=");
    // Other spellings never sign in while the name waits.
    for (String spelling : List.of("/login;x=1", "/LOGIN", "/login/", "//login")) {
      assertThat(signIn(spelling, person.username(), Fixtures.PASSWORD))
          .as(spelling)
          .doesNotEndWith("/manage");
    }
  }

  @Test
  void aParallelBurstOfWrongGuessesReachesThePasswordCheckOnlyAsOftenAsAllowed() throws Exception {
    var person = fixtures.person("burst");
    int threads = 40;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<String>> answers = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        int n = i;
        answers.add(
            pool.submit(
                () -> {
                  start.await();
                  return mvc.perform(
                          post("/login")
                              .param("username", person.username())
                              .param("password", "guess " + n)
                              .with(csrf())
                              .with(
                                  request -> {
                                    request.setRemoteAddr("198.51.100." + (n % 200 + 1));
                                    return request;
                                  }))
                      .andReturn()
                      .getResponse()
                      .getRedirectedUrl();
                }));
      }
      start.countDown();
      int checked = 0;
      int held = 0;
      for (Future<String> answer : answers) {
        String url = answer.get();
        if ("/login?error".equals(url)) {
          checked++;
        } else if (url != null && url.startsWith("/login?wait=")) {
          held++;
        }
      }
      assertThat(checked).isLessThanOrEqualTo(5);
      assertThat(checked + held).isEqualTo(threads);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aForgedForwardedForDoesNotChangeTheAddressTheThrottleCounts() throws Exception {
    String forged = "203.0.113." + (int) (Math.random() * 200 + 1);
    HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    String csrf = csrfToken(client);
    client.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("X-Forwarded-For", forged)
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "username=nobody-forged&password=wrong-password&_csrf=" + encode(csrf)))
            .build(),
        HttpResponse.BodyHandlers.discarding());
    assertThat(throttle.countedFor(forged)).isZero();
  }

  /** Posts the sign-in form to the real server at this path; returns where it sends the browser. */
  private String signIn(String path, String username, String password) throws Exception {
    HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    String csrf = csrfToken(client);
    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "username="
                            + encode(username)
                            + "&password="
                            + encode(password)
                            + "&_csrf="
                            + encode(csrf)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return response.statusCode() + " " + response.headers().firstValue("Location").orElse("");
  }

  private String csrfToken(HttpClient client) throws Exception {
    String form =
        client
            .send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login")).build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(form);
    assertThat(csrf.find()).isTrue();
    return csrf.group(1);
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
