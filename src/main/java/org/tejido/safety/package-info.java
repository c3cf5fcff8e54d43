/**
 * Safe fieldwork: the site's security protocol, check-ins before going into the field, and the
 * server-side escalation that alerts the site's chain when a member does not check out in time,
 * presses the panic control or checks out with her duress PIN. Entry point: {@link
 * org.tejido.safety.SafeFieldwork}. The escalation rules themselves (no Spring) are in {@code
 * internal.escalation}; the durable timer is db-scheduler on PostgreSQL.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Safe fieldwork")
package org.tejido.safety;
