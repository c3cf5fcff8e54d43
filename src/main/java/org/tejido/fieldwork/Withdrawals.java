package org.tejido.fieldwork;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tejido.audit.AuditLog;
import org.tejido.deidentification.GazetteerEntry;
import org.tejido.fieldwork.internal.Codec;
import org.tejido.fieldwork.internal.MentionMatcher;
import org.tejido.fieldwork.internal.PackedTurns;
import org.tejido.identity.SiteRole;
import org.tejido.identity.Team;
import org.tejido.shared.Conflict;
import org.tejido.sites.Site;
import org.tejido.vault.Vaults;

/**
 * Withdrawal of consent, reaching what others wrote about the person: their identity and every turn
 * they spoke are crypto-shredded ({@link Participants}), and in the same transaction every mention
 * of them in the site's other sources (raw and de-identified words, speaker labels, titles), in
 * activity titles and in the gazetteer is replaced by {@value #MARKER}, so that no moment exists in
 * which the person is gone but their name is still readable elsewhere.
 *
 * <p>What counts as a mention, and which are redacted whatever the coordinator chooses, is {@link
 * MentionMatcher}'s to say. Finding mentions needs the person's identity and the sources' words,
 * hence the vault unlocked: a withdrawal with the vault locked is refused and changes nothing.
 */
@Service
@Transactional
public class Withdrawals {

  /** What replaces a mention: the same in every language, like the de-identification tokens. */
  public static final String MARKER = "[retirado]";

  /** Characters of context shown on each side of a mention. */
  private static final int CONTEXT = 48;

  private final JdbcClient jdbc;
  private final Team team;
  private final Vaults vaults;
  private final Participants participants;
  private final Sources sources;
  private final Deidentification deidentification;
  private final AuditLog audit;
  private final org.springframework.context.ApplicationEventPublisher events;
  private final FieldDiary diary;

  Withdrawals(
      JdbcClient jdbc,
      Team team,
      Vaults vaults,
      Participants participants,
      Sources sources,
      Deidentification deidentification,
      AuditLog audit,
      org.springframework.context.ApplicationEventPublisher events,
      FieldDiary diary) {
    this.events = events;
    this.diary = diary;
    this.jdbc = jdbc;
    this.team = team;
    this.vaults = vaults;
    this.participants = participants;
    this.sources = sources;
    this.deidentification = deidentification;
    this.audit = audit;
  }

  /**
   * Every mention of the participant that a withdrawal would reach, for the coordinator to confirm.
   * Reads identities and raw words, so it is audited (the number of mentions only).
   */
  public WithdrawalReview review(Site site, UUID participant) {
    Pass pass = pass(site, participant, null, false);
    audit.record(
        site.id().value(),
        "participant.withdrawal.reviewed",
        pass.subject.code(),
        "mentions=" + pass.mentions.size());
    return pass.review();
  }

  /** Withdraws the participant, redacting the mentions proposed by {@link #review}. */
  public void withdraw(Site site, UUID participant) {
    withdraw(site, participant, null, null);
  }

  /**
   * Withdraws the participant: redacts the mandatory mentions and the {@code chosen} ones (by
   * {@link Mention#id()}; null: the preselected ones), then deletes the participant and everything
   * keyed to them, all in this transaction.
   *
   * @param reviewed the {@link WithdrawalReview#fingerprint()} the choice was made on, or null
   * @throws Conflict {@code fieldwork.withdraw.vault-locked} when the vault is not open; {@code
   *     fieldwork.withdraw.changed} when the mentions are no longer those reviewed
   */
  public void withdraw(Site site, UUID participant, Set<String> chosen, String reviewed) {
    team.require(site.id(), SiteRole.COORDINATOR);
    participants.get(site, participant);
    // Before anything is read: what the walk reads cannot change until this transaction ends, so a
    // de-identification or gazetteer change made from an older read cannot write the name back
    // over the redaction. The order (the vault's lock, the site's sources, the parts by id, the
    // gazetteer) is the one every other writer follows, so none of them deadlocks with this.
    if (!vaults.canReadNow(site.id())) {
      throw new Conflict("fieldwork.withdraw.vault-locked");
    }
    vaults.publicKeyset(site.id());
    sources.lockAllParts(site);
    deidentification.lockGazetteer(site);
    sources.forgetAuthorCopies(site);
    Pass pass = pass(site, participant, chosen, true);
    if (reviewed != null && !reviewed.equals(pass.review().fingerprint())) {
      throw new Conflict("fieldwork.withdraw.changed");
    }
    pass.writes.forEach(Runnable::run);
    // The positions of the turns about to go, for what points at them (codings), read while the
    // vault is open; no text leaves this method.
    Map<UUID, java.util.Set<Integer>> turns = new LinkedHashMap<>();
    for (Sources.SitePart sp : sources.partsOf(site, participant)) {
      for (PackedTurns.Entry t : sources.openRaw(site, sp.part())) {
        turns.computeIfAbsent(sp.sourceId(), id -> new java.util.TreeSet<>()).add(t.position());
      }
    }
    events.publishEvent(new ParticipantWithdrawn(site.id().value(), participant, turns));
    participants.erase(
        site,
        participant,
        "mentions-redacted="
            + pass.redacted
            + " mentions-kept="
            + (pass.mentions.size() - pass.redacted));
  }

