package org.tejido.audit.internal;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.tejido.audit.AuditLog;
import org.tejido.identity.SecondFactorChanged;
import org.tejido.identity.StaffAccessChanged;
import org.tejido.identity.StaffSignIn;

/**
 * Records every change to staff accounts, roles and second factors in the audit log, in the
 * transaction that made it, and every sign-in and refused attempt on an existing account. The
 * subject is the account id, never a name; a role change is recorded under its site, so that site's
 * coordinators see it on their audit page.
 */
@Component
class StaffChangesAudit {

  private final AuditLog audit;

  StaffChangesAudit(AuditLog audit) {
    this.audit = audit;
  }

  @EventListener
  void on(StaffAccessChanged change) {
    String subject = subject(change.user());
    if (change instanceof StaffAccessChanged.AccountCreated c) {
      audit.record(
          null, "staff.account.created", subject, c.administrator() ? "administrator" : "staff");
    } else if (change instanceof StaffAccessChanged.AccountDisabled) {
      audit.record(null, "staff.account.disabled", subject, null);
    } else if (change instanceof StaffAccessChanged.AccountEnabled) {
      audit.record(null, "staff.account.enabled", subject, null);
    } else if (change instanceof StaffAccessChanged.PasswordChanged) {
      // Only the person changes their own password, also when a reset left them no staff right
      // until they have.
      audit.recordActedBy(change.user(), null, "staff.password.changed", subject, null);
    } else if (change instanceof StaffAccessChanged.PasswordReset reset) {
      audit.record(
          null, "staff.password.reset", subject, reset.generated() ? "generated" : "typed");
    } else if (change instanceof StaffAccessChanged.RoleGranted g) {
      audit.record(
          g.site().value(),
          "staff.role.granted",
          subject,
          "role=" + g.role().code() + (g.former() == null ? "" : " former=" + g.former().code()));
    } else if (change instanceof StaffAccessChanged.RoleRevoked r) {
      audit.record(r.site().value(), "staff.role.revoked", subject, "former=" + r.former().code());
    }
  }

  @EventListener
  void on(SecondFactorChanged change) {
    String subject = subject(change.user());
    if (change instanceof SecondFactorChanged.Enrolled) {
      // Done by the person themselves, before their session holds any staff right.
      audit.recordActedBy(change.user(), null, "staff.second-factor.enrolled", subject, null);
    } else if (change instanceof SecondFactorChanged.RecoveryCodeUsed used) {
      audit.recordActedBy(
          used.user(),
          null,
          "staff.second-factor.recovery-code-used",
          subject,
          "remaining=" + used.remaining());
    } else if (change instanceof SecondFactorChanged.Reset) {
      audit.record(null, "staff.second-factor.reset", subject, null);
    }
  }

  /**
   * Sign-ins, account-level: the person as actor once they are in; no actor for a refused attempt,
   * since whoever tried is not known to be the account's owner.
   */
  @EventListener
  void on(StaffSignIn attempt) {
    String subject = subject(attempt.user());
    if (attempt instanceof StaffSignIn.SignedIn in) {
      audit.recordActedBy(in.user(), null, "staff.signed-in", subject, in.by());
    } else if (attempt instanceof StaffSignIn.PasswordRefused) {
      audit.recordActedBy(null, null, "staff.sign-in.refused", subject, "password");
    } else if (attempt instanceof StaffSignIn.SecondFactorRefused) {
      audit.recordActedBy(null, null, "staff.sign-in.refused", subject, "second-factor");
    }
  }

  private static String subject(org.tejido.identity.UserId user) {
    return "user:" + user.value();
  }
}
