package org.tejido.audit;

import java.time.Instant;
import java.util.UUID;

/**
 * One line of the audit log.
 *
 * @param sequence the entry's place in the log: 1, 2, 3… without gaps, across all sites
 * @param at when it was recorded, to the microsecond
 * @param siteId the site the data belongs to; null for entries about no site
 * @param actorId the member of staff who acted; null for Tejido itself
 * @param actorName the actor's display name now; null for Tejido itself or an account that no
 *     longer exists
 * @param action what was done, a stable code such as {@code vault.unlock}
 * @param subject what it was done to, pseudonymous only (a participant code, a source id)
 * @param detail a short, non-sensitive note; may be null
 * @param hash SHA-256 of this entry's content chained to the previous entry's hash
 */
public record AuditEntry(
    long sequence,
    Instant at,
    UUID siteId,
    UUID actorId,
    String actorName,
    String action,
    String subject,
    String detail,
    byte[] hash) {

  public boolean bySystem() {
    return actorId == null;
  }
}
