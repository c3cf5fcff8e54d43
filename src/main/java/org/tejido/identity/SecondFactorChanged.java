package org.tejido.identity;

/**
 * What changed in a member of staff's second factor. Published inside the transaction that made the
 * change, like {@link StaffAccessChanged}, so the audit log records it with it.
 */
public sealed interface SecondFactorChanged {

  UserId user();

  /** The person confirmed a TOTP authenticator and received new recovery codes. */
  record Enrolled(UserId user) implements SecondFactorChanged {}

  /** The person signed in with a recovery code; {@code remaining} are left unused. */
  record RecoveryCodeUsed(UserId user, int remaining) implements SecondFactorChanged {}

  /** An administrator removed the person's second factor; they enrol again at next sign-in. */
  record Reset(UserId user) implements SecondFactorChanged {}
}
