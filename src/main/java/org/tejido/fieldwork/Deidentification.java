package org.tejido.fieldwork;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tejido.audit.AuditLog;
import org.tejido.deidentification.Deidentifier;
import org.tejido.deidentification.EntityKind;
import org.tejido.deidentification.GazetteerEntry;
import org.tejido.deidentification.Pseudonyms;
import org.tejido.deidentification.Replacement;
import org.tejido.deidentification.Rule;
import org.tejido.fieldwork.internal.Codec;
import org.tejido.identity.SiteRole;
import org.tejido.identity.Team;
import org.tejido.shared.BadRequest;
import org.tejido.shared.Validation;
import org.tejido.sites.Site;
import org.tejido.sites.SiteId;
import org.tejido.vault.DataKey;
import org.tejido.vault.Vaults;

/**
 * De-identification of sources before analysis: proposals from the site's gazetteer (kept in the
 * vault), the participants' names and aliases, rules (phones, e-mails, plates, CURP) and what
 * nobody listed (the Spanish name recogniser and the rules for Mexican speech, each proposal with
 * its confidence, low ones included); a researcher accepts or edits each, and the result is stored
 * for analysis. Tokens are stable, so the same person is the same token in every source.
 */
@Service
@Transactional
public class Deidentification {

  private final JdbcClient jdbc;
  private final Team team;
  private final Vaults vaults;
  private final Participants participants;
  private final Sources sources;
  private final AuditLog audit;
  private final ReviewRequests reviewRequests;

  Deidentification(
      JdbcClient jdbc,
      Team team,
      Vaults vaults,
      Participants participants,
      Sources sources,
      AuditLog audit,
      ReviewRequests reviewRequests) {
    this.reviewRequests = reviewRequests;
    this.jdbc = jdbc;
    this.team = team;
    this.vaults = vaults;
    this.participants = participants;
    this.sources = sources;
    this.audit = audit;
  }

  // ---- the gazetteer ----

  /** The site's own gazetteer entries (vault unlocked, reading role). */
  @Transactional(readOnly = true)
  public List<GazetteerEntry> gazetteer(Site site) {
    team.require(site.id(), SiteRole.VAULT_READERS);
    record Row(byte[] key, byte[] entries) {}
    Optional<Row> row =
        jdbc.sql("select sealed_key, sealed_entries from gazetteer where site_id = ?")
            .param(site.id().value())
            .query((rs, i) -> new Row(rs.getBytes(1), rs.getBytes(2)))
            .optional();
    if (row.isEmpty()) {
      vaults.requireReadable(site.id());
      return List.of();
    }
    DataKey key = DataKey.of(vaults.open(site.id(), row.get().key(), gazetteerContext(site)));
    List<String> fields =
        Codec.decode(key.decrypt(row.get().entries(), gazetteerContext(site) + ":entries"));
    List<GazetteerEntry> entries = new ArrayList<>();
    for (int i = 0; i + 2 < fields.size(); i += 3) {
      entries.add(
          new GazetteerEntry(
              fields.get(i + 1), EntityKind.valueOf(fields.get(i)), fields.get(i + 2)));
    }
    return entries;
  }

  /**
   * The gazetteer shown to a person (its page): the same as {@link #gazetteer}, and since it holds
   * names, the reading is audited, once per view (the number of entries, never a term).
   */
  public List<GazetteerEntry> readGazetteer(Site site) {
    List<GazetteerEntry> entries = gazetteer(site);
    audit.record(site.id().value(), "gazetteer.read", site.key(), "entries=" + entries.size());
    return entries;
  }

