package org.tejido.analysis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tejido.analysis.internal.AnalysisStore;
import org.tejido.analysis.internal.QdcCodebook;
import org.tejido.analysis.internal.QdcCodebook.QdcCode;
import org.tejido.audit.AuditLog;
import org.tejido.identity.SiteRole;
import org.tejido.identity.Team;
import org.tejido.shared.BadRequest;
import org.tejido.shared.Conflict;
import org.tejido.shared.NotFound;
import org.tejido.shared.Validation;
import org.tejido.sites.Site;

/**
 * A site's codebook: hierarchical codes with Spanish and English names, a colour, and whether each
 * is applied to text or only groups others. Coders read it; coordinators and researchers change it.
 * Every change is audited with code ids only.
 */
@Service
public class Codebook {

  /** Who reads the codebook and codes sources. The observatory does neither. */
  public static final SiteRole[] CODERS = {
    SiteRole.COORDINATOR, SiteRole.RESEARCHER, SiteRole.COMMUNITY_RESEARCHER
  };

  /** Who adds, changes, merges, deletes and imports codes. */
  public static final SiteRole[] EDITORS = {SiteRole.COORDINATOR, SiteRole.RESEARCHER};

  /** The colour of a code nobody gave one to. */
  public static final String DEFAULT_COLOUR = "#6b7280";

  private static final Pattern COLOUR = Pattern.compile("#[0-9a-f]{6}");

  private final AnalysisStore store;
  private final Team team;
  private final AuditLog audit;

  Codebook(AnalysisStore store, Team team, AuditLog audit) {
    this.store = store;
    this.team = team;
    this.audit = audit;
  }

  /** The codebook as a tree, in display order, with each code's number of codings. */
  @Transactional(readOnly = true)
  public List<CodeNode> tree(Site site) {
    team.require(site.id(), CODERS);
    return treeOf(store.codes(site.id().value()), store.codingCounts(site.id().value()));
  }

  /** The codes applied to text (not folders), in tree order. */
  @Transactional(readOnly = true)
  public List<CodeNode> codable(Site site) {
    return tree(site).stream().filter(n -> n.code().codable()).toList();
  }

  @Transactional(readOnly = true)
  public Code get(Site site, UUID id) {
    team.require(site.id(), CODERS);
    return store
        .code(site.id().value(), id)
        .orElseThrow(() -> new NotFound("analysis.code.not-found"));
  }

  /**
   * @throws BadRequest {@code validation.failed} with field errors
   */
  @Transactional
  public UUID add(Site site, CodeInput input) {
    team.require(site.id(), EDITORS);
    UUID siteId = site.id().value();
    Checked c = check(siteId, null, input);
    UUID id =
        store.insertCode(
            siteId, null, c.parent, c.nameEs, c.nameEn, c.description, c.colour, input.codable());
    audit.record(siteId, "analysis.code.added", id.toString(), null);
    return id;
  }

  /**
   * @throws BadRequest {@code validation.failed} with field errors: a parent that is the code
   *     itself or one of its descendants, or a code with codings made a folder
   */
  @Transactional
  public void update(Site site, UUID id, CodeInput input) {
    team.require(site.id(), EDITORS);
    UUID siteId = site.id().value();
    store.code(siteId, id).orElseThrow(() -> new NotFound("analysis.code.not-found"));
    Checked c = check(siteId, id, input);
    store.updateCode(
        siteId, id, c.parent, c.nameEs, c.nameEn, c.description, c.colour, input.codable());
    audit.record(siteId, "analysis.code.edited", id.toString(), null);
  }

  /**
   * Deletes a code with no codings and no codes under it.
   *
   * @throws Conflict {@code analysis.code.has-codings} (merge it instead) or {@code
   *     analysis.code.has-children}
   */
  @Transactional
  public void delete(Site site, UUID id) {
    team.require(site.id(), EDITORS);
    UUID siteId = site.id().value();
    store.code(siteId, id).orElseThrow(() -> new NotFound("analysis.code.not-found"));
    if (store.codingCount(siteId, id) > 0) {
      throw new Conflict("analysis.code.has-codings");
    }
    if (store.codes(siteId).stream().anyMatch(c -> id.equals(c.parentId()))) {
      throw new Conflict("analysis.code.has-children");
    }
    store.deleteCode(siteId, id);
    audit.record(siteId, "analysis.code.deleted", id.toString(), null);
  }

  /**
   * Merges a code into another: its codings move to {@code into} (a coding {@code into} already
   * has, same span and coder, is not doubled), the codes under it move under {@code into}, and it
   * is deleted.
   *
   * @return how many codings moved
   * @throws BadRequest {@code analysis.code.merge-target} when {@code into} is the code itself, one
   *     of its descendants, or a folder
   */
  @Transactional
  public int merge(Site site, UUID id, UUID into) {
    team.require(site.id(), EDITORS);
    UUID siteId = site.id().value();
    store.code(siteId, id).orElseThrow(() -> new NotFound("analysis.code.not-found"));
    Code target =
        store.code(siteId, into).orElseThrow(() -> new NotFound("analysis.code.not-found"));
    if (id.equals(into)
        || !target.codable()
        || descendantsOf(store.codes(siteId), id).contains(into)) {
      throw new BadRequest("analysis.code.merge-target");
    }
    int moved = store.moveCodings(siteId, id, into);
    store.moveChildren(siteId, id, into);
    store.deleteCode(siteId, id);
    audit.record(siteId, "analysis.code.merged", id.toString(), "into " + into + "; " + moved);
    return moved;
  }

