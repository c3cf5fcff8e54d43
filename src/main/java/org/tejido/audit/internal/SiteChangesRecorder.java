package org.tejido.audit.internal;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.tejido.audit.AuditLog;
import org.tejido.sites.SiteChanged;

/**
 * Records what an administrator does to a site. {@code sites} cannot call the audit log (the log
 * depends on it through {@code identity}), so it publishes {@link SiteChanged}; a plain listener
 * runs inside the same transaction, so the entry commits or rolls back with the change.
 */
@Component
class SiteChangesRecorder {

  private final AuditLog audit;

  SiteChangesRecorder(AuditLog audit) {
    this.audit = audit;
  }

  @EventListener
  void on(SiteChanged change) {
    String action;
    if (change instanceof SiteChanged.Added) {
      action = "site.added";
    } else if (change instanceof SiteChanged.Edited) {
      action = "site.edited";
    } else if (change instanceof SiteChanged.Suspended) {
      action = "site.suspended";
    } else {
      action = "site.reactivated";
    }
    audit.record(change.site().value(), action, "site:" + change.key(), null);
  }
}
