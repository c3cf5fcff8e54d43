package org.tejido.vault.internal;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.tejido.audit.AuditLog;
import org.tejido.identity.SiteRole;
import org.tejido.identity.StaffAccessChanged;
import org.tejido.identity.Team;
import org.tejido.identity.UserId;
import org.tejido.shared.ServingStarted;
import org.tejido.sites.SiteId;

/**
 * A coordinator who stops being one — role revoked, changed to another, or account disabled — loses
 * their wrapped copy of the site's vault key at once, in the same transaction as the change, and a
 * vault they had opened is locked. Their passphrase then opens nothing, whatever they remember; a
 * copy of the database taken before still holds the wrap (docs/security.md).
 */
@Component
public class KeyHolderRemoval {

  private final VaultStore store;
  private final UnlockedVaults unlocked;
  private final PendingCeremonies ceremonies;
  private final AuditLog audit;
  private final Team team;

  KeyHolderRemoval(
      VaultStore store,
      UnlockedVaults unlocked,
      PendingCeremonies ceremonies,
      AuditLog audit,
      Team team) {
    this.store = store;
    this.unlocked = unlocked;
    this.ceremonies = ceremonies;
    this.audit = audit;
    this.team = team;
  }

  /**
   * At start-up, removes the wraps of people who are no longer coordinators of the site (or whose
   * account is disabled): left by earlier versions, which kept them after a role change. Audited
   * like any other removal, acted by Tejido itself. Only when serving (see {@link ServingStarted}).
   */
  @EventListener
  @Transactional
  public void removeStaleWraps(ServingStarted started) {
    for (VaultStore.SiteHolder h : store.userHolders()) {
      UUID user = UUID.fromString(h.holder().substring("user:".length()));
      boolean coordinator =
          team.roleOf(new UserId(user), new SiteId(h.site()))
              .map(r -> r == SiteRole.COORDINATOR)
              .orElse(false);
      if (!coordinator && store.deleteWrap(h.site(), h.holder())) {
        audit.record(
            h.site(), "vault.key-holder.removed", user.toString(), "no longer coordinator");
      }
    }
  }

  @EventListener
  void on(StaffAccessChanged change) {
    UUID user = change.user().value();
    if (change instanceof StaffAccessChanged.RoleRevoked revoked) {
      remove(user, revoked.site().value(), "role.revoked");
    } else if (change instanceof StaffAccessChanged.RoleGranted granted
        && granted.role() != SiteRole.COORDINATOR) {
      remove(user, granted.site().value(), "role.changed");
    } else if (change instanceof StaffAccessChanged.AccountDisabled) {
      Set<UUID> sites = new LinkedHashSet<>(store.sitesHeldBy("user:" + user));
      sites.addAll(unlocked.sitesOpenedBy(user));
      for (UUID site : sites) {
        remove(user, site, "account.disabled");
      }
    }
  }

  private void remove(UUID user, UUID site, String why) {
    if (store.deleteWrap(site, "user:" + user)) {
      audit.record(site, "vault.key-holder.removed", user.toString(), why);
    }
    if (unlocked.peek(site).map(o -> o.openedBy().equals(user)).orElse(false)) {
      unlocked.lock(site);
      audit.record(site, "vault.lock", user.toString(), why);
    }
    ceremonies.removeUser(user);
  }
}
