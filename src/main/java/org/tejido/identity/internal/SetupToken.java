package org.tejido.identity.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.tejido.identity.UserAccounts;
import org.tejido.shared.PrivateFiles;

/**
 * The way in on a fresh installation: while no administrator exists, each start issues a one-time
 * token (held only in memory) that opens the page creating the first administrator. The link is
 * written to a file only Tejido's own system user may read ({@value #FILE} in the data directory),
 * never to the console: console output ends up in journald or container logs, which others may
 * read, and whoever holds the link before the first administrator exists becomes them. The file is
 * deleted once the link is used, and at any start that finds an administrator.
 */
@Component
class SetupToken {

  static final String FILE = "setup-link.txt";

  private static final Logger log = LoggerFactory.getLogger(SetupToken.class);
  private final UserAccounts accounts;
  private final Environment environment;
  private final Path file;
  private final AtomicReference<String> token = new AtomicReference<>();

  SetupToken(
      UserAccounts accounts,
      Environment environment,
      @Value("${tejido.data-dir:var}") Path dataDir) {
    this.accounts = accounts;
    this.environment = environment;
    this.file = dataDir.resolve(FILE);
  }

  @EventListener(ApplicationReadyEvent.class)
  void announce() {
    String port = environment.getProperty("local.server.port");
    if (port == null) {
      return;
    }
    announce("http://localhost:" + port);
  }

  void announce(String base) {
    if (accounts.administratorExists()) {
      delete();
      System.out.printf("%nTejido is ready: open %s/  (staff sign in at %s/login)%n%n", base, base);
      return;
    }
    String fresh = issue();
    PrivateFiles.writeSecret(file, base + "/setup?token=" + fresh + "\n");
    System.out.printf(
        "%nTejido is ready: open %s/%n"
            + "No administrator yet: the one-time setup link is in %s, readable only by this user.%n"
            + "Or stop Tejido and run: java -jar target/tejido.jar users create-admin --username"
            + " <name>%n%n",
        base, file);
    log.info("Setup link for the first administrator written to {}", file);
  }

  /** Where the link is written. */
  Path file() {
    return file;
  }

  boolean active() {
    return token.get() != null && !accounts.administratorExists();
  }

  boolean matches(String candidate) {
    String expected = token.get();
    return expected != null
        && candidate != null
        && MessageDigest.isEqual(expected.getBytes(), candidate.getBytes());
  }

  /** Uses the token up (and deletes the file holding it); false if another request already did. */
  boolean consume(String candidate) {
    String expected = token.get();
    boolean consumed = matches(candidate) && token.compareAndSet(expected, null);
    if (consumed) {
      delete();
    }
    return consumed;
  }

  String issue() {
    byte[] bytes = new byte[24];
    new SecureRandom().nextBytes(bytes);
    String fresh = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    token.set(fresh);
    return fresh;
  }

  private void delete() {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete " + file, e);
    }
  }
}
