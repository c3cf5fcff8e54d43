package org.tejido.analysis;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tejido.analysis.Memo.MemoTarget;
import org.tejido.analysis.internal.AnalysisStore;
import org.tejido.audit.AuditLog;
import org.tejido.crypto.SiteEncryption;
import org.tejido.identity.SiteRole;
import org.tejido.identity.StaffMember;
import org.tejido.identity.Team;
import org.tejido.shared.Forbidden;
import org.tejido.shared.NotFound;
import org.tejido.shared.Validation;
import org.tejido.sites.Site;

/**
 * Memos on codes, sources and codings. A memo may quote testimony, so its text is sealed with the
 * site's analysis key, bound to the memo's id ({@code analysis_memo:<id>}). Every coder of the site
 * reads and writes them; a memo is changed or deleted by its author, or by a coordinator (memos of
 * an imported project's other team have no author here). Writing, changing, deleting and reading
 * are audited with ids only.
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

  /**
   * A memo as its page shows it.
   *
   * @param author the author's display name, or the name an imported project gave its coder
   * @param mayChange whether the signed-in person may edit or delete it
   */
  public record Shown(Memo memo, String author, boolean mayChange) {}

  /**
   * What a memo is about, for its page: a code, a source, or a coding (its source and code).
   *
   * @param source the source, or the coding's source; null for a code
   * @param code the code, or the coding's code; null for a source
   */
  public record Subject(MemoTarget target, UUID id, UUID source, UUID code) {}

  /**
   * @throws NotFound {@code analysis.memo.target} when the target is not the site's
   */
  @Transactional(readOnly = true)
  public Subject subject(Site site, MemoTarget target, UUID targetId) {
    team.require(site.id(), Codebook.CODERS);
    UUID siteId = site.id().value();
    requireTarget(siteId, target, targetId);
    return switch (target) {
      case CODE -> new Subject(target, targetId, null, targetId);
      case SOURCE -> new Subject(target, targetId, targetId, null);
      case CODING -> {
        Coding c =
            store.coding(siteId, targetId).orElseThrow(() -> new NotFound("analysis.memo.target"));
        yield new Subject(target, targetId, c.sourceId(), c.codeId());
      }
    };
  }

  /** The associated data a memo's text is sealed with. */
  public static String context(UUID memo) {
    return "analysis_memo:" + memo;
  }

  /**
   * Adds a memo by the signed-in person.
   *
   * @throws NotFound {@code analysis.memo.target} when the code, source or coding is not the site's
   */
  @Transactional
  public UUID add(Site site, MemoTarget target, UUID targetId, String text) {
    StaffMember me = team.require(site.id(), Codebook.CODERS);
    UUID siteId = site.id().value();
    requireTarget(siteId, target, targetId);
    new Validation().text(text, "text", MAX_TEXT).orThrow();
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
    return store.memos(siteId, target, targetId).stream().map(m -> open(siteId, m)).toList();
  }

  /**
   * The memos on a code, source or coding with their authors, oldest first; the reading audited.
   *
   * @throws NotFound {@code analysis.memo.target} when the target is not the site's
   */
  @Transactional
  public List<Shown> shown(Site site, MemoTarget target, UUID targetId) {
    StaffMember me = team.require(site.id(), Codebook.CODERS);
    UUID siteId = site.id().value();
    requireTarget(siteId, target, targetId);
    Map<UUID, String> authors = authors(site);
    boolean coordinator = isCoordinator(site);
    List<Shown> shown =
        store.memos(siteId, target, targetId).stream()
            .map(
                m ->
                    new Shown(
                        open(siteId, m),
                        authors.getOrDefault(m.authorId(), "—"),
                        coordinator || m.authorId().equals(me.id().value())))
            .toList();
    audit.record(
        siteId, "analysis.memo.read", target.code() + ":" + targetId, shown.size() + " memos");
    return shown;
  }

  /**
   * One memo to edit, by who may change it; the reading audited.
   *
   * @throws NotFound {@code analysis.memo.not-found} unless it is a memo of the site on this target
   * @throws Forbidden {@code analysis.memo.not-yours} for someone else's memo
   */
  @Transactional
  public Shown toEdit(Site site, MemoTarget target, UUID targetId, UUID memo) {
    UUID siteId = site.id().value();
    AnalysisStore.SealedMemo m = changeable(site, target, targetId, memo);
    audit.record(siteId, "analysis.memo.read", memo.toString(), "to edit");
    return new Shown(open(siteId, m), authors(site).getOrDefault(m.authorId(), "—"), true);
  }

  /** Replaces a memo's text, still sealed and bound to its id. */
  @Transactional
  public void edit(Site site, MemoTarget target, UUID targetId, UUID memo, String text) {
    changeable(site, target, targetId, memo);
    new Validation().text(text, "text", MAX_TEXT).orThrow();
    UUID siteId = site.id().value();
    store.updateMemo(siteId, memo, encryption.seal(siteId, text.strip(), context(memo)));
    audit.record(siteId, "analysis.memo.edited", memo.toString(), target.code() + " " + targetId);
  }

  @Transactional
  public void delete(Site site, MemoTarget target, UUID targetId, UUID memo) {
    changeable(site, target, targetId, memo);
    UUID siteId = site.id().value();
    store.deleteMemo(siteId, memo);
    audit.record(siteId, "analysis.memo.deleted", memo.toString(), target.code() + " " + targetId);
  }

  /** How many memos each code, source or coding of the site has (those with none are absent). */
  @Transactional(readOnly = true)
  public Map<UUID, Integer> counts(Site site, MemoTarget target) {
    team.require(site.id(), Codebook.CODERS);
    return store.memoCounts(site.id().value(), target);
  }

  private AnalysisStore.SealedMemo changeable(
      Site site, MemoTarget target, UUID targetId, UUID memo) {
    StaffMember me = team.require(site.id(), Codebook.CODERS);
    AnalysisStore.SealedMemo m =
        store
            .memo(site.id().value(), memo)
            .filter(found -> found.target() == target && found.targetId().equals(targetId))
            .orElseThrow(() -> new NotFound("analysis.memo.not-found"));
    if (!m.authorId().equals(me.id().value()) && !isCoordinator(site)) {
      throw new Forbidden("analysis.memo.not-yours");
    }
    return m;
  }

  private boolean isCoordinator(Site site) {
    return team.currentRoleAt(site.id()).map(r -> r == SiteRole.COORDINATOR).orElse(false);
  }

  private void requireTarget(UUID siteId, MemoTarget target, UUID targetId) {
    if (targetId == null || !store.memoTargetExists(siteId, target, targetId)) {
      throw new NotFound("analysis.memo.target");
    }
  }

  private Map<UUID, String> authors(Site site) {
    Map<UUID, String> names = new HashMap<>(store.externalCoderNames(site.id().value()));
    team.membersOf(site.id()).forEach(m -> names.put(m.id().value(), m.displayName()));
    return names;
  }

  private Memo open(UUID siteId, AnalysisStore.SealedMemo m) {
    return new Memo(
        m.id(),
        m.target(),
        m.targetId(),
        m.authorId(),
        encryption.open(siteId, m.sealed(), context(m.id())),
        m.createdAt());
  }
}
