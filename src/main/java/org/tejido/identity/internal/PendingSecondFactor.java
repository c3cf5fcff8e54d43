package org.tejido.identity.internal;

import org.tejido.identity.StaffMember;

/**
 * The principal of a session whose password was right but whose second factor is still due. It is
 * not a {@link StaffPrincipal}, so {@code Team.current()} sees nobody: the session holds no staff
 * rights until the second factor is done.
 */
record PendingSecondFactor(StaffMember member) {
  @Override
  public String toString() {
    return "PendingSecondFactor[" + member.id() + "]";
  }
}
