package org.tejido.identity;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tejido.crypto.AccountEncryption;
import org.tejido.shared.BadRequest;

/**
 * The second factor of administrators and coordinators: a TOTP authenticator (RFC 6238: HMAC-SHA1,
 * 6 digits, 30-second steps, through java-otp) and ten single-use recovery codes.
 *
 * <p>The TOTP secret is stored encrypted ({@link AccountEncryption}, bound to the account); a code
 * is accepted for the step before, the current step and the step after (phones' clocks drift), and
 * only once: the step of the last accepted code is kept, and a code of that step or an earlier one
 * is refused. Recovery codes are stored only as Argon2id hashes, and each is spent on use.
 */
@Service
public class SecondFactors {

  public static final Duration STEP = Duration.ofSeconds(30);
  public static final int RECOVERY_CODES = 10;
  private static final String CONTEXT = "staff_second_factor.sealed_secret";
  private static final String BASE32 = "abcdefghijklmnopqrstuvwxyz234567";

  private final JdbcClient jdbc;
  private final AccountEncryption encryption;
  private final PasswordEncoder hashes;
  private final ApplicationEventPublisher events;
  private final SecureRandom random = new SecureRandom();
  private final TimeBasedOneTimePasswordGenerator totp =
      new TimeBasedOneTimePasswordGenerator(STEP);
  private final Clock clock = Clock.systemUTC();

  SecondFactors(
      JdbcClient jdbc,
      AccountEncryption encryption,
      PasswordEncoder hashes,
      ApplicationEventPublisher events) {
    this.jdbc = jdbc;
    this.encryption = encryption;
    this.hashes = hashes;
    this.events = events;
  }

  /** A secret to be confirmed: as bytes, as the text a person types, and as an otpauth URI. */
  public record Enrolment(byte[] secret, String secretText, String uri) {}

  /** Administrators and anyone who coordinates a site need a second factor. */
  public boolean required(UserId user) {
    return jdbc.sql(
            "select u.administrator or exists (select 1 from site_membership m where m.user_id"
                + " = u.id and m.role = 'coordinator') from app_user u where u.id = ?")
        .param(user.value())
        .query(Boolean.class)
        .optional()
        .orElse(false);
  }

  public boolean enrolled(UserId user) {
    return jdbc.sql(
            "select exists (select 1 from staff_second_factor where user_id = ?"
                + " and confirmed_at is not null)")
        .param(user.value())
        .query(Boolean.class)
        .single();
  }

  /**
   * The secret the person is enrolling with: the one not yet confirmed if there is one (so that
   * reloading the page does not change the QR code they scanned), otherwise a new one.
   *
   * @throws BadRequest {@code second-factor.already-enrolled} when a confirmed one exists
   */
  @Transactional
  public Enrolment pendingEnrolment(UserId user, String accountName) {
    var existing =
        jdbc.sql(
                "select sealed_secret, confirmed_at is not null from staff_second_factor"
                    + " where user_id = ? for update")
            .param(user.value())
            .query((rs, i) -> new Object[] {rs.getBytes(1), rs.getBoolean(2)})
            .optional();
    byte[] secret;
    if (existing.isPresent()) {
      if ((Boolean) existing.get()[1]) {
        throw new BadRequest("second-factor.already-enrolled");
      }
      secret = encryption.open(user.value(), (byte[]) existing.get()[0], CONTEXT);
    } else {
      secret = new byte[20];
      random.nextBytes(secret);
      jdbc.sql("insert into staff_second_factor (user_id, sealed_secret) values (?, ?)")
          .params(user.value(), encryption.seal(user.value(), secret, CONTEXT))
          .update();
    }
    String text = base32(secret);
    String label = URLEncoder.encode("Tejido:" + accountName, StandardCharsets.UTF_8);
    String uri =
        "otpauth://totp/"
            + label.replace("+", "%20")
            + "?secret="
            + text.toUpperCase(Locale.ROOT)
            + "&issuer=Tejido&algorithm=SHA1&digits=6&period=30";
    return new Enrolment(secret, text, uri);
  }

  /**
   * Confirms the pending secret with a code from the authenticator.
   *
   * @return the recovery codes, to be shown once
   * @throws BadRequest {@code second-factor.code-wrong} when the code does not match
   */
  @Transactional
  public List<String> confirm(UserId user, String code) {
    byte[] sealed =
        jdbc.sql(
                "select sealed_secret from staff_second_factor where user_id = ?"
                    + " and confirmed_at is null for update")
            .param(user.value())
            .query(byte[].class)
            .optional()
            .orElseThrow(() -> new BadRequest("second-factor.code-wrong"));
    if (!acceptTotp(user, encryption.open(user.value(), sealed, CONTEXT), code)) {
      throw new BadRequest("second-factor.code-wrong");
    }
    jdbc.sql("update staff_second_factor set confirmed_at = now() where user_id = ?")
        .param(user.value())
        .update();
    List<String> codes = newRecoveryCodes(user);
    events.publishEvent(new SecondFactorChanged.Enrolled(user));
    return codes;
  }