  /** The codebook alone as a REFI-QDA codebook ({@code .qdc}, UTF-8 XML). */
  @Transactional(readOnly = true)
  public byte[] exportQdc(Site site) {
    team.require(site.id(), CODERS);
    return QdcCodebook.write(store.codes(site.id().value()));
  }

  /**
   * Adds the codes of a REFI-QDA codebook that this codebook lacks. A code is already there when
   * its guid is one of this site's code ids, or when a code of the same Spanish name (case ignored)
   * sits under the same parent; the codes under it are then matched in turn. New codes take the
   * file's name as both their Spanish and English names.
   *
   * @return how many codes were added
   * @throws BadRequest {@code analysis.qdc.invalid} when the file is not a codebook
   */
  @Transactional
  public int importQdc(Site site, byte[] file) {
    team.require(site.id(), EDITORS);
    UUID siteId = site.id().value();
    List<QdcCode> roots = QdcCodebook.read(file);
    store.lockCodebook(siteId);
    List<Code> existing = store.codes(siteId);
    int[] added = {0};
    for (QdcCode root : roots) {
      importCode(siteId, root, null, existing, added);
    }
    audit.record(siteId, "analysis.codebook.imported", "codebook", "added " + added[0]);
    return added[0];
  }

  private void importCode(
      UUID siteId, QdcCode code, UUID parent, List<Code> existing, int[] added) {
    UUID id =
        existing.stream()
            .filter(
                c ->
                    c.id().equals(code.guid())
                        || (java.util.Objects.equals(c.parentId(), parent)
                            && c.name().es() != null
                            && c.name().es().equalsIgnoreCase(code.name().strip())))
            .map(Code::id)
            .findFirst()
            .orElse(null);
    if (id == null) {
      String name = limit(code.name().strip(), 200);
      String colour = code.colour() == null ? DEFAULT_COLOUR : code.colour();
      UUID wanted = store.codeIdTaken(code.guid()) ? null : code.guid();
      id =
          store.insertCode(
              siteId,
              wanted,
              parent,
              name,
              name,
              limit(code.description() == null ? "" : code.description().strip(), 4000),
              colour,
              code.codable());
      existing.add(
          new Code(
              id,
              parent,
              org.tejido.shared.LocalizedText.of(name, name),
              "",
              colour,
              code.codable(),
              0));
      added[0]++;
    }
    for (QdcCode child : code.children()) {
      importCode(siteId, child, id, existing, added);
    }
  }

  private static String limit(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max);
  }

  /** A code's fields after their checks. */
  private record Checked(
      String nameEs, String nameEn, String description, String colour, UUID parent) {}

  private Checked check(UUID siteId, UUID id, CodeInput input) {
    Validation v = new Validation();
    v.text(input.nameEs(), "nameEs", 200);
    v.text(input.nameEn(), "nameEn", 200);
    v.optionalText(input.description(), "description", 4000);
    String colour =
        input.colour() == null || input.colour().isBlank()
            ? DEFAULT_COLOUR
            : input.colour().strip().toLowerCase(java.util.Locale.ROOT);
    v.require(COLOUR.matcher(colour).matches(), "colour", "validation.colour");
    UUID parent = input.parentId();
    if (parent != null) {
      List<Code> codes = store.codes(siteId);
      boolean known = codes.stream().anyMatch(c -> c.id().equals(parent));
      v.require(known, "parentId", "validation.choose");
      if (id != null) {
        v.require(
            !parent.equals(id) && !descendantsOf(codes, id).contains(parent),
            "parentId",
            "analysis.code.parent-cycle");
      }
    }
    if (id != null && !input.codable()) {
      v.require(store.codingCount(siteId, id) == 0, "codable", "analysis.code.folder-has-codings");
    }
    v.orThrow();
    return new Checked(
        input.nameEs().strip(),
        input.nameEn().strip(),
        input.description() == null ? "" : input.description().strip(),
        colour,
        parent);
  }

  private static Set<UUID> descendantsOf(List<Code> codes, UUID id) {
    Map<UUID, List<UUID>> children = new HashMap<>();
    for (Code c : codes) {
      if (c.parentId() != null) {
        children.computeIfAbsent(c.parentId(), k -> new ArrayList<>()).add(c.id());
      }
    }
    Set<UUID> found = new HashSet<>();
    List<UUID> todo = new ArrayList<>(children.getOrDefault(id, List.of()));
    while (!todo.isEmpty()) {
      UUID next = todo.remove(todo.size() - 1);
      if (found.add(next)) {
        todo.addAll(children.getOrDefault(next, List.of()));
      }
    }
    return found;
  }

  static List<CodeNode> treeOf(List<Code> codes, Map<UUID, Integer> counts) {
    Map<UUID, List<Code>> children = new HashMap<>();
    Set<UUID> ids = new HashSet<>();
    codes.forEach(c -> ids.add(c.id()));
    List<Code> roots = new ArrayList<>();
    for (Code c : codes) {
      if (c.parentId() == null || !ids.contains(c.parentId())) {
        roots.add(c);
      } else {
        children.computeIfAbsent(c.parentId(), k -> new ArrayList<>()).add(c);
      }
    }
    List<CodeNode> out = new ArrayList<>();
    for (Code root : roots) {
      walk(root, 0, children, counts, out);
    }
    return out;
  }

  private static void walk(
      Code code,
      int depth,
      Map<UUID, List<Code>> children,
      Map<UUID, Integer> counts,
      List<CodeNode> out) {
    out.add(new CodeNode(code, depth, counts.getOrDefault(code.id(), 0)));
    for (Code child : children.getOrDefault(code.id(), List.of())) {
      walk(child, depth + 1, children, counts, out);
    }
  }
}
