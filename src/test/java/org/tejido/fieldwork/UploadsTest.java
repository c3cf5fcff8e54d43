package org.tejido.fieldwork;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.tejido.support.Documents.docx;
import static org.tejido.support.Documents.zip;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.tejido.identity.SiteRole;
import org.tejido.sites.Site;
import org.tejido.support.Fixtures;
import org.tejido.support.Fixtures.Person;
import org.tejido.support.TejidoTest;
import org.tejido.vault.Vaults;

/**
 * Uploading sources and media through the coordinator's forms: every refused file is answered in
 * the person's language and leaves nothing behind; a good file becomes turns linked to the
 * participants named in it; an oversize upload is refused before it is read.
 */
@TejidoTest
class UploadsTest {

  private static final String PASSPHRASE = "la frase larga de la coordinadora";
  private static final int KIB = 1024;
  private static final int MIB = 1024 * KIB;

  @Autowired MockMvc mvc;
  @Autowired Fixtures fixtures;
  @Autowired Vaults vaults;
  @Autowired Participants participants;
  @Autowired Activities activities;
  @Autowired Sources sources;
  @Autowired JdbcClient jdbc;
  @LocalServerPort int port;

  private Site site;
  private Person coordinator;
  private Participant participant;
  private MockHttpSession session;

  @BeforeEach
  void aSiteWithAVaultAndAParticipant() throws Exception {
    site = fixtures.freshSite();
    coordinator = fixtures.withRole(site.key(), SiteRole.COORDINATOR);
    fixtures.actAs(coordinator);
    vaults.create(site, PASSPHRASE);
    participant =
        participants.register(
            site, new NewParticipant("women", "woman", "30_44", "mestizo", null, null));
    fixtures.actAsNobody();
    session = fixtures.signIn(mvc, coordinator);
  }

  @AfterEach
  void signOut() {
    fixtures.actAsNobody();
  }

  private String sourcesUrl() {
    return "/manage/sites/" + site.key() + "/fieldwork/sources";
  }

  // ---- refused sources ----

  @Test
  void anEmptyFileIsRefusedInSpanishAndNothingIsStored() throws Exception {
    assertRefused(
        new MockMultipartFile("file", "entrevista.txt", "text/plain", new byte[0]),
        "El archivo está vacío: no tiene texto.");
  }

  @Test
  void aTextFileThatIsNotUtf8IsRefusedInSpanishAndNothingIsStored() throws Exception {
    byte[] latin1 =
        ("Facilitadora: ¿Cómo está la colonia?\n"
                + participant.code()
                + ": Peor que antes, señora.")
            .getBytes(StandardCharsets.ISO_8859_1);
    assertRefused(
        new MockMultipartFile("file", "entrevista.txt", "text/plain", latin1),
        "El archivo .txt no está guardado en UTF-8");
  }

  @Test
  void aZipThatIsNotAWordDocumentIsRefusedInSpanishAndNothingIsStored() throws Exception {
    byte[] zip =
        zip(
            "notas.txt",
            (participant.code() + ": esto no es un docx").getBytes(StandardCharsets.UTF_8));
    assertRefused(
        new MockMultipartFile("file", "notas.docx", "application/zip", zip),
        "El archivo no es un documento de Word (.docx) que podamos leer");
  }