  /** Adds a term (or returns the existing entry for it); the token is the next free one. */
  public GazetteerEntry addToGazetteer(Site site, String term, String kind) {
    team.require(site.id(), SiteRole.VAULT_READERS);
    new Validation()
        .text(term, "term", 200)
        .require(term == null || term.strip().length() >= 2, "term", "validation.too-short.2")
        .require(kindOf(kind).isPresent(), "kind", "validation.choose")
        .orThrow();
    lockGazetteer(site);
    List<GazetteerEntry> entries = new ArrayList<>(gazetteer(site));
    String folded = term.strip().toLowerCase(Locale.ROOT);
    for (GazetteerEntry e : entries) {
      if (e.term().toLowerCase(Locale.ROOT).equals(folded)) {
        return e;
      }
    }
    EntityKind k = kindOf(kind).orElseThrow();
    Set<String> tokens = new HashSet<>();
    entries.forEach(e -> tokens.add(e.token()));
    GazetteerEntry entry = new GazetteerEntry(term.strip(), k, nextToken(k, tokens));
    entries.add(entry);
    save(site, entries);
    audit.record(site.id().value(), "gazetteer.changed", site.key(), "+1");
    // What was marked ready before this term was listed may still say it: review it again. All of
    // it is flagged now, at once; which of it says the term is read after this commits (opening
    // every ready source takes seconds on a large site), and the others' flags are lifted then.
    Sources.Flagged flagged = sources.flagEveryReady(site);
    if (!flagged.sources().isEmpty()) {
      Set<String> known = new HashSet<>();
      entries.forEach(e -> known.add(e.term().toLowerCase(Locale.ROOT)));
      reviewRequests.afterCommit(() -> keepFlagsOfThoseThatSay(site, entry, known, flagged));
    }
    return entry;
  }

  /**
   * The check after {@code entry} was added: with the gazetteer locked (no term is added while the
   * sources are read), the flags stay on the sources that say that term or any term added since
   * ({@code known}: the terms listed once it was added), whose own checks skip sources flagged
   * already.
   */
  private void keepFlagsOfThoseThatSay(
      Site site, GazetteerEntry entry, Set<String> known, Sources.Flagged flagged) {
    lockGazetteer(site);
    List<GazetteerEntry> terms = new ArrayList<>(List.of(entry));
    for (GazetteerEntry e : gazetteer(site)) {
      if (!known.contains(e.term().toLowerCase(Locale.ROOT))) {
        terms.add(e);
      }
    }
    sources.keepFlagsOfThoseThatSay(site, Deidentifier.of(terms), flagged);
  }

  public void removeFromGazetteer(Site site, String term) {
    team.require(site.id(), SiteRole.VAULT_READERS);
    lockGazetteer(site);
    List<GazetteerEntry> entries = new ArrayList<>(gazetteer(site));
    if (entries.removeIf(e -> e.term().equals(term))) {
      save(site, entries);
      audit.record(site.id().value(), "gazetteer.changed", site.key(), "-1");
    }
  }

  /**
   * Locks the site's gazetteer row until the transaction ends, before it is read to be changed: the
   * whole list is written back, so a change made from an older read would restore an entry that a
   * withdrawal removed meanwhile.
   */
  void lockGazetteer(Site site) {
    // The vault's lock first, as everyone who locks the gazetteer takes it (saving seals to the
    // vault; a key-pair replacement holds it exclusively while it re-seals the gazetteer's key).
    vaults.publicKeyset(site.id());
    jdbc.sql("select site_id from gazetteer where site_id = ? for update")
        .param(site.id().value())
        .query((rs, i) -> 1)
        .list();
  }

  /** Replaces the whole gazetteer (used to load the demo and by imports). */
  void save(Site site, List<GazetteerEntry> entries) {
    List<String> fields = new ArrayList<>();
    for (GazetteerEntry e : entries) {
      fields.add(e.kind().name());
      fields.add(e.term());
      fields.add(e.token());
    }
    DataKey key = Vaults.newDataKey();
    jdbc.sql(
            "insert into gazetteer (site_id, sealed_key, sealed_entries, entries) values (?, ?, ?, ?)"
                + " on conflict (site_id) do update set sealed_key = excluded.sealed_key,"
                + " sealed_entries = excluded.sealed_entries, entries = excluded.entries,"
                + " updated_at = now()")
        .params(
            site.id().value(),
            vaults.seal(site.id(), key.raw(), gazetteerContext(site)),
            key.encrypt(
                Codec.encode(fields.toArray(String[]::new)), gazetteerContext(site) + ":entries"),
            entries.size())
        .update();
  }