  /**
   * Checks a code from the authenticator, or a recovery code (which is then spent).
   *
   * @return whether it was accepted
   */
  @Transactional
  public boolean verify(UserId user, String code) {
    String typed = code == null ? "" : code.replaceAll("[\\s-]", "").toLowerCase(Locale.ROOT);
    if (typed.matches("[0-9]{6}")) {
      byte[] sealed =
          jdbc.sql(
                  "select sealed_secret from staff_second_factor where user_id = ?"
                      + " and confirmed_at is not null")
              .param(user.value())
              .query(byte[].class)
              .optional()
              .orElse(null);
      return sealed != null
          && acceptTotp(user, encryption.open(user.value(), sealed, CONTEXT), typed);
    }
    if (!typed.matches("[a-z2-7]{10}")) {
      return false;
    }
    record Stored(UUID id, String hash) {}
    List<Stored> unused =
        jdbc.sql(
                "select id, code_hash from staff_recovery_code where user_id = ?"
                    + " and used_at is null")
            .param(user.value())
            .query((rs, i) -> new Stored(rs.getObject(1, UUID.class), rs.getString(2)))
            .list();
    for (Stored stored : unused) {
      if (hashes.matches(typed, stored.hash())) {
        // Spent in one statement: two requests with the same code cannot both win.
        int spent =
            jdbc.sql(
                    "update staff_recovery_code set used_at = now() where id = ?"
                        + " and used_at is null")
                .param(stored.id())
                .update();
        if (spent == 1) {
          events.publishEvent(new SecondFactorChanged.RecoveryCodeUsed(user, unused.size() - 1));
          return true;
        }
        return false;
      }
    }
    return false;
  }

  /** Removes the person's second factor: they enrol again at their next sign-in. */
  @Transactional
  public void reset(UserId user) {
    int n =
        jdbc.sql("delete from staff_second_factor where user_id = ?").param(user.value()).update();
    int codes =
        jdbc.sql("delete from staff_recovery_code where user_id = ?").param(user.value()).update();
    if (n + codes > 0) {
      // Sessions that passed the old second factor end with it.
      jdbc.sql("update app_user set session_epoch = session_epoch + 1 where id = ?")
          .param(user.value())
          .update();
      events.publishEvent(new SecondFactorChanged.Reset(user));
    }
  }

  /** The six-digit code an authenticator shows for this secret at this instant. */
  public String codeAt(byte[] secret, Instant instant) {
    try {
      return totp.generateOneTimePasswordString(new SecretKeySpec(secret, "HmacSHA1"), instant);
    } catch (InvalidKeyException e) {
      throw new IllegalStateException(e);
    }
  }

  private boolean acceptTotp(UserId user, byte[] secret, String code) {
    String typed = code == null ? "" : code.replaceAll("\\s", "");
    if (!typed.matches("[0-9]{6}")) {
      return false;
    }
    Instant now = clock.instant();
    long current = now.getEpochSecond() / STEP.toSeconds();
    for (long step = current - 1; step <= current + 1; step++) {
      String expected = codeAt(secret, Instant.ofEpochSecond(step * STEP.toSeconds()));
      if (MessageDigest.isEqual(
          expected.getBytes(StandardCharsets.US_ASCII),
          typed.getBytes(StandardCharsets.US_ASCII))) {
        // Accepted once: only a step later than the last one accepted moves it forward.
        return jdbc.sql(
                    "update staff_second_factor set last_used_step = ? where user_id = ?"
                        + " and last_used_step < ?")
                .params(step, user.value(), step)
                .update()
            == 1;
      }
    }
    return false;
  }

  private List<String> newRecoveryCodes(UserId user) {
    jdbc.sql("delete from staff_recovery_code where user_id = ?").param(user.value()).update();
    List<String> codes = new ArrayList<>();
    for (int i = 0; i < RECOVERY_CODES; i++) {
      byte[] bytes = new byte[7];
      random.nextBytes(bytes);
      String code = base32(bytes).substring(0, 10);
      codes.add(code.substring(0, 5) + "-" + code.substring(5));
    }
    List<String> hashed =
        codes.parallelStream().map(c -> hashes.encode(c.replace("-", ""))).toList();
    for (String hash : hashed) {
      jdbc.sql("insert into staff_recovery_code (user_id, code_hash) values (?, ?)")
          .params(user.value(), hash)
          .update();
    }
    return codes;
  }

  /** RFC 4648 base32, lower case, without padding: what authenticator apps accept typed in. */
  static String base32(byte[] bytes) {
    StringBuilder out = new StringBuilder();
    int buffer = 0;
    int bits = 0;
    for (byte b : bytes) {
      buffer = (buffer << 8) | (b & 0xff);
      bits += 8;
      while (bits >= 5) {
        out.append(BASE32.charAt((buffer >> (bits - 5)) & 31));
        bits -= 5;
      }
    }
    if (bits > 0) {
      out.append(BASE32.charAt((buffer << (5 - bits)) & 31));
    }
    return out.toString();
  }
}
