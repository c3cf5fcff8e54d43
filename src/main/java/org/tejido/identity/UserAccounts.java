package org.tejido.identity;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tejido.shared.BadRequest;
import org.tejido.shared.Conflict;
import org.tejido.shared.NotFound;
import org.tejido.sites.SiteId;

/** Creating staff accounts and giving them roles at sites. */
@Service
public class UserAccounts {

  public static final int MIN_PASSWORD_LENGTH = 12;
  public static final int MAX_PASSWORD_LENGTH = 128;

  private final JdbcClient jdbc;
  private final PasswordEncoder passwords;
  private final ApplicationEventPublisher events;

  UserAccounts(JdbcClient jdbc, PasswordEncoder passwords, ApplicationEventPublisher events) {
    this.jdbc = jdbc;
    this.passwords = passwords;
    this.events = events;
  }

  /** A new account as listed to the administrator. */
  public record Account(
      UserId id, String username, String displayName, boolean administrator, boolean enabled) {}

  /**
   * @throws BadRequest when the name or password does not meet the rules
   * @throws Conflict {@code user.username.taken} when the name is in use (in any letter case)
   */
  @Transactional
  public UserId create(
      String username, String displayName, String password, boolean administrator) {
    String name = username == null ? "" : username.strip();
    if (!name.matches("[A-Za-z0-9._@-]{3,64}")) {
      throw new BadRequest("user.username.invalid");
    }
    String display = displayName == null ? "" : displayName.strip();
    if (display.isEmpty() || display.length() > 120) {
      throw new BadRequest("user.display-name.invalid");
    }
    checkPassword(password);
    try {
      UUID id =
          jdbc.sql(
                  "insert into app_user (username, display_name, password_hash, administrator)"
                      + " values (?, ?, ?, ?) returning id")
              .params(name, display, passwords.encode(password), administrator)
              .query(UUID.class)
              .single();
      UserId created = new UserId(id);
      events.publishEvent(new StaffAccessChanged.AccountCreated(created, administrator));
      return created;
    } catch (DuplicateKeyException e) {
      throw new Conflict("user.username.taken", name);
    }
  }

  /**
   * @throws BadRequest {@code user.password.length} outside 12–128 characters, {@code
   *     user.password.common} for a password on the list of the most common ones
   */
  public static void checkPassword(String password) {
    if (password == null
        || password.length() < MIN_PASSWORD_LENGTH
        || password.length() > MAX_PASSWORD_LENGTH) {
      throw new BadRequest("user.password.length", MIN_PASSWORD_LENGTH, MAX_PASSWORD_LENGTH);
    }
    if (CommonPasswords.isCommon(password)) {
      throw new BadRequest("user.password.common");
    }
  }

  @Transactional
  public void changePassword(UserId user, String password) {
    checkPassword(password);
    int n =
        // A new password ends every session of the account; the one that changed it renews.
        jdbc.sql(
                "update app_user set password_hash = ?, session_epoch = session_epoch + 1,"
                    + " password_change_required = false where id = ?")
            .params(passwords.encode(password), user.value())
            .update();
    if (n == 0) {
      throw new NotFound("user.not-found");
    }
    events.publishEvent(new StaffAccessChanged.PasswordChanged(user));
  }

  /**
   * Gives the account a temporary password: the one the administrator typed, or a generated one.
   * Every session of the account ends, and until the person chooses a new password their sessions
   * reach only the password change page and sign-out.
   *
   * @param typed the administrator's choice, or null or blank for a generated one
   * @return the temporary password, to be shown once to the administrator
   * @throws BadRequest when a typed password does not meet the rules
   */
  @Transactional
  public String resetPassword(UserId user, String typed) {
    boolean generated = typed == null || typed.isBlank();
    String password = generated ? TemporaryPasswords.generate() : typed;
    checkPassword(password);
    int n =
        jdbc.sql(
                "update app_user set password_hash = ?, session_epoch = session_epoch + 1,"
                    + " password_change_required = true where id = ?")
            .params(passwords.encode(password), user.value())
            .update();
    if (n == 0) {
      throw new NotFound("user.not-found");
    }
    events.publishEvent(new StaffAccessChanged.PasswordReset(user, generated));
    return password;
  }