  private Pass pass(Site site, UUID participant, Set<String> chosen, boolean redact) {
    team.require(site.id(), SiteRole.COORDINATOR);
    Participant subject = participants.get(site, participant);
    if (!vaults.canReadNow(site.id())) {
      throw new Conflict("fieldwork.withdraw.vault-locked");
    }
    // Diary entries sealed on phones are not sources yet: a mention of the person in them would
    // escape this walk, and once her identity is gone nothing could find it. They are filed first.
    if (diary.deviceEntriesWaiting(site) > 0) {
      throw new Conflict("fieldwork.withdraw.entries-waiting");
    }
    List<Participant> people = participants.list(site);
    Map<UUID, Identity> identities = participants.identities(site, people);
    Identity identity = identities.get(participant);
    Map<String, String> otherNames = new LinkedHashMap<>();
    for (Participant p : people) {
      Identity other = identities.get(p.id());
      if (other != null && !p.id().equals(participant)) {
        if (other.name() != null) {
          otherNames.putIfAbsent(other.name(), p.code());
        }
        if (other.alias() != null) {
          otherNames.putIfAbsent(other.alias(), p.code());
        }
      }
    }
    Pass pass =
        new Pass(
            subject,
            identity != null,
            identity == null
                ? null
                : MentionMatcher.of(
                    identity.name(), identity.alias(), identity.contact(), otherNames),
            chosen,
            redact);
    if (pass.matcher == null) {
      return pass;
    }
    scanSources(site, participant, pass);
    scanActivities(site, pass);
    scanGazetteer(site, pass);
    return pass;
  }

  private void scanSources(Site site, UUID participant, Pass pass) {
    Map<UUID, String> titles = new LinkedHashMap<>();
    for (Sources.SitePart sp : sources.partsOfOthers(site, participant)) {
      titles.putIfAbsent(sp.sourceId(), sp.sourceTitle());
      Sources.Part part = sp.part();
      List<PackedTurns.Entry> raw = sources.openRaw(site, part);
      List<PackedTurns.Entry> newRaw = turns(pass, raw, Mention.Place.RAW, sp, "r");
      List<PackedTurns.Entry> clean = sources.openClean(site, part);
      List<PackedTurns.Entry> newClean =
          clean == null ? null : turns(pass, clean, Mention.Place.DEIDENTIFIED, sp, "d");
      if (newRaw != null || newClean != null) {
        pass.writes.add(() -> sources.rewrite(site, part, newRaw == null ? raw : newRaw, newClean));
      }
    }
    titles.forEach(
        (id, title) -> {
          String redacted =
              pass.visit(title, Mention.Place.SOURCE_TITLE, id, title, null, "st:" + id);
          if (redacted != null) {
            pass.writes.add(() -> sources.retitle(id, fitTitle(redacted)));
          }
        });
  }

  /** The turns with their mentions redacted, or null when nothing in them changed. */
  private static List<PackedTurns.Entry> turns(
      Pass pass,
      List<PackedTurns.Entry> turns,
      Mention.Place place,
      Sources.SitePart sp,
      String layer) {
    List<PackedTurns.Entry> out = new ArrayList<>();
    boolean changed = false;
    for (PackedTurns.Entry t : turns) {
      List<String> fields = Codec.decode(t.bytes());
      String prefix = layer + ":" + sp.part().id() + ":" + t.id();
      String speaker =
          pass.visit(
              fields.get(0), place, sp.sourceId(), sp.sourceTitle(), t.position(), prefix + ":s");
      String text =
          pass.visit(
              fields.get(1), place, sp.sourceId(), sp.sourceTitle(), t.position(), prefix + ":t");
      changed |= speaker != null || text != null;
      out.add(
          new PackedTurns.Entry(
              t.id(),
              t.position(),
              Codec.encode(
                  speaker == null ? fields.get(0) : speaker, text == null ? fields.get(1) : text)));
    }
    return changed ? out : null;
  }

