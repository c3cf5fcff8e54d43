package org.tejido;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tejido.shared.cli.CommandLineEntry;

/**
 * The administrative commands as a person runs them: {@code java -jar tejido.jar users ...}, in a
 * context without a web server, against its own (here embedded, fresh) database.
 */
class CommandLineTest {

  private final String dir = "target/cli-" + UUID.randomUUID();

  @AfterEach
  void clear() {
    System.clearProperty("tejido.db.embedded.data-dir");
    System.clearProperty("tejido.db.embedded.fsync");
    System.clearProperty("tejido.crypto.master-key-file");
    System.clearProperty("tejido.data-dir");
    System.clearProperty("tejido.db.embedded.password-file");
  }

  private int run(String stdin, ByteArrayOutputStream out, String... args) {
    System.setProperty("tejido.db.embedded.data-dir", dir + "/pgdata");
    System.setProperty("tejido.db.embedded.fsync", "false");
    System.setProperty("tejido.crypto.master-key-file", dir + "/keys/master.json");
    System.setProperty("tejido.data-dir", dir);
    System.setProperty("tejido.db.embedded.password-file", dir + "/postgres-password");
    InputStream in = System.in;
    PrintStream original = System.out;
    try {
      System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      return TejidoApplication.command(args);
    } finally {
      System.setIn(in);
      System.setOut(original);
    }
  }

  @Test
  void deidentifyProposePrintsOneJsonLinePerProposalWithCodePointOffsetsAndNoDatabase()
      throws Exception {
    Path texts = Files.createDirectories(Path.of(dir, "texts", "nested"));
    // The emoji is two chars but one code point: offsets after it count code points, as brat does.
    Files.writeString(
        texts.resolve("x.txt"), "🙏 Ayer vino doña Rosa y dejó su número 443 123 4567.");
    Files.writeString(texts.resolve("notes.md"), "Juana Martínez");
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    int exit = run("", out, "deidentify", "propose", Path.of(dir, "texts").toString());

    assertThat(exit).isZero();
    String file = Path.of(dir, "texts", "nested", "x.txt").toString();
    assertThat(out.toString(StandardCharsets.UTF_8).lines())
        .containsExactly(
            "{\"file\":\""
                + file
                + "\",\"start\":17,\"end\":21,\"kind\":\"person\",\"confidence\":0.90,"
                + "\"rule\":\"title\",\"text\":\"Rosa\"}",
            "{\"file\":\""
                + file
                + "\",\"start\":39,\"end\":51,\"kind\":\"contact\",\"confidence\":1.00,"
                + "\"rule\":\"phone\",\"text\":\"443 123 4567\"}");
    assertThat(Path.of(dir, "pgdata")).as("no database was started").doesNotExist();
  }

  @Test
  void deidentifyProposeRefusesAPathThatDoesNotExist() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    assertThat(run("", out, "deidentify", "propose", dir + "/missing.txt")).isEqualTo(2);
    assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void theDemoOptionServesInsteadOfRunningACommand() {
    assertThat(CommandLineEntry.isCommand(new String[] {"--demo"})).isFalse();
    assertThat(CommandLineEntry.isCommand(new String[] {"--demo", "--server.port=9090"})).isFalse();
    assertThat(CommandLineEntry.isCommand(new String[] {"users", "list"})).isTrue();
    assertThat(TejidoApplication.serverArguments(new String[] {"--server.port=9090", "--demo"}))
        .containsExactly("--server.port=9090", "--tejido.demo.enabled=true");
    assertThat(TejidoApplication.serverArguments(new String[0])).isEmpty();
  }

  @Test
  void createsTheFirstAdministratorAndListsItWithoutAWebServer() {
    ByteArrayOutputStream created = new ByteArrayOutputStream();
    assertThat(
            run(
                "una frase de paso bastante larga\n",
                created,
                "users",
                "create-admin",
                "--username",
                "primera",
                "--password-stdin"))
        .isZero();
    assertThat(created.toString(StandardCharsets.UTF_8))
        .contains("Administrator 'primera' created");

    ByteArrayOutputStream listed = new ByteArrayOutputStream();
    assertThat(run("", listed, "users", "list")).isZero();
    assertThat(listed.toString(StandardCharsets.UTF_8))
        .contains("primera")
        .contains("administrator");
    assertThat(listed.toString(StandardCharsets.UTF_8)).doesNotContain("una frase de paso");
  }

  @Test
  void qdpxImportRefusesAnUnknownSiteInOneLineWithExitCodeTwo() throws Exception {
    Path file = Files.createDirectories(Path.of(dir)).resolve("p.qdpx");
    Files.write(file, new byte[] {'P', 'K'});
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream original = System.err;
    int exit;
    try {
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      exit = run("", out, "qdpx", "import", "--site", "no-such-site", "--dry-run", file.toString());
    } finally {
      System.setErr(original);
    }

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8).lines()).contains("unknown site: no-such-site");
    assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("codes:");
  }
}
