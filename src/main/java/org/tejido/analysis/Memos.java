package org.tejido.analysis;

import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tejido.analysis.Memo.MemoTarget;
import org.tejido.analysis.internal.AnalysisStore;
import org.tejido.audit.AuditLog;
import org.tejido.crypto.SiteEncryption;
import org.tejido.identity.StaffMember;
import org.tejido.identity.Team;
import org.tejido.shared.Validation;
import org.tejido.sites.Site;

/**
 * Memos on codes, sources and codings. A memo may quote testimony, so its text is sealed with the
 * site's analysis key, bound to the memo's id ({@code analysis_memo:<id>}); the target is not
 * checked here beyond its kind: callers pass ids of this site.
 */
@Service
public class Memos {

  public static final int MAX_TEXT = 20_000;

  private final AnalysisStore store;
  private final SiteEncryption encryption;
  private final Team team;
  private final AuditLog audit;

  Memos(AnalysisStore store, SiteEncryption encryption, Team team, AuditLog audit) {
    this.store = store;
    this.encryption = encryption;
    this.team = team;
    this.audit = audit;
  }

  /** The associated data a memo's text is sealed with. */
  public static String context(UUID memo) {
    return "analysis_memo:" + memo;
  }

  @Transactional
  public UUID add(Site site, MemoTarget target, UUID targetId, String text) {
    StaffMember me = team.require(site.id(), Codebook.CODERS);
    new Validation().text(text, "text", MAX_TEXT).orThrow();
    UUID siteId = site.id().value();
    UUID id = store.newMemoId();
    store.insertMemo(
        siteId,
        id,
        target,
        targetId,
        me.id().value(),
        encryption.seal(siteId, text.strip(), context(id)));
    audit.record(siteId, "analysis.memo.added", id.toString(), target.code() + " " + targetId);
    return id;
  }

  @Transactional(readOnly = true)
  public List<Memo> of(Site site, MemoTarget target, UUID targetId) {
    team.require(site.id(), Codebook.CODERS);
    UUID siteId = site.id().value();
    return store.memos(siteId, target, targetId).stream()
        .map(
            m ->
                new Memo(
                    m.id(),
                    m.target(),
                    m.targetId(),
                    m.authorId(),
                    encryption.open(siteId, m.sealed(), context(m.id())),
                    m.createdAt()))
        .toList();
  }
}
