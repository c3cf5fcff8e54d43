package org.tejido.agenda;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tejido.agenda.internal.SilencedTexts;
import org.tejido.shared.LocalizedText;
import org.tejido.sites.Site;

/**
 * Loads agendas that were already published elsewhere (the demo data, later other sources) as a
 * published version, in one transaction: a failed import leaves nothing behind.
 */
@Service
public class AgendaImport {

  private final JdbcClient jdbc;
  private final SilencedTexts silenced;
  private final ReferenceData reference;

  AgendaImport(JdbcClient jdbc, SilencedTexts silenced, ReferenceData reference) {
    this.jdbc = jdbc;
    this.silenced = silenced;
    this.reference = reference;
  }

  public record ImportedIssue(
      String ref, List<String> domains, LocalizedText title, boolean silenced) {}

  public record ImportedProposal(String addressee, LocalizedText text, List<String> issueRefs) {}

  public record ImportedAgenda(
      Integer participants,
      Instant publishedAt,
      List<ImportedIssue> issues,
      List<ImportedProposal> proposals) {}

  /** The short prefix of a site's references: {@code apatzingan} gives {@code apa}. */
  public static String refPrefix(Site site) {
    String key = site.key().replace("-", "");
    return key.substring(0, Math.min(3, key.length()));
  }

  @Transactional
  public void importPublished(Site site, ImportedAgenda agenda) {
    UUID siteId = site.id().value();
    UUID version =
        jdbc.sql(
                "insert into agenda_version (site_id, number, state, participants) values (?,"
                    + " (select coalesce(max(number), 0) + 1 from agenda_version where site_id = ?),"
                    + " 'draft', ?) returning id")
            .params(siteId, siteId, agenda.participants())
            .query(UUID.class)
            .single();
    Map<String, UUID> byRef = new HashMap<>();
    int position = 0;
    int silencedCount = 0;
    for (ImportedIssue issue : agenda.issues()) {
      for (String domain : issue.domains()) {
        if (reference.domain(domain).isEmpty()) {
          throw new IllegalArgumentException("Unknown domain " + domain + " in " + issue.ref());
        }
      }
      UUID id = UUID.randomUUID();
      String ref = issue.ref() != null ? issue.ref() : refPrefix(site) + "-s" + (++silencedCount);
      byRef.put(ref, id);
      LocalizedText title = issue.title();
      jdbc.sql(
              "insert into agenda_issue (id, version_id, ref, position, silenced, title_es,"
                  + " title_en, sealed) values (?, ?, ?, ?, ?, ?, ?, ?)")
          .params(
              id,
              version,
              ref,
              ++position,
              issue.silenced(),
              issue.silenced() ? null : title.es(),
              issue.silenced() ? null : title.en(),
              issue.silenced()
                  ? silenced.seal(siteId, id, title, new LocalizedText(null, null))
                  : null)
          .update();
      for (String domain : issue.domains()) {
        jdbc.sql("insert into agenda_issue_domain (issue_id, domain_key) values (?, ?)")
            .params(id, domain)
            .update();
      }
    }
    int proposalPosition = 0;
    for (ImportedProposal proposal : agenda.proposals()) {
      if (reference.addressee(proposal.addressee()).isEmpty()) {
        throw new IllegalArgumentException("Unknown addressee " + proposal.addressee());
      }
      UUID id = UUID.randomUUID();
      proposalPosition++;
      jdbc.sql(
              "insert into agenda_proposal (id, version_id, ref, position, addressee_key, text_es,"
                  + " text_en) values (?, ?, ?, ?, ?, ?, ?)")
          .params(
              id,
              version,
              refPrefix(site) + "-p" + proposalPosition,
              proposalPosition,
              proposal.addressee(),
              proposal.text().es(),
              proposal.text().en())
          .update();
      for (String ref : proposal.issueRefs()) {
        UUID issue = byRef.get(ref);
        if (issue == null) {
          throw new IllegalArgumentException("Proposal links unknown issue " + ref);
        }
        jdbc.sql("insert into agenda_proposal_issue (proposal_id, issue_id) values (?, ?)")
            .params(id, issue)
            .update();
      }
    }
    jdbc.sql("update agenda_version set state = 'published', published_at = ? where id = ?")
        .params(java.sql.Timestamp.from(agenda.publishedAt()), version)
        .update();
  }

  @Transactional
  public void replaceNationalPrinciples(List<LocalizedText> principles) {
    jdbc.sql("delete from national_principle").update();
    int position = 0;
    for (LocalizedText p : principles) {
      jdbc.sql("insert into national_principle (position, text_es, text_en) values (?, ?, ?)")
          .params(++position, p.es(), p.en())
          .update();
    }
  }
}
