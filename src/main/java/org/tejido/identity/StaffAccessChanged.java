package org.tejido.identity;

import org.tejido.sites.SiteId;

/**
 * What changed in a member of staff's access. Published inside the transaction that made the
 * change, so listeners (the vault deleting a former coordinator's key, the audit log) act at once
 * and roll back with it.
 */
public sealed interface StaffAccessChanged {

  UserId user();

  /** A new account exists. */
  record AccountCreated(UserId user, boolean administrator) implements StaffAccessChanged {}

  /** The account may no longer sign in; its sessions end. */
  record AccountDisabled(UserId user) implements StaffAccessChanged {}

  /** The account may sign in again. */
  record AccountEnabled(UserId user) implements StaffAccessChanged {}

  /** The account's password changed; its other sessions end. */
  record PasswordChanged(UserId user) implements StaffAccessChanged {}

  /**
   * An administrator gave the account a temporary password, {@code generated} by Tejido or typed by
   * them; its sessions end, and the person must choose a new password at their next sign-in.
   */
  record PasswordReset(UserId user, boolean generated) implements StaffAccessChanged {}

  /** The person now holds {@code role} at the site; {@code former} is what they held, or null. */
  record RoleGranted(UserId user, SiteId site, SiteRole role, SiteRole former)
      implements StaffAccessChanged {}

  /** The person no longer holds {@code former} at the site. */
  record RoleRevoked(UserId user, SiteId site, SiteRole former) implements StaffAccessChanged {}
}