  /** The gazetteer plus every participant's name and alias, each as the participant's token. */
  public Deidentifier deidentifier(Site site) {
    List<GazetteerEntry> entries = new ArrayList<>(gazetteer(site));
    List<Participant> people = participants.list(site);
    Map<UUID, Identity> identities = participants.identities(site, people);
    audit.record(
        site.id().value(),
        "deidentification.identities.used",
        site.key(),
        String.valueOf(identities.size()));
    for (Participant p : people) {
      Identity identity = identities.get(p.id());
      if (identity == null) {
        continue;
      }
      String token = participantToken(p);
      if (identity.name() != null && identity.name().length() >= 2) {
        entries.add(new GazetteerEntry(identity.name(), EntityKind.PERSON, token));
      }
      if (identity.alias() != null && identity.alias().length() >= 2) {
        entries.add(new GazetteerEntry(identity.alias(), EntityKind.ALIAS, token));
      }
    }
    return Deidentifier.of(entries);
  }

  /** {@code [P-17]} for {@code APA-017}: the participant's number, stable across sources. */
  public static String participantToken(Participant p) {
    String number = p.code().substring(p.code().indexOf('-') + 1).replaceFirst("^0+(?=\\d{2})", "");
    return "[P-" + number + "]";
  }

  // ---- proposals and their application ----

  /** A turn with what is proposed to replace in its speaker label and in its words. */
  public record TurnProposals(
      SourceTurn turn, List<Replacement> inSpeaker, List<Replacement> inText) {}

  /**
   * The proposals for a source, with the {@link Sources#fingerprint} of the words they were made
   * from (read first: words that change in between make the fingerprint stale, never wrong).
   */
  public record Review(String fingerprint, List<TurnProposals> turns) {}

  public Review review(Site site, UUID source) {
    String fingerprint = sources.fingerprint(site, source);
    return new Review(fingerprint, propose(site, source));
  }

  public List<TurnProposals> propose(Site site, UUID source) {
    Deidentifier deidentifier = deidentifier(site);
    List<TurnProposals> out = new ArrayList<>();
    for (SourceTurn turn : sources.raw(site, source)) {
      List<Replacement> speaker =
          turn.speaker() == null || turn.participantId() != null
              ? List.of()
              : deidentifier.propose(turn.speaker());
      out.add(new TurnProposals(turn, speaker, deidentifier.propose(turn.text())));
    }
    return out;
  }

  /**
   * A person's decision about one proposal: keep it (with the token as proposed or edited) or not.
   * {@code inSpeaker} says whether it applies to the speaker label.
   */
  public record Decision(
      UUID turn,
      boolean inSpeaker,
      int start,
      int end,
      String original,
      String token,
      Rule rule,
      EntityKind kind,
      boolean accepted) {}

  /**
   * Applies the accepted decisions to the raw turns and stores the result for analysis. A decision
   * that no longer matches the raw text (it changed since the proposals were shown) is refused.
   */
  public void apply(Site site, UUID source, List<Decision> decisions) {
    apply(site, source, decisions, null);
  }

  /**
   * As {@link #apply(Site, UUID, List)}, for decisions made on the proposals of {@link #review}:
   * refused if the source's words changed since (a withdrawal redacted a name in them, say), so
   * that text made from the older words never writes over the newer ones.
   *
   * @param reviewed the {@link Review#fingerprint()} the decisions were made on, or null
   * @throws org.tejido.shared.Conflict {@code source.deidentify.changed}
   */
  public void apply(Site site, UUID source, List<Decision> decisions, String reviewed) {
    // The parts are locked before their words are read, and stay locked until this transaction
    // ends: a withdrawal waits, then finds (and redacts) what is stored here.
    sources.lockParts(site, source, reviewed);
    List<SourceTurn> raw = sources.raw(site, source);
    Map<UUID, List<Replacement>> inText = new LinkedHashMap<>();
    Map<UUID, List<Replacement>> inSpeaker = new LinkedHashMap<>();
    for (Decision d : decisions) {
      if (!d.accepted()) {
        continue;
      }
      if (d.token() == null || d.token().isBlank() || d.token().length() > 60) {
        throw new BadRequest("source.deidentify.token-invalid");
      }
      Replacement r;
      try {
        r =
            new Replacement(
                d.start(), d.end(), d.original(), d.token().strip(), d.rule(), d.kind());
      } catch (IllegalArgumentException | NullPointerException e) {
        throw new BadRequest("source.deidentify.stale");
      }
      (d.inSpeaker() ? inSpeaker : inText).computeIfAbsent(d.turn(), t -> new ArrayList<>()).add(r);
    }
    Map<UUID, Sources.CleanTurn> clean = new LinkedHashMap<>();
    try {
      for (SourceTurn turn : raw) {
        String speaker = turn.speaker();
        if (speaker != null && turn.participantId() == null) {
          speaker = Deidentifier.apply(speaker, inSpeaker.getOrDefault(turn.id(), List.of()));
        }
        clean.put(
            turn.id(),
            new Sources.CleanTurn(
                speaker,
                Deidentifier.apply(turn.text(), inText.getOrDefault(turn.id(), List.of()))));
      }
    } catch (IllegalArgumentException e) {
      throw new BadRequest("source.deidentify.stale");
    }
    sources.saveDeidentified(site, source, clean, reviewed);
  }

