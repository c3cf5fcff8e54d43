package org.tejido.identity.internal;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.tejido.identity.UserAccounts;

/**
 * The way in on a fresh installation: while no administrator exists, each start prints a one-time
 * token (held only in memory) that opens the page creating the first administrator.
 */
@Component
class SetupToken {

  private static final Logger log = LoggerFactory.getLogger(SetupToken.class);
  private final UserAccounts accounts;
  private final Environment environment;
  private final AtomicReference<String> token = new AtomicReference<>();

  SetupToken(UserAccounts accounts, Environment environment) {
    this.accounts = accounts;
    this.environment = environment;
  }

  @EventListener(ApplicationReadyEvent.class)
  void announce() {
    String port = environment.getProperty("local.server.port");
    if (port == null) {
      return;
    }
    String base = "http://localhost:" + port;
    if (accounts.administratorExists()) {
      System.out.printf("%nTejido is ready: open %s/  (staff sign in at %s/login)%n%n", base, base);
      return;
    }
    String fresh = issue();
    // Printed to the console, not the log files: it is a one-time credential.
    System.out.printf(
        "%nTejido is ready: open %s/%nNo administrator yet. Create one (this link works once):%n"
            + "  %s/setup?token=%s%n"
            + "or stop Tejido and run: java -jar target/tejido.jar users create-admin --username <name>%n%n",
        base, base, fresh);
    log.info("Setup token issued for the first administrator");
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

  /** Uses the token up; returns false if another request already did. */
  boolean consume(String candidate) {
    String expected = token.get();
    return matches(candidate) && token.compareAndSet(expected, null);
  }

  String issue() {
    byte[] bytes = new byte[24];
    new SecureRandom().nextBytes(bytes);
    String fresh = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    token.set(fresh);
    return fresh;
  }
}
