/**
 * The audit log: an append-only, tamper-evident record of who read or changed protected ("vault")
 * data, and when. Modules call {@link org.tejido.audit.AuditLog#record} in the transaction that
 * does the reading or changing; the site's coordinators read the log on its own page.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Audit log")
package org.tejido.audit;