  private void scanActivities(Site site, Pass pass) {
    record Row(UUID id, String title) {}
    List<Row> rows =
        jdbc.sql("select id, title from activity where site_id = ? order by held_on, id")
            .param(site.id().value())
            .query((rs, i) -> new Row(rs.getObject(1, UUID.class), rs.getString(2)))
            .list();
    for (Row row : rows) {
      String redacted =
          pass.visit(
              row.title(), Mention.Place.ACTIVITY_TITLE, null, row.title(), null, "at:" + row.id());
      if (redacted != null) {
        pass.writes.add(
            () ->
                jdbc.sql("update activity set title = ? where id = ?")
                    .params(fitTitle(redacted), row.id())
                    .update());
      }
    }
  }

  /** A gazetteer entry that mentions the person is removed whole (its token would mean nothing). */
  private void scanGazetteer(Site site, Pass pass) {
    List<GazetteerEntry> entries = deidentification.gazetteer(site);
    List<GazetteerEntry> kept = new ArrayList<>();
    for (GazetteerEntry e : entries) {
      String redacted =
          pass.visit(e.term(), Mention.Place.GAZETTEER, null, e.token(), null, "g:" + e.token());
      if (redacted == null) {
        kept.add(e);
      }
    }
    if (kept.size() < entries.size()) {
      pass.writes.add(() -> deidentification.save(site, kept));
    }
  }

  private static String fitTitle(String title) {
    return title.length() <= 200 ? title : title.substring(0, 199) + "…";
  }

  /** One walk over everything the site holds in words: collects mentions, and redacts them. */
  private static final class Pass {
    final Participant subject;
    final boolean identityRecorded;
    final MentionMatcher matcher;
    final Set<String> chosen;
    final boolean redact;
    final List<Mention> mentions = new ArrayList<>();
    final List<Runnable> writes = new ArrayList<>();
    int redacted;

    Pass(
        Participant subject,
        boolean identityRecorded,
        MentionMatcher matcher,
        Set<String> chosen,
        boolean redact) {
      this.subject = subject;
      this.identityRecorded = identityRecorded;
      this.matcher = matcher;
      this.chosen = chosen;
      this.redact = redact;
    }

    /** Notes the mentions in {@code text}; returns it redacted, or null if nothing was redacted. */
    String visit(
        String text,
        Mention.Place place,
        UUID sourceId,
        String where,
        Integer position,
        String id) {
      if (text == null || text.isEmpty()) {
        return null;
      }
      List<MentionMatcher.Match> matches = matcher.find(text);
      StringBuilder out = new StringBuilder();
      int cursor = 0;
      for (MentionMatcher.Match m : matches) {
        String mentionId = id + ":" + m.start() + "-" + m.end();
        mentions.add(
            new Mention(
                mentionId,
                place,
                sourceId,
                where,
                position,
                before(text, m.start()),
                text.substring(m.start(), m.end()),
                after(text, m.end()),
                m.kind().name(),
                m.mandatory(),
                m.preselected(),
                m.otherParticipant()));
        boolean out_ =
            m.mandatory() || (chosen == null ? m.preselected() : chosen.contains(mentionId));
        if (redact && out_) {
          redacted++;
          out.append(text, cursor, m.start()).append(MARKER);
          cursor = m.end();
        }
      }
      if (cursor == 0) {
        return null;
      }
      return out.append(text, cursor, text.length()).toString();
    }

    WithdrawalReview review() {
      Set<String> ids = new LinkedHashSet<>();
      mentions.forEach(m -> ids.add(m.id() + "|" + m.kind() + "|" + m.preselected()));
      return new WithdrawalReview(
          subject, identityRecorded, List.copyOf(mentions), fingerprint(ids));
    }
  }

  private static String before(String text, int start) {
    int from = Math.max(0, start - CONTEXT);
    if (from > 0) {
      int space = text.indexOf(' ', from);
      from = space >= 0 && space < start ? space + 1 : from;
    }
    return (from > 0 ? "…" : "") + text.substring(from, start);
  }

  private static String after(String text, int end) {
    int to = Math.min(text.length(), end + CONTEXT);
    if (to < text.length()) {
      int space = text.lastIndexOf(' ', to);
      to = space > end ? space : to;
    }
    return text.substring(end, to) + (to < text.length() ? "…" : "");
  }

  private static String fingerprint(Set<String> ids) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (String id : ids) {
        sha.update(id.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) '\n');
      }
      return HexFormat.of().formatHex(sha.digest(), 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