  @Test
  void aWordDocumentThatUnpacksIntoTooMuchIsRefusedInSpanishAndNothingIsStored() throws Exception {
    // A valid document whose body ends in 30 MB of spaces: under 200 KB once zipped.
    byte[] bomb = padded(docx(participant.code() + ": hola"), "word/document.xml", 30 * MIB);
    assertThat(bomb.length).isLessThan(200 * KIB);

    assertRefused(
        new MockMultipartFile(
            "file",
            "bomba.docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            bomb),
        "ocupa mucho más de lo que es seguro procesar");
  }

  @Test
  void anOldWordDocumentIsRefusedInSpanishAndNothingIsStored() throws Exception {
    byte[] ole2 =
        Arrays.copyOf(
            new byte[] {
              (byte) 0xD0,
              (byte) 0xCF,
              0x11,
              (byte) 0xE0,
              (byte) 0xA1,
              (byte) 0xB1,
              0x1A,
              (byte) 0xE1
            },
            4 * KIB);
    assertRefused(
        new MockMultipartFile("file", "Entrevista.doc", "application/msword", ole2),
        "guárdalo como .docx");
  }

  private void assertRefused(MockMultipartFile file, String message) throws Exception {
    Counts before = counts();

    MvcResult result =
        mvc.perform(
                multipart(sourcesUrl())
                    .file(file)
                    .param("kind", "transcript")
                    .param("title", "Entrevista subida")
                    .session(session)
                    .with(csrf())
                    .header("Accept-Language", "es")
                    .accept("text/html"))
            .andExpect(status().is(422))
            .andReturn();

    assertThat(result.getResponse().getContentAsString(StandardCharsets.UTF_8))
        .contains(message)
        .contains("Entrevista subida");
    assertThat(counts()).isEqualTo(before);
  }

  // ---- an accepted source ----

  @Test
  void aUtf8TextFileWithAByteOrderMarkAndWindowsLineEndsBecomesTurnsLinkedToTheParticipant()
      throws Exception {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    byte[] text =
        ("Facilitadora: ¿Cómo llegó a la colonia?\r\n"
                + participant.code()
                + ": Hace veinte años, con mis hijos.\r\n"
                + "Seguimos aquí, aunque ya no salimos de noche.\r\n")
            .getBytes(StandardCharsets.UTF_8);
    byte[] content = new byte[bom.length + text.length];
    System.arraycopy(bom, 0, content, 0, bom.length);
    System.arraycopy(text, 0, content, bom.length, text.length);
    Counts before = counts();

    MvcResult result =
        mvc.perform(
                multipart(sourcesUrl())
                    .file(new MockMultipartFile("file", "entrevista.txt", "text/plain", content))
                    .param("kind", "transcript")
                    .param("title", "Entrevista de campo")
                    .session(session)
                    .with(csrf())
                    .header("Accept-Language", "es"))
            .andExpect(status().is3xxRedirection())
            .andReturn();

    String location = result.getResponse().getRedirectedUrl();
    assertThat(location).startsWith(sourcesUrl() + "/");
    UUID id = UUID.fromString(location.substring(location.lastIndexOf('/') + 1));
    assertThat(counts())
        .isEqualTo(new Counts(before.sources() + 1, before.turns() + 2, before.keys() + 2));
    fixtures.actAs(coordinator);
    SourceSummary summary = sources.get(site, id);
    assertThat(summary.origin()).isEqualTo("txt");
    assertThat(summary.speakers()).containsExactly(participant.code());
    vaults.unlock(site, PASSPHRASE);
    assertThat(sources.raw(site, id))
        .extracting(SourceTurn::speaker, SourceTurn::participantId, SourceTurn::text)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("Facilitadora", null, "¿Cómo llegó a la colonia?"),
            org.assertj.core.groups.Tuple.tuple(
                participant.code(),
                participant.id(),
                "Hace veinte años, con mis hijos.\nSeguimos aquí, aunque ya no salimos de noche."));
  }

  // ---- too large, through the real server ----