  /**
   * As {@link #apply(Site, UUID, List, String)}, by a person who says they read the whole text:
   * "ready for analysis" is earned by a review, not one click. Records who reviewed it and when
   * ({@code source.reviewed}; the source keeps its reviewer and time) and clears a request for
   * another review.
   *
   * @throws BadRequest {@code validation.failed} with field {@code wholeText} when not confirmed
   * @throws org.tejido.shared.Conflict {@code source.deidentify.changed} when the words changed
   */
  public void approve(
      Site site, UUID source, List<Decision> decisions, String reviewed, boolean wholeText) {
    team.require(site.id(), SiteRole.VAULT_READERS);
    // Words that changed since are refused first: decisions about them cannot be kept anyway.
    sources.lockParts(site, source, reviewed);
    if (!wholeText) {
      throw new BadRequest(
          "validation.failed", Map.of("wholeText", "fieldwork.deidentify.whole-text-required"));
    }
    apply(site, source, decisions, reviewed);
    long accepted = decisions.stream().filter(Decision::accepted).count();
    audit.record(
        site.id().value(),
        "source.reviewed",
        source.toString(),
        "accepted=" + accepted + " of " + decisions.size());
  }

  /** Accepts every proposal as made (used for the demo, and by "accept all"). */
  public void acceptAll(Site site, UUID source) {
    List<Decision> all = new ArrayList<>();
    for (TurnProposals t : propose(site, source)) {
      t.inSpeaker().forEach(r -> all.add(decision(t.turn().id(), true, r)));
      t.inText().forEach(r -> all.add(decision(t.turn().id(), false, r)));
    }
    apply(site, source, all);
  }

  private static Decision decision(UUID turn, boolean inSpeaker, Replacement r) {
    return new Decision(
        turn, inSpeaker, r.start(), r.end(), r.original(), r.token(), r.rule(), r.kind(), true);
  }

  /**
   * The next free token of a kind. People named in the gazetteer (not participants, whose token is
   * their code's number) are {@code [PERSONA-n]}, so they never collide with {@code [P-07]}.
   */
  public static String nextToken(EntityKind kind, Collection<String> existing) {
    return kind == EntityKind.PERSON || kind == EntityKind.ALIAS
        ? "[PERSONA-" + nextNumber(existing, "[PERSONA-") + "]"
        : Pseudonyms.token(kind, Pseudonyms.nextNumber(existing, kind));
  }

  private static int nextNumber(Collection<String> tokens, String prefix) {
    int max = 0;
    for (String t : tokens) {
      if (t.startsWith(prefix) && t.endsWith("]")) {
        try {
          max = Math.max(max, Integer.parseInt(t.substring(prefix.length(), t.length() - 1)));
        } catch (NumberFormatException ignored) {
          // another token shape; not ours
        }
      }
    }
    return max + 1;
  }

  private static Optional<EntityKind> kindOf(String kind) {
    if (kind == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(EntityKind.valueOf(kind.toUpperCase(Locale.ROOT)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static String gazetteerContext(Site site) {
    return gazetteerContext(site.id());
  }

  static String gazetteerContext(SiteId site) {
    return "gazetteer:" + site;
  }
}
