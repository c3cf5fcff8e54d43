package org.tejido.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.tejido.support.TejidoTest;

/**
 * The language link of a page is built from the address asked for; on an error page that is the
 * refused address itself. It must stay a path on this site whatever was asked for.
 */
@TejidoTest
class ErrorPageLinksTest {

  private static final Pattern LANGUAGE_LINK =
      Pattern.compile("<a class=\"lang\" href=\"([^\"]*)\"");

  @LocalServerPort int port;

  /** Sends the request line as is: HTTP clients would normalise these paths before sending. */
  private String raw(String path) throws Exception {
    try (Socket socket = new Socket("localhost", port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("GET "
                  + path
                  + " HTTP/1.1\r\nHost: localhost\r\nAccept: text/html\r\n"
                  + "Accept-Language: es\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream response = new ByteArrayOutputStream();
      in.transferTo(response);
      return response.toString(StandardCharsets.UTF_8);
    }
  }

  @Test
  void errorPageLanguageLinkStaysOnTheSite() throws Exception {
    for (String path :
        List.of(
            "//evil.example/x",
            "/\\evil.example",
            "/%2F%2Fevil.example/x",
            "/%5Cevil.example",
            "//%65vil.example/x",
            "//evil.example/%2e%2e/x",
            "/sites//evil.example")) {
      String response = raw(path);
      assertThat(response).as(path).startsWith("HTTP/1.1 4");
      assertThat(response).as(path).doesNotContain("href=\"//").doesNotContain("href=\"/\\");
      if (!response.contains("class=\"site-header\"")) {
        // Refused by the servlet container itself (a backslash): its bare page has no links.
        assertThat(response).as(path).doesNotContain("href=");
        continue;
      }
      Matcher link = LANGUAGE_LINK.matcher(response);
      assertThat(link.find()).as(path + " has a language link").isTrue();
      String href = link.group(1);
      assertThat(href)
          .as(path)
          .startsWith("/")
          .doesNotStartWith("//")
          .doesNotStartWith("/\\")
          .doesNotContain("\\")
          .contains("lang=en");
    }
  }

  /** The container refuses encoded slashes and backslashes itself; these reach Tejido's page. */
  @Test
  void refusedSlashPathsAreRenderedAsTejidoErrorPages() throws Exception {
    // Without a rendered page the test above would prove nothing for this address.
    for (String path : List.of("//evil.example/x", "//%65vil.example/x")) {
      assertThat(raw(path)).as(path).contains("class=\"site-header\"").contains("lang=en");
    }
  }

  @Test
  void onlyPlainPathsAreKept() {
    assertThat(LayoutAdvice.sameOriginPath("/sites/tijuana?lang=en", "en"))
        .isEqualTo("/sites/tijuana?lang=en");
    assertThat(LayoutAdvice.sameOriginPath("//evil.example/x?lang=en", "en"))
        .isEqualTo("/?lang=en");
    assertThat(LayoutAdvice.sameOriginPath("/\\evil.example?lang=en", "en")).isEqualTo("/?lang=en");
    assertThat(LayoutAdvice.sameOriginPath("/\tx", "es")).isEqualTo("/?lang=es");
    assertThat(LayoutAdvice.sameOriginPath("https://evil.example/", "es")).isEqualTo("/?lang=es");
    assertThat(LayoutAdvice.sameOriginPath("/%2F%2Fevil.example?lang=en", "en"))
        .isEqualTo("/%2F%2Fevil.example?lang=en");
  }
}