  /**
   * 100 MB streamed to the real server port with its length declared, as a browser sends a form:
   * refused with 413 before the application reads any of it, with a page (or problem+json) that
   * says how large is too large. The client must get to read that answer: it only does once it has
   * sent its whole body, which Tomcat discards (server.tomcat.max-swallow-size) instead of cutting
   * the connection.
   */
  @Test
  void aHundredMegabyteUploadIsRefusedBeforeItIsReadAndSaysHowLargeIsTooLarge() throws Exception {
    HttpClient client =
        HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    signIn(client);
    String token = csrfToken(client, sourcesUrl() + "/new");

    // The control: the same client, session, token and form, with a small file, is accepted.
    Counts start = counts();
    HttpResponse<String> small =
        client.send(
            upload(
                token, "pequeño.txt", participant.code() + ": Una frase corta.\n", 0, "text/html"),
            BodyHandlers.ofString());
    assertThat(small.statusCode()).as(small.body()).isEqualTo(302);
    assertThat(counts().sources()).isEqualTo(start.sources() + 1);

    Counts before = counts();
    HttpResponse<String> response =
        client.send(
            upload(token, "grande.txt", "", 100L * MIB, "text/html"), BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.body())
        .contains("El archivo es demasiado grande")
        .contains("Lo que enviaste pesa 100,1 MB y Tejido acepta hasta 21 MB en cada envío.");
    HttpResponse<String> problem =
        client.send(
            upload(token, "grande.txt", "", 30L * MIB, "application/json"),
            BodyHandlers.ofString());
    assertThat(problem.statusCode()).isEqualTo(413);
    assertThat(problem.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    assertThat(problem.body())
        .contains("\"code\":\"payload.too-large.limit\"")
        .contains("pesa 30,1 MB")
        .contains("hasta 21 MB");
    assertThat(counts()).isEqualTo(before);
  }

  private void signIn(HttpClient client) throws Exception {
    String token = csrfToken(client, "/login");
    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(url("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    BodyPublishers.ofString(
                        "username="
                            + coordinator.username()
                            + "&password="
                            + Fixtures.PASSWORD.replace(" ", "+")
                            + "&_csrf="
                            + java.net.URLEncoder.encode(token, StandardCharsets.UTF_8)))
                .build(),
            BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(302);
    assertThat(response.headers().firstValue("Location"))
        .hasValueSatisfying(l -> assertThat(l).endsWith("/account/second-factor"));
    // A coordinator then types the code of their authenticator.
    String code = fixtures.secondFactorCode(coordinator);
    String second = csrfToken(client, "/account/second-factor");
    HttpResponse<String> verified =
        client.send(
            HttpRequest.newBuilder(url("/account/second-factor"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    BodyPublishers.ofString(
                        "code="
                            + code
                            + "&_csrf="
                            + java.net.URLEncoder.encode(second, StandardCharsets.UTF_8)))
                .build(),
            BodyHandlers.ofString());
    assertThat(verified.headers().firstValue("Location"))
        .hasValueSatisfying(l -> assertThat(l).endsWith("/manage"));
  }

  private String csrfToken(HttpClient client, String path) throws Exception {
    HttpResponse<String> page =
        client.send(
            HttpRequest.newBuilder(url(path)).header("Accept-Language", "es").GET().build(),
            BodyHandlers.ofString());
    assertThat(page.statusCode()).as(path).isEqualTo(200);
    Matcher m = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"").matcher(page.body());
    if (!m.find()) {
      m = Pattern.compile("value=\"([^\"]+)\"\\s+name=\"_csrf\"").matcher(page.body());
      assertThat(m.find()).as("a CSRF token on %s", path).isTrue();
    }
    return m.group(1);
  }

  /**
   * A multipart form with the CSRF token, kind, title and a file: {@code text} followed by {@code
   * filler} generated bytes, streamed with a declared length and never held in memory.
   */
  private HttpRequest upload(
      String token, String filename, String text, long filler, String accept) {
    String boundary = "----tejido" + UUID.randomUUID().toString().replace("-", "");
    String head =
        field(boundary, "_csrf", token)
            + field(boundary, "kind", "transcript")
            + field(boundary, "title", "Subida por el puerto real")
            + "--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
            + filename
            + "\"\r\nContent-Type: text/plain\r\n\r\n"
            + text;
    byte[] headBytes = head.getBytes(StandardCharsets.UTF_8);
    byte[] tailBytes = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
    long length = headBytes.length + filler + tailBytes.length;
    return HttpRequest.newBuilder(url(sourcesUrl()))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .header("Accept-Language", "es")
        .header("Accept", accept)
        .timeout(Duration.ofMinutes(2))
        .POST(
            BodyPublishers.fromPublisher(
                BodyPublishers.ofInputStream(
                    () ->
                        new SequenceInputStream(
                            java.util.Collections.enumeration(
                                List.of(
                                    new java.io.ByteArrayInputStream(headBytes),
                                    new Filler(filler),
                                    new java.io.ByteArrayInputStream(tailBytes))))),
                length))
        .build();
  }

  private static String field(String boundary, String name, String value) {
    return "--"
        + boundary
        + "\r\nContent-Disposition: form-data; name=\""
        + name
        + "\"\r\n\r\n"
        + value
        + "\r\n";
  }

  /** {@code n} bytes of "a", generated as they are read. */
  private static final class Filler extends InputStream {
    private long left;

    Filler(long n) {
      this.left = n;
    }

    @Override
    public int read() {
      if (left <= 0) {
        return -1;
      }
      left--;
      return 'a';
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (left <= 0) {
        return -1;
      }
      int n = (int) Math.min(len, left);
      Arrays.fill(b, off, off + n, (byte) 'a');
      left -= n;
      return n;
    }
  }

  private URI url(String path) {
    return URI.create("http://localhost:" + port + path);
  }

  // ---- media ----

  @Test
  void mediaOfAnUnsupportedTypeIsRefusedWithTheTypeInTheMessageAndNothingIsStored()
      throws Exception {
    fixtures.actAs(coordinator);
    UUID activity =
        activities.create(
            site,
            new NewActivity(
                "workshop", LocalDate.of(2017, 3, 11), "Taller", List.of(), List.of(), List.of()));
    fixtures.actAsNobody();
    long before = jdbc.sql("select count(*) from media").query(Long.class).single();

    for (String type : List.of("application/x-msdownload", "image/<svg onload=alert(1)>")) {
      MvcResult result =
          mvc.perform(
                  multipart(
                          "/manage/sites/"
                              + site.key()
                              + "/fieldwork/activities/"
                              + activity
                              + "/media")
                      .file(
                          new MockMultipartFile(
                              "file", "grabacion.exe", type, new byte[] {1, 2, 3}))
                      .param("kind", "audio")
                      .session(session)
                      .with(csrf())
                      .header("Accept-Language", "es")
                      .accept("text/html"))
              // The activity's page again (422), the kind still chosen, the reason above the form.
              .andExpect(status().is(422))
              .andReturn();
      String page = result.getResponse().getContentAsString(StandardCharsets.UTF_8);
      assertThat(page)
          .contains("No se admiten archivos de tipo")
          .contains("<option value=\"audio\" selected=\"selected\"")
          .doesNotContain("<svg");
      if (type.equals("application/x-msdownload")) {
        assertThat(page).contains("«application/x-msdownload»");
      }
    }
    assertThat(jdbc.sql("select count(*) from media").query(Long.class).single()).isEqualTo(before);
  }

  // ---- helpers ----

  private record Counts(long sources, long turns, long keys) {}

  private Counts counts() {
    return jdbc.sql(
            "select (select count(*) from source),"
                + " (select coalesce(sum(turns), 0) from source_part),"
                + " (select count(*) from source_part)")
        .query((rs, i) -> new Counts(rs.getLong(1), rs.getLong(2), rs.getLong(3)))
        .single();
  }

  /** The same zip with {@code padding} spaces after the end of one XML part (still valid XML). */
  private static byte[] padded(byte[] zipped, String part, int padding) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] spaces = new byte[64 * KIB];
    Arrays.fill(spaces, (byte) ' ');
    try (ZipOutputStream zip = new ZipOutputStream(out);
        ZipInputStream in = new ZipInputStream(new java.io.ByteArrayInputStream(zipped))) {
      for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        zip.putNextEntry(new ZipEntry(entry.getName()));
        in.transferTo(zip);
        if (entry.getName().equals(part)) {
          for (int written = 0; written < padding; written += spaces.length) {
            zip.write(spaces);
          }
        }
      }
    }
    return out.toByteArray();
  }
}