  /** Whether the person must choose a new password before anything else (after a reset). */
  public boolean passwordChangeRequired(UserId user) {
    return jdbc.sql("select password_change_required from app_user where id = ?")
        .param(user.value())
        .query(Boolean.class)
        .optional()
        .orElse(false);
  }

  @Transactional
  public void setEnabled(UserId user, boolean enabled) {
    Boolean was =
        jdbc.sql("select enabled from app_user where id = ? for update")
            .param(user.value())
            .query(Boolean.class)
            .optional()
            .orElseThrow(() -> new NotFound("user.not-found"));
    if (was == enabled) {
      return;
    }
    // Disabling ends every open session of the account (compared on each request).
    jdbc.sql(
            "update app_user set enabled = ?,"
                + " session_epoch = session_epoch + case when ? then 0 else 1 end where id = ?")
        .params(enabled, enabled, user.value())
        .update();
    events.publishEvent(
        enabled
            ? new StaffAccessChanged.AccountEnabled(user)
            : new StaffAccessChanged.AccountDisabled(user));
  }

  /** Gives the person this role at the site, replacing any role they had there. */
  @Transactional
  public void assign(UserId user, SiteId site, SiteRole role) {
    find(user);
    SiteRole former = heldRole(user, site);
    if (former == role) {
      return;
    }
    jdbc.sql(
            "insert into site_membership (user_id, site_id, role) values (?, ?, ?)"
                + " on conflict (user_id, site_id) do update set role = excluded.role")
        .params(user.value(), site.value(), role.code())
        .update();
    events.publishEvent(new StaffAccessChanged.RoleGranted(user, site, role, former));
  }

  @Transactional
  public void revoke(UserId user, SiteId site) {
    SiteRole former = heldRole(user, site);
    if (former == null) {
      return;
    }
    jdbc.sql("delete from site_membership where user_id = ? and site_id = ?")
        .params(user.value(), site.value())
        .update();
    events.publishEvent(new StaffAccessChanged.RoleRevoked(user, site, former));
  }

  /** The role held at the site whether or not the account is enabled, locked for the change. */
  private SiteRole heldRole(UserId user, SiteId site) {
    return jdbc.sql("select role from site_membership where user_id = ? and site_id = ? for update")
        .params(user.value(), site.value())
        .query(String.class)
        .optional()
        .map(SiteRole::fromCode)
        .orElse(null);
  }

  public Account find(UserId user) {
    return jdbc.sql(
            "select id, username, display_name, administrator, enabled from app_user where id = ?")
        .param(user.value())
        .query(UserAccounts::map)
        .optional()
        .orElseThrow(() -> new NotFound("user.not-found"));
  }

  public List<Account> all() {
    return jdbc.sql(
            "select id, username, display_name, administrator, enabled from app_user"
                + " order by lower(username)")
        .query(UserAccounts::map)
        .list();
  }

  /**
   * The display names of those of these accounts that still exist, for showing people where records
   * hold only their ids (the audit log).
   */
  public Map<UserId, String> displayNames(Collection<UserId> users) {
    Map<UserId, String> names = new HashMap<>();
    if (users.isEmpty()) {
      return names;
    }
    jdbc.sql("select id, display_name from app_user where id = any(?)")
        .param(users.stream().map(UserId::value).toArray(UUID[]::new))
        .query((rs, i) -> names.put(new UserId(rs.getObject(1, UUID.class)), rs.getString(2)))
        .list();
    return names;
  }

  public boolean administratorExists() {
    return jdbc.sql("select exists (select 1 from app_user where administrator and enabled)")
        .query(Boolean.class)
        .single();
  }

  public boolean usernameTaken(String username) {
    return jdbc.sql("select exists (select 1 from app_user where lower(username) = ?)")
        .param(username == null ? "" : username.strip().toLowerCase(Locale.ROOT))
        .query(Boolean.class)
        .single();
  }

  private static Account map(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
    return new Account(
        new UserId(rs.getObject("id", UUID.class)),
        rs.getString("username"),
        rs.getString("display_name"),
        rs.getBoolean("administrator"),
        rs.getBoolean("enabled"));
  }
}
