package org.tejido.identity;

/** A signed-in member of staff, as other modules see them. */
public record StaffMember(UserId id, String username, String displayName, boolean administrator) {}
