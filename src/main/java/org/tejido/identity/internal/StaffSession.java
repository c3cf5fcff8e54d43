package org.tejido.identity.internal;

import jakarta.servlet.http.HttpSession;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.tejido.identity.StaffMember;
import org.tejido.identity.UserId;

/**
 * What a staff session carries besides the signed-in person, and the account as it is now. A
 * session is stamped at sign-in with the time and the account's {@code session_epoch}; each request
 * compares them with the database (one indexed query), so disabling an account, changing its
 * password or resetting its second factor ends its sessions at their next request.
 */
@Component
class StaffSession {

  static final String SIGNED_IN_AT = "tejido.staff.signed-in-at";
  static final String EPOCH = "tejido.staff.session-epoch";
  static final String SECOND_FACTOR_DONE = "tejido.staff.second-factor-done";

  private final JdbcClient jdbc;

  StaffSession(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The account as the database has it now. */
  record Account(
      StaffMember member,
      boolean enabled,
      long epoch,
      boolean secondFactorRequired,
      boolean passwordChangeRequired) {}

  Account load(UserId user) {
    return jdbc.sql(
            "select u.username, u.display_name, u.administrator, u.enabled, u.session_epoch,"
                + " u.administrator or exists (select 1 from site_membership m"
                + " where m.user_id = u.id and m.role = 'coordinator'),"
                + " u.password_change_required"
                + " from app_user u where u.id = ?")
        .param(user.value())
        .query(
            (rs, i) ->
                new Account(
                    new StaffMember(user, rs.getString(1), rs.getString(2), rs.getBoolean(3)),
                    rs.getBoolean(4),
                    rs.getLong(5),
                    rs.getBoolean(6),
                    rs.getBoolean(7)))
        .optional()
        .orElse(null);
  }

  /** Stamps a session that has just signed in with a password. */
  void signedIn(HttpSession session, UserId user, Instant now) {
    session.setAttribute(SIGNED_IN_AT, now);
    session.setAttribute(EPOCH, currentEpoch(user));
    session.removeAttribute(SECOND_FACTOR_DONE);
  }

  /** The session that changed its own password stays open. */
  void renewEpoch(HttpSession session, UserId user) {
    session.setAttribute(EPOCH, currentEpoch(user));
  }

  void secondFactorDone(HttpSession session) {
    session.setAttribute(SECOND_FACTOR_DONE, Boolean.TRUE);
  }

  private long currentEpoch(UserId user) {
    return jdbc.sql("select session_epoch from app_user where id = ?")
        .param(user.value())
        .query(Long.class)
        .single();
  }
}
