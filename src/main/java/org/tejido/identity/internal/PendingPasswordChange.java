package org.tejido.identity.internal;

import org.tejido.identity.StaffMember;

/**
 * The principal of a session whose password was reset by an administrator and not yet replaced by
 * the person's own. It is not a {@link StaffPrincipal}, so {@code Team.current()} sees nobody: the
 * session holds no staff rights until the new password is chosen.
 */
record PendingPasswordChange(StaffMember member) {
  @Override
  public String toString() {
    return "PendingPasswordChange[" + member.id() + "]";
  }
}
