package org.tejido.identity;

/**
 * A member of staff signing in, or a refused attempt on a known account. Published by the sign-in
 * itself so the audit log can record it without the sign-in knowing about the log. An attempt with
 * a name that belongs to no account publishes nothing: what was typed is never kept.
 */
public sealed interface StaffSignIn {

  UserId user();

  /**
   * The person is signed in with every factor their account needs.
   *
   * @param by {@code password} (no second factor needed), {@code second-factor} (a code from their
   *     authenticator or a recovery code) or {@code enrolment} (they enrolled one just now)
   */
  record SignedIn(UserId user, String by) implements StaffSignIn {}

  /** A wrong password for an existing account. */
  record PasswordRefused(UserId user) implements StaffSignIn {}

  /** The password was right but the second-factor code was not: the password may be known. */
  record SecondFactorRefused(UserId user) implements StaffSignIn {}
}
