package org.tejido.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.tejido.agenda.AgendaEditing;
import org.tejido.agenda.Agendas;
import org.tejido.agenda.IssueInput;
import org.tejido.agenda.ProposalInput;
import org.tejido.fieldwork.Activities;
import org.tejido.fieldwork.Deidentification;
import org.tejido.fieldwork.FieldDiary;
import org.tejido.fieldwork.Identity;
import org.tejido.fieldwork.Media;
import org.tejido.fieldwork.NewActivity;
import org.tejido.fieldwork.NewParticipant;
import org.tejido.fieldwork.NewSource;
import org.tejido.fieldwork.Participants;
import org.tejido.fieldwork.Sources;
import org.tejido.fieldwork.Withdrawals;
import org.tejido.identity.SecondFactors;
import org.tejido.identity.SiteRole;
import org.tejido.identity.UserAccounts;
import org.tejido.sites.Site;
import org.tejido.sites.Sites;
import org.tejido.support.Fixtures;
import org.tejido.support.Fixtures.Person;
import org.tejido.support.TejidoTest;
import org.tejido.vault.KeyCeremony;
import org.tejido.vault.Vaults;

/**
 * Every state-changing route leaves an audit entry, and so does every route that reads protected
 * data — the way {@code AuthorizationMatrixTest} covers every route. Each route is called
 * successfully, as the person who may, and the new rows of {@code audit_entry} must hold the
 * expected actions, for the right site (or none, for account-level ones) and with that person as
 * actor. A few routes are exempt, each with its reason. A new route in none of these tables fails
 * {@link #everyStateChangingRouteIsAccountedFor()} or {@link #everyTeamAndAdminPageIsClassified()}.
 */
@TejidoTest
@TestInstance(Lifecycle.PER_CLASS)
class AuditCoverageTest {

  private static final String PASSPHRASE = "la frase de la bóveda de auditoría";
  private static final String NAME = "Zacarías Olmedo Quiroga";

  @Autowired MockMvc mvc;
  @Autowired Fixtures fixtures;
  @Autowired JdbcClient jdbc;
  @Autowired Sites sites;
  @Autowired UserAccounts accounts;
  @Autowired SecondFactors secondFactors;
  @Autowired AgendaEditing editing;
  @Autowired Agendas agendas;
  @Autowired Vaults vaults;
  @Autowired Activities activities;
  @Autowired Participants participants;
  @Autowired Sources sources;
  @Autowired FieldDiary diary;
  @Autowired Media media;
  @Autowired Deidentification deidentification;
  @Autowired Withdrawals withdrawals;
  @Autowired org.tejido.analysis.Codebook codebook;
  @Autowired org.tejido.analysis.Codings codings;
  @Autowired org.tejido.analysis.Memos memos;
  @Autowired org.tejido.agenda.IssueEvidence issueEvidence;
  @Autowired org.tejido.safety.SafeFieldwork safeFieldwork;
  @Autowired org.tejido.participation.PrioritisationSessions prioritisation;
  @Autowired org.tejido.participation.ValidationRounds validationRounds;
  @Autowired org.tejido.participation.EngagementLog engagementLog;

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping mappings;

  /** A site whose agenda is edited, by its coordinator. */
  private Site agendaSite;

  private Person agendaCoordinator;
  private MockHttpSession agendaSession;

  /** A site with a vault (open) and fieldwork, by its coordinator. */
  private Site fieldSite;

  private Person fieldCoordinator;
  private MockHttpSession fieldSession;
  private String recoveryKey;

  private Person admin;
  private MockHttpSession adminSession;

  @BeforeAll
  void setUp() throws Exception {
    agendaSite = fixtures.freshSite();
    agendaCoordinator = fixtures.withRole(agendaSite.key(), SiteRole.COORDINATOR);
    fieldSite = fixtures.freshSite();
    fieldCoordinator = fixtures.withRole(fieldSite.key(), SiteRole.COORDINATOR);
    admin = fixtures.administrator();
    fixtures.actAs(fieldCoordinator);
    recoveryKey = vaults.create(fieldSite, PASSPHRASE);
    fixtures.actAsNobody();
    agendaSession = fixtures.signIn(mvc, agendaCoordinator);
    fieldSession = fixtures.signIn(mvc, fieldCoordinator);
    adminSession = fixtures.signIn(mvc, admin);
  }

  @AfterEach
  void nobody() {
    fixtures.actAsNobody();
  }

  // ---- the tables ----

  /** A call of a route that must leave entries; returns what went wrong (empty when right). */
  @FunctionalInterface
  interface Scenario {
    List<String> run() throws Exception;
  }

  /** State-changing routes ("METHOD pattern") and how each is called and checked. */
  private Map<String, Scenario> changes() {
    Map<String, Scenario> s = new LinkedHashMap<>();
    // Staff accounts and sign-in.
    s.put("POST /account/password", this::changeOwnPassword);
    s.put("POST /account/second-factor", this::passSecondFactor);
    s.put("POST /account/second-factor/enrol", this::enrolSecondFactor);
    s.put("POST /admin/users", this::createAccount);
    s.put("POST /admin/users/{id}/memberships", this::grantRole);
    s.put("POST /admin/users/{id}/memberships/{site}/delete", this::revokeRole);
    s.put("POST /admin/users/{id}/enabled", this::disableAccount);
    s.put("POST /admin/users/{id}/second-factor/reset", this::resetSecondFactor);
    s.put("POST /admin/users/{id}/password/reset", this::resetPassword);
    // Sites.
    s.put("POST /admin/sites", this::addSite);
    s.put("POST /admin/sites/{key}", this::editSite);
    s.put("POST /admin/sites/{key}/suspend", this::suspendSite);
    s.put("POST /admin/sites/{key}/reactivate", this::reactivateSite);
    // National Agenda.
    s.put("POST /admin/national-agenda/draft", this::startNationalDraft);
    s.put("POST /admin/national-agenda/threads", this::addThread);
    s.put("POST /admin/national-agenda/threads/{id}", this::editThread);
    s.put("POST /admin/national-agenda/threads/{id}/move", this::moveThread);
    s.put("POST /admin/national-agenda/threads/{id}/delete", this::deleteThread);
    s.put("POST /admin/national-agenda/statements", this::addStatement);
    s.put("POST /admin/national-agenda/statements/{id}", this::editStatement);
    s.put("POST /admin/national-agenda/statements/{id}/delete", this::deleteStatement);
    s.put("POST /admin/national-agenda/draft/publish", this::publishNational);
    s.put("POST /admin/national-agenda/draft/discard", this::discardNationalDraft);
    // Agenda.
    s.put("POST /manage/sites/{key}/agenda/draft", this::startDraft);
    s.put("POST /manage/sites/{key}/agenda/draft/discard", this::discardDraft);
    s.put("POST /manage/sites/{key}/agenda/draft/publish", this::publish);
    s.put("POST /manage/sites/{key}/agenda/draft/participants", this::setParticipants);
    s.put("POST /manage/sites/{key}/agenda/draft/note", this::setNote);
    s.put("POST /manage/sites/{key}/agenda/issues", this::addIssue);
    s.put("POST /manage/sites/{key}/agenda/issues/{id}", this::editIssue);
    s.put("POST /manage/sites/{key}/agenda/issues/{id}/move", this::moveIssue);
    s.put("POST /manage/sites/{key}/agenda/issues/{id}/delete", this::deleteIssue);
    s.put("POST /manage/sites/{key}/agenda/proposals", this::addProposal);
    s.put("POST /manage/sites/{key}/agenda/proposals/{id}", this::editProposal);
    s.put("POST /manage/sites/{key}/agenda/proposals/{id}/move", this::moveProposal);
    s.put("POST /manage/sites/{key}/agenda/proposals/{id}/delete", this::deleteProposal);
    // Vault.
    s.put("POST /manage/sites/{key}/vault/unlock", this::unlock);
    s.put("POST /manage/sites/{key}/vault/unlock-recovery", this::unlockWithRecoveryKey);
    s.put("POST /manage/sites/{key}/vault/lock", this::lock);
    s.put("POST /manage/sites/{key}/vault/passphrase", this::setPassphrase);
    s.put("POST /manage/sites/{key}/vault/recovery-key/confirm", this::createVaultByCeremony);
    // Fieldwork.
    s.put("POST /manage/sites/{key}/fieldwork/activities", this::addActivity);
    s.put("POST /manage/sites/{key}/fieldwork/activities/{id}", this::editActivity);
    s.put("POST /manage/sites/{key}/fieldwork/activities/{id}/media", this::attachMedia);
    s.put("POST /manage/sites/{key}/fieldwork/participants", this::registerParticipant);
    s.put("POST /manage/sites/{key}/fieldwork/participants/{id}/consents", this::recordConsent);
    s.put("POST /manage/sites/{key}/fieldwork/participants/{id}/withdraw", this::withdraw);
    s.put("POST /manage/sites/{key}/fieldwork/sources", this::addSource);
    s.put("POST /manage/sites/{key}/fieldwork/diary/draft/discard", this::discardDiaryDraft);
    s.put("POST /manage/sites/{key}/fieldwork/diary/sealed", this::receiveDeviceEntry);
    s.put("POST /manage/sites/{key}/fieldwork/diary/sealed/file", this::fileDeviceEntries);
    s.put("POST /manage/sites/{key}/fieldwork/sources/{id}/correct", this::correctDiaryEntry);
    s.put("POST /manage/sites/{key}/fieldwork/sources/{id}/deidentify", this::deidentify);
    s.put("POST /manage/sites/{key}/fieldwork/sources/{id}/gazetteer", this::addTermFromSource);
    s.put("POST /manage/sites/{key}/fieldwork/gazetteer", this::addTerm);
    s.put("POST /manage/sites/{key}/fieldwork/gazetteer/delete", this::removeTerm);
    // Analysis.
    s.put("POST /manage/sites/{key}/analysis/codes", this::addCode);
    s.put("POST /manage/sites/{key}/analysis/codes/{id}", this::editCode);
    s.put("POST /manage/sites/{key}/analysis/codes/{id}/delete", this::deleteCode);
    s.put("POST /manage/sites/{key}/analysis/codes/{id}/merge", this::mergeCode);
    s.put("POST /manage/sites/{key}/analysis/codebook", this::importCodebook);
    s.put("POST /manage/sites/{key}/analysis/qdpx/check", this::checkQdpx);
    s.put("POST /manage/sites/{key}/analysis/qdpx/import", this::importQdpx);
    s.put("POST /manage/sites/{key}/analysis/sources/{id}/codings", this::codeSelection);
    s.put("POST /manage/sites/{key}/analysis/codings/{coding}/evidence", this::useAsEvidence);
    s.put("POST /manage/sites/{key}/agenda/issues/{id}/evidence/{coding}/quote", this::chooseQuote);
    s.put(
        "POST /manage/sites/{key}/agenda/issues/{id}/evidence/{coding}/delete",
        this::removeEvidence);
    s.put("POST /manage/sites/{key}/analysis/queries/search", this::searchSources);
    s.put(
        "POST /manage/sites/{key}/analysis/memos/{kind}/{target}",
        () ->
            inField(
                post(analysis("/memos/code/" + codeAt("Robo"))).param("text", "Un memo"),
                "analysis.memo.added"));
    s.put(
        "POST /manage/sites/{key}/analysis/memos/{kind}/{target}/{memo}",
        () -> {
          UUID code = codeAt("Robo");
          return inField(
              post(analysis("/memos/code/" + code + "/" + memoOn(code))).param("text", "Otro"),
              "analysis.memo.edited");
        });
    s.put(
        "POST /manage/sites/{key}/analysis/memos/{kind}/{target}/{memo}/delete",
        () -> {
          UUID code = codeAt("Robo");
          return inField(
              post(analysis("/memos/code/" + code + "/" + memoOn(code) + "/delete")),
              "analysis.memo.deleted");
        });
    s.put("POST /manage/sites/{key}/analysis/queries/search/code", this::codeEverySearchHit);
    s.put(
        "POST /manage/sites/{key}/analysis/sources/{id}/codings/{coding}/delete",
        this::removeCoding);
    // Observatory.
    s.put(
        "POST /manage/sites/{key}/observatory/digest",
        () ->
            inObservatory(
                post(observatory("/digest"))
                    .param("email", "obs@example.org")
                    .param("language", "en"),
                "observatory.digest.subscribed"));
    s.put(
        "POST /manage/sites/{key}/observatory/institutions",
        () ->
            inObservatory(
                post(observatory("/institutions"))
                    .param("name", "Fiscalía " + UUID.randomUUID())
                    .param("level", "state")
                    .param("type", "government"),
                "observatory.institution.added"));
    s.put(
        "POST /manage/sites/{key}/observatory/institutions/{id}",
        () ->
            inObservatory(
                post(observatory("/institutions/" + obsInstitution()))
                    .param("name", "DIF " + UUID.randomUUID())
                    .param("level", "municipal")
                    .param("type", "government"),
                "observatory.institution.changed"));
    s.put(
        "POST /manage/sites/{key}/observatory/recommendations",
        () ->
            inObservatory(
                post(observatory("/recommendations"))
                    .param("proposals", obsProposal().toString())
                    .param("textEs", "Alumbrado")
                    .param("addressee", "authorities")
                    .param("institutions", obsInstitution().toString())
                    .param("domains", "personal")
                    .param("specificity", "4")
                    .param("startsOn", "2026-01-01")
                    .param("dueOn", "2026-12-31"),
                "observatory.recommendation.added"));
    s.put(
        "POST /manage/sites/{key}/observatory/recommendations/{id}/updates",
        () ->
            inObservatory(
                post(observatory("/recommendations/" + obsRecommendation() + "/updates"))
                    .param("source", "community")
                    .param("status", "in_progress")
                    .param("progress", "30")
                    .param("reportedOn", "2026-01-10"),
                "observatory.update.added"));
    s.put(
        "POST /manage/sites/{key}/observatory/recommendations/{id}/updates/{update}/evidence",
        () -> {
          UUID[] ru = obsHeldEvidence();
          return inObservatory(
              post(observatory("/recommendations/" + ru[0] + "/updates/" + ru[1] + "/evidence"))
                  .param("published", "true"),
              "observatory.evidence.published");
        });
    s.put(
        "POST /manage/sites/{key}/observatory/sessions",
        () ->
            inObservatory(
                post(observatory("/sessions"))
                    .param("heldOn", "2026-01-15")
                    .param("minutes", "Acuerdos")
                    .param("attendees", obsInstitution().toString()),
                "observatory.session.added"));
    s.put(
        "POST /manage/sites/{key}/observatory/sessions/{id}/commitments",
        () ->
            inObservatory(
                post(observatory("/sessions/" + obsMesa() + "/commitments"))
                    .param("institution", obsInstitution().toString())
                    .param("what", "Reparar luminarias")
                    .param("dueOn", "2026-03-01")
                    .param("recommendations", obsRecommendation().toString()),
                "observatory.commitment.added"));
    s.put(
        "POST /manage/sites/{key}/observatory/sessions/{id}/commitments/{commitment}/fulfilled",
        () -> {
          UUID[] sc = obsCommitment();
          return inObservatory(
              post(observatory("/sessions/" + sc[0] + "/commitments/" + sc[1] + "/fulfilled")),
              "observatory.commitment.fulfilled");
        });
    s.put(
        "POST /manage/sites/{key}/observatory/recommendations/{id}",
        () -> {
          UUID r = obsRecommendation();
          return inObservatory(
              post(observatory("/recommendations/" + r))
                  .param("revision", "1")
                  .param("proposals", obsProposal().toString())
                  .param("textEs", "Alumbrado público")
                  .param("addressee", "authorities")
                  .param("institutions", obsInstitution().toString())
                  .param("domains", "personal")
                  .param("specificity", "5")
                  .param("startsOn", "2026-01-01")
                  .param("dueOn", "2026-12-31"),
              "observatory.recommendation.changed");
        });
    s.put(
        "POST /manage/sites/{key}/observatory/recommendations/{id}/withdraw",
        () ->
            inObservatory(
                post(observatory("/recommendations/" + obsRecommendation() + "/withdraw")),
                "observatory.recommendation.withdrawn"));
    s.put(
        "POST /manage/sites/{key}/observatory/recommendations/{id}/updates/{update}/correction",
        () -> {
          UUID[] ru = obsUpdate();
          return inObservatory(
              post(observatory("/recommendations/" + ru[0] + "/updates/" + ru[1] + "/correction"))
                  .param("correction", "El porcentaje era otro")
                  .param("source", "community")
                  .param("status", "in_progress")
                  .param("progress", "20")
                  .param("reportedOn", "2026-01-10"),
              "observatory.update.corrected");
        });
    s.put(
        "POST /manage/sites/{key}/observatory/sessions/{id}",
        () ->
            inObservatory(
                post(observatory("/sessions/" + obsMesa()))
                    .param("revision", "1")
                    .param("heldOn", "2026-01-16")
                    .param("minutes", "Acuerdos corregidos")
                    .param("attendees", obsInstitution().toString()),
                "observatory.session.changed"));
    s.put(
        "POST /manage/sites/{key}/observatory/sessions/{id}/commitments/{commitment}",
        () -> {
          UUID[] sc = obsCommitment();
          return inObservatory(
              post(observatory("/sessions/" + sc[0] + "/commitments/" + sc[1]))
                  .param("revision", "1")
                  .param("institution", obsInstitution().toString())
                  .param("what", "Reparar luminarias")
                  .param("dueOn", "2026-04-01")
                  .param("recommendations", obsRecommendation().toString()),
              "observatory.commitment.changed");
        });
    s.put(
        "POST /manage/sites/{key}/observatory/sessions/{id}/commitments/{commitment}/withdrawn",
        () -> {
          UUID[] sc = obsCommitment();
          return inObservatory(
              post(observatory("/sessions/" + sc[0] + "/commitments/" + sc[1] + "/withdrawn"))
                  .param("withdrawnReason", "La Mesa lo dejó sin efecto"),
              "observatory.commitment.withdrawn");
        });
    // Prioritisation.
    s.put(
        "POST /manage/sites/{key}/prioritisation",
        () -> {
          issue(false);
          return onAgenda(
              post(prioritisation(""))
                  .param("title", "Taller")
                  .param("method", "dots")
                  .param("allowance", "5")
                  .param("source", "draft"),
              "participation.session.created");
        });
    s.put(
        "POST /manage/sites/{key}/prioritisation/{id}/open",
        () ->
            onAgenda(
                post(prioritisation("/" + prioritisationSession(false) + "/open")),
                "participation.session.opened"));
    s.put(
        "POST /manage/sites/{key}/prioritisation/{id}/close",
        () ->
            onAgenda(
                post(prioritisation("/" + prioritisationSession(true) + "/close")),
                "participation.session.closed"));
    s.put(
        "POST /manage/sites/{key}/prioritisation/{id}/codes",
        () ->
            onAgenda(
                post(prioritisation("/" + prioritisationSession(false) + "/codes"))
                    .param("count", "3"),
                "participation.codes.generated"));
    s.put(
        "POST /manage/sites/{key}/prioritisation/{id}/ballots",
        () -> {
          UUID session = prioritisationSession(true);
          return onAgenda(
              post(prioritisation("/" + session + "/ballots"))
                  .param("group", "women")
                  .param("mark." + firstRef(session), "2"),
              "participation.ballot.entered");
        });
    s.put(
        "POST /manage/sites/{key}/prioritisation/{id}/apply",
        () -> {
          UUID session = prioritisationSession(true);
          String ref = firstRef(session);
          fixtures.actAs(agendaCoordinator);
          prioritisation.enterBallot(
              agendaSite,
              session,
              new org.tejido.participation.Ballot(
                  org.tejido.participation.VoterGroup.YOUTH, Map.of(ref, 1)));
          prioritisation.close(agendaSite, session);
          fixtures.actAsNobody();
          return onAgenda(
              post(prioritisation("/" + session + "/apply")),
              "participation.result.applied",
              "agenda.issues.prioritised");
        });
    // Validation rounds.
    s.put(
        "POST /manage/sites/{key}/validation",
        () -> {
          issue(false);
          return onAgenda(
              post(validation("")).param("title", "Taller de validación"),
              "participation.round.created");
        });
    s.put(
        "POST /manage/sites/{key}/validation/{id}/close",
        () -> onAgenda(post(validation("/" + round() + "/close")), "participation.round.closed"));
    s.put(
        "POST /manage/sites/{key}/validation/{id}/codes",
        () ->
            onAgenda(
                post(validation("/" + round() + "/codes")).param("count", "3"),
                "participation.round.codes.generated"));
    s.put(
        "POST /manage/sites/{key}/validation/{id}/sheet",
        () -> {
          UUID round = round();
          return onAgenda(
              post(validation("/" + round + "/sheet"))
                  .param("group", "women")
                  .param("v." + firstItem(round), "change")
                  .param("t." + firstItem(round), "Falta el alumbrado"),
              "participation.round.sheet.entered");
        });
    s.put(
        "POST /manage/sites/{key}/validation/{id}/comments/{comment}/answer",
        () -> {
          UUID[] rc = roundComment();
          return onAgenda(
              post(validation("/" + rc[0] + "/comments/" + rc[1] + "/answer"))
                  .param("answer", "partly")
                  .param("answerEs", "Se añadió al borrador"),
              "participation.round.comment.answered");
        });
    // Engagement log.
    s.put(
        "POST /manage/sites/{key}/engagement",
        () ->
            onAgenda(
                post("/manage/sites/" + agendaSite.key() + "/engagement")
                    .param("heldOn", "2026-03-02")
                    .param("kind", "authorities")
                    .param("attendees", "Cabildo: regidora")
                    .param("presented", "La agenda"),
                "engagement.event.added"));
    s.put(
        "POST /manage/sites/{key}/engagement/{id}/delete",
        () -> {
          fixtures.actAs(agendaCoordinator);
          UUID event =
              engagementLog.add(
                  agendaSite,
                  new org.tejido.participation.EngagementLog.Entry(
                      java.time.LocalDate.of(2026, 3, 2),
                      org.tejido.participation.EngagementKind.MEDIA,
                      "Radio comunitaria: conductora",
                      "La agenda",
                      null,
                      null));
          fixtures.actAsNobody();
          return onAgenda(
              post("/manage/sites/" + agendaSite.key() + "/engagement/" + event + "/delete"),
              "engagement.event.removed");
        });
    // Safe fieldwork.
    s.put(
        "POST /manage/sites/{key}/safety/protocol",
        () ->
            inField(
                post(safety("/protocol")).param("textEs", "Protocolo"), "safety.protocol.saved"));
    s.put(
        "POST /manage/sites/{key}/safety/check-in",
        () ->
            asFieldMember(
                post(safety("/check-in")).param("where", "x").param("returnAt", "23:59"),
                false,
                "safety.check-in"));
    s.put(
        "POST /manage/sites/{key}/safety/extend",
        () ->
            asFieldMember(
                post(safety("/extend")).param("returnAt", inTwoHours()), true, "safety.extend"));
    s.put(
        "POST /manage/sites/{key}/safety/check-out",
        () -> asFieldMember(post(safety("/check-out")), true, "safety.check-out"));
    s.put(
        "POST /manage/sites/{key}/safety/panic",
        () -> asFieldMember(post(safety("/panic")), false, "safety.panic"));
    s.put(
        "POST /manage/sites/{key}/safety/duress-pin",
        () ->
            asFieldMember(
                post(safety("/duress-pin")).param("checkoutPin", "1357").param("pin", "8642"),
                false,
                "safety.duress-pin.set"));
    s.put(
        "POST /manage/sites/{key}/safety/alerts/{alert}/acknowledge",
        () ->
            inField(
                post(safety("/alerts/" + panicAlert(false) + "/acknowledge")),
                "safety.alert.acknowledged"));
    s.put(
        "POST /manage/sites/{key}/safety/alerts/{alert}/resolve",
        () ->
            inField(
                post(safety("/alerts/" + panicAlert(true) + "/resolve")).param("note", "Todo bien"),
                "safety.alert.resolved"));
    return s;
  }

  private String prioritisation(String rest) {
    return "/manage/sites/" + agendaSite.key() + "/prioritisation" + rest;
  }

  /** A dot-voting session over the agenda site's draft, opened when asked. */
  private UUID prioritisationSession(boolean open) {
    issue(false);
    fixtures.actAs(agendaCoordinator);
    UUID id =
        prioritisation.create(
            agendaSite,
            "Taller",
            org.tejido.participation.VotingMethod.DOTS,
            3,
            org.tejido.participation.PrioritisationSessions.Source.DRAFT);
    if (open) {
      prioritisation.open(agendaSite, id);
    }
    fixtures.actAsNobody();
    return id;
  }

  private String firstRef(UUID session) {
    fixtures.actAs(agendaCoordinator);
    String ref = prioritisation.get(agendaSite, session).issues().get(0).ref();
    fixtures.actAsNobody();
    return ref;
  }

  private String validation(String rest) {
    return "/manage/sites/" + agendaSite.key() + "/validation" + rest;
  }

  /** An open validation round over the agenda site's draft. */
  private UUID round() {
    issue(false);
    fixtures.actAs(agendaCoordinator);
    UUID id = validationRounds.create(agendaSite, "Ronda");
    fixtures.actAsNobody();
    return id;
  }

  /** The form field of a round's first item. */
  private String firstItem(UUID round) {
    fixtures.actAs(agendaCoordinator);
    String field = validationRounds.get(agendaSite, round).items().get(0).field();
    fixtures.actAsNobody();
    return field;
  }

  /** A round with one commented sheet: [round, comment]. */
  private UUID[] roundComment() {
    UUID round = round();
    fixtures.actAs(agendaCoordinator);
    var item = validationRounds.get(agendaSite, round).items().get(0);
    validationRounds.enterSheet(
        agendaSite,
        round,
        new org.tejido.participation.ValidationResponse(
            org.tejido.participation.VoterGroup.ELDERLY,
            List.of(
                new org.tejido.participation.ValidationResponse.Comment(
                    item.kind(),
                    item.ref(),
                    org.tejido.participation.Verdict.CHANGE,
                    "Que se nombre la calle"))));
    fixtures.actAsNobody();
    UUID comment =
        jdbc.sql("select id from validation_comment where round_id = ?")
            .param(round)
            .query(UUID.class)
            .single();
    return new UUID[] {round, comment};
  }

  private String inTwoHours() {
    return java.time.ZonedDateTime.now(safeFieldwork.zone())
        .plusHours(2)
        .toLocalTime()
        .withSecond(0)
        .withNano(0)
        .toString();
  }

  // ---- the observatory's site: a published agenda, worked by its coordinator ----

  @Autowired org.tejido.observatory.internal.Observatory observatoryStaff;
  private Site obsSite;
  private Person obsCoordinator;
  private MockHttpSession obsSession;
  private UUID obsProposalId;

  private void observatorySite() throws Exception {
    if (obsSite != null) {
      return;
    }
    obsSite = fixtures.freshSite();
    obsCoordinator = fixtures.withRole(obsSite.key(), SiteRole.COORDINATOR);
    fixtures.actAs(obsCoordinator);
    editing.startDraft(obsSite);
    UUID issue =
        editing.addIssue(
            obsSite, new IssueInput("Robos", "Robberies", null, null, List.of("personal"), false));
    editing.addProposal(obsSite, new ProposalInput("authorities", "Luz", "Light", List.of(issue)));
    editing.publish(obsSite);
    obsProposalId = agendas.latestPublished(obsSite).orElseThrow().proposals().get(0).id();
    fixtures.actAsNobody();
    obsSession = fixtures.signIn(mvc, obsCoordinator);
  }

  private String observatory(String rest) throws Exception {
    observatorySite();
    return "/manage/sites/" + obsSite.key() + "/observatory" + rest;
  }

  private List<String> inObservatory(
      AbstractMockHttpServletRequestBuilder<?> request, String... actions) throws Exception {
    observatorySite();
    return expect(call(obsSession, request), obsSite.id().value(), obsCoordinator, actions);
  }

  private UUID obsProposal() throws Exception {
    observatorySite();
    return obsProposalId;
  }

  private UUID obsInstitution() throws Exception {
    observatorySite();
    fixtures.actAs(obsCoordinator);
    try {
      return observatoryStaff
          .addInstitution(
              obsSite,
              new org.tejido.observatory.internal.Observatory.InstitutionInput(
                  "Institución " + UUID.randomUUID(), "state", "government", "tel. 555"))
          .value();
    } finally {
      fixtures.actAsNobody();
    }
  }

  private UUID obsRecommendation() throws Exception {
    UUID institution = obsInstitution();
    fixtures.actAs(obsCoordinator);
    try {
      return observatoryStaff
          .addRecommendation(
              obsSite,
              new org.tejido.observatory.internal.Observatory.RecommendationInput(
                  "Alumbrado",
                  "",
                  "authorities",
                  List.of(institution.toString()),
                  List.of("personal"),
                  List.of("16.1"),
                  "5",
                  "2026-01-01",
                  "2026-12-31",
                  List.of(obsProposalId.toString())))
          .value();
    } finally {
      fixtures.actAsNobody();
    }
  }

  /** A recommendation and a community update of it whose evidence is held. */
  private UUID[] obsHeldEvidence() throws Exception {
    UUID recommendation = obsRecommendation();
    fixtures.actAs(obsCoordinator);
    try {
      UUID update =
          observatoryStaff
              .addUpdate(
                  obsSite,
                  new org.tejido.observatory.RecommendationId(recommendation),
                  new org.tejido.observatory.internal.Observatory.UpdateInput(
                      "community",
                      "in_progress",
                      "",
                      "20",
                      "Recorrido vecinal",
                      "",
                      "2026-01-10",
                      null,
                      null))
              .value();
      return new UUID[] {recommendation, update};
    } finally {
      fixtures.actAsNobody();
    }
  }

  private UUID obsMesa() throws Exception {
    UUID institution = obsInstitution();
    fixtures.actAs(obsCoordinator);
    try {
      return observatoryStaff
          .addSession(
              obsSite,
              new org.tejido.observatory.internal.Observatory.SessionInput(
                  "2026-01-15", "Acuerdos", List.of(institution.toString())))
          .value();
    } finally {
      fixtures.actAsNobody();
    }
  }

  /** A recommendation and a progress update of it. */
  private UUID[] obsUpdate() throws Exception {
    UUID recommendation = obsRecommendation();
    fixtures.actAs(obsCoordinator);
    try {
      UUID update =
          observatoryStaff
              .addUpdate(
                  obsSite,
                  new org.tejido.observatory.RecommendationId(recommendation),
                  new org.tejido.observatory.internal.Observatory.UpdateInput(
                      "community", "in_progress", "", "30", "", "", "2026-01-10", null, null))
              .value();
      return new UUID[] {recommendation, update};
    } finally {
      fixtures.actAsNobody();
    }
  }

  /** A session and an open commitment of it. */
  private UUID[] obsCommitment() throws Exception {
    UUID mesa = obsMesa();
    UUID recommendation = obsRecommendation();
    UUID institution = obsInstitution();
    fixtures.actAs(obsCoordinator);
    try {
      UUID commitment =
          observatoryStaff
              .addCommitment(
                  obsSite,
                  new org.tejido.observatory.SessionId(mesa),
                  new org.tejido.observatory.internal.Observatory.CommitmentInput(
                      institution.toString(),
                      "Reparar",
                      "2026-02-01",
                      List.of(recommendation.toString())))
              .value();
      return new UUID[] {mesa, commitment};
    } finally {
      fixtures.actAsNobody();
    }
  }

  private String safety(String rest) {
    return "/manage/sites/" + fieldSite.key() + "/safety" + rest;
  }

  /**
   * A new team member of the field site, signed in; with a trip returning in an hour when asked (an
   * extension to two hours from now is then always later, whatever the time of the run).
   */
  private List<String> asFieldMember(
      AbstractMockHttpServletRequestBuilder<?> request, boolean withTrip, String... actions)
      throws Exception {
    Person member = fixtures.withRole(fieldSite.key(), SiteRole.COMMUNITY_RESEARCHER);
    MockHttpSession session = fixtures.signIn(mvc, member);
    if (withTrip) {
      fixtures.actAs(member);
      safeFieldwork.checkIn(
          fieldSite,
          new org.tejido.identity.StaffMember(
              member.id(), member.username(), member.username(), false),
          "x",
          "",
          java.time.Instant.now().plusSeconds(3600));
    }
    return expect(call(session, request), fieldSite.id().value(), member, actions);
  }

  private UUID panicAlert(boolean acknowledged) {
    Person member = fixtures.withRole(fieldSite.key(), SiteRole.COMMUNITY_RESEARCHER);
    fixtures.actAs(member);
    safeFieldwork.panic(
        fieldSite,
        new org.tejido.identity.StaffMember(
            member.id(), member.username(), member.username(), false));
    UUID alert =
        jdbc.sql("select id from safety_alert where user_id = ? order by raised_at desc limit 1")
            .param(member.id().value())
            .query(UUID.class)
            .single();
    if (acknowledged) {
      fixtures.actAs(fieldCoordinator);
      safeFieldwork.acknowledge(
          fieldSite,
          new org.tejido.identity.StaffMember(fieldCoordinator.id(), "c", "c", false),
          alert);
    }
    fixtures.actAsNobody();
    return alert;
  }

  /** State-changing routes that leave no entry of their own, and why. Keep this short. */
  private static final Map<String, String> EXEMPT =
      Map.of(
          "POST /setup",
          "exists only while there is no account at all; the administrator it creates is"
              + " recorded as staff.account.created by UserAccounts (FirstAdministratorTest)",
          "POST /manage/sites/{key}/vault",
          "starts the creation ceremony: the key waits in memory and nothing is stored until"
              + " POST …/recovery-key/confirm, whose scenario runs it and expects vault.created",
          "POST /manage/sites/{key}/vault/recovery-key",
          "starts a ceremony held in memory only; its confirmation is audited"
              + " (vault.recovery-key.replaced)",
          "POST /manage/sites/{key}/vault/key-pair",
          "starts a ceremony held in memory only (a wrong passphrase is audited"
              + " vault.passphrase.failed); its confirmation is audited vault.key-pair.replaced",
          "POST /manage/sites/{key}/vault/recovery-key/cancel",
          "forgets a ceremony held in memory; nothing stored changes",
          "POST /vote",
          "checks a resident's one-time code and shows the ballot; nothing is stored",
          "POST /validate",
          "checks a resident's one-time code and shows the draft to comment on; nothing is stored",
          "POST /validate/comments",
          "a resident's comments: an entry would stamp them with a time that could tie them to a"
              + " person; the code is spent and the response kept instead, and the round's"
              + " creation, codes and closing are audited",
          "POST /vote/ballot",
          "a resident's vote: an entry would stamp it with a time that could tie it to a person"
              + " at a workshop; the code is spent and the ballot counted instead, and the"
              + " session's opening, closing and codes are audited",
          "POST /manage/sites/{key}/fieldwork/diary/draft",
          "keeps, sealed, what the signed-in person is typing in the diary, every few seconds;"
              + " only she reads it back; the entry it becomes is audited source.added and"
              + " discarding it diary.draft.discarded");

  /** Pages of the team and of the administrator that read protected data, and how. */
  private Map<String, Scenario> protectedReads() {
    Map<String, Scenario> s = new LinkedHashMap<>();
    s.put("GET /manage/sites/{key}/agenda", () -> readSilenced("/manage/sites/%s/agenda"));
    s.put(
        "GET /manage/sites/{key}/observatory/institutions/{id}",
        () ->
            inObservatory(
                get(observatory("/institutions/" + obsInstitution())),
                "observatory.contacts.read"));
    s.put(
        "GET /manage/sites/{key}/validation/{id}",
        () ->
            onAgenda(
                get(validation("/" + roundComment()[0])), "participation.round.comments.read"));
    s.put(
        "GET /manage/sites/{key}/safety/protocol",
        () -> inField(get(safety("/protocol")), "safety.protocol.read"));
    s.put(
        "GET /manage/sites/{key}/safety/dashboard",
        () -> inField(get(safety("/dashboard")), "safety.dashboard.read"));
    s.put(
        "GET /manage/sites/{key}/agenda/issues/new",
        () -> readSilenced("/manage/sites/%s/agenda/issues/new"));
    s.put(
        "GET /manage/sites/{key}/agenda/issues/{id}/edit",
        () -> readSilenced("/manage/sites/%s/agenda/issues/" + silencedIssue() + "/edit"));
    s.put(
        "GET /manage/sites/{key}/agenda/proposals/new",
        () -> readSilenced("/manage/sites/%s/agenda/proposals/new"));
    s.put(
        "GET /manage/sites/{key}/agenda/proposals/{id}/edit",
        () -> readSilenced("/manage/sites/%s/agenda/proposals/" + proposalOnDraft() + "/edit"));
    s.put("GET /manage/sites/{key}/fieldwork/activities/new", this::readAliasesForANewActivity);
    s.put("GET /manage/sites/{key}/fieldwork/activities/{id}/edit", this::readAliasesForAnEdit);
    s.put("GET /manage/sites/{key}/fieldwork/participants/{id}", this::readIdentity);
    s.put("GET /manage/sites/{key}/fieldwork/participants/{id}/withdraw", this::reviewWithdrawal);
    s.put("GET /manage/sites/{key}/fieldwork/sources/{id}", this::readSource);
    s.put("GET /manage/sites/{key}/fieldwork/sources/{id}/correct", this::readOwnDiaryEntry);
    s.put("GET /manage/sites/{key}/fieldwork/sources/{id}/deidentify", this::proposeReplacements);
    s.put("GET /manage/sites/{key}/fieldwork/media/{id}", this::downloadMedia);
    s.put("GET /manage/sites/{key}/fieldwork/gazetteer", this::readGazetteer);
    s.put("GET /manage/sites/{key}/analysis/sources/{id}", this::readSourceForCoding);
    s.put("GET /manage/sites/{key}/analysis/codes/{id}", this::readSegments);
    s.put("GET /manage/sites/{key}/analysis/agreement", () -> compareCoders("/agreement"));
    s.put("GET /manage/sites/{key}/analysis/agreement.csv", () -> compareCoders("/agreement.csv"));
    s.put("GET /manage/sites/{key}/analysis/analysis.qdpx", this::exportQdpx);
    s.put("GET /manage/sites/{key}/analysis/queries/quotes", this::readQuotesOfACell);
    s.put("GET /manage/sites/{key}/analysis/queries/search", this::searchAgainAfterCoding);
    s.put(
        "GET /manage/sites/{key}/analysis/memos/{kind}/{target}",
        () -> {
          UUID code = codeAt("Robo");
          memoOn(code);
          return inField(get(analysis("/memos/code/" + code)), "analysis.memo.read");
        });
    s.put(
        "GET /manage/sites/{key}/analysis/memos/{kind}/{target}/{memo}",
        () -> {
          UUID code = codeAt("Robo");
          return inField(
              get(analysis("/memos/code/" + code + "/" + memoOn(code))), "analysis.memo.read");
        });
    return s;
  }

  /**
   * Pages under {@code /manage} and {@code /admin} that show nothing protected (no identity, no
   * testimony, no silenced issue, no gazetteer term), so reading them is not recorded.
   */
  private static final Map<String, String> SHOWS_NOTHING_PROTECTED =
      Map.ofEntries(
          Map.entry("GET /manage", "the sites of the signed-in person"),
          Map.entry(
              "GET /manage/sites/{key}/safety",
              "the site's protocol, and the signed-in person's own trip, shown to her alone"),
          Map.entry(
              "GET /manage/sites/{key}/audit",
              "the log itself: pseudonymous references only; recording its reading would fill"
                  + " the log with entries about itself"),
          Map.entry("GET /admin/audit", "the log itself, as above"),
          Map.entry(
              "GET /manage/sites/{key}/vault",
              "the vault's state and who holds its key (staff, not participants)"),
          Map.entry(
              "GET /manage/sites/{key}/vault/recovery-key",
              "a new key during its ceremony, to the coordinator who started it: it opens"
                  + " nothing until confirmed, which is audited"),
          Map.entry("GET /manage/sites/{key}/vault/recovery-key/confirm", "asks two groups back"),
          Map.entry(
              "GET /manage/sites/{key}/fieldwork",
              "codes, pseudonymous attributes, activity and source titles (clear tier)"),
          Map.entry(
              "GET /manage/sites/{key}/fieldwork/activities/{id}",
              "the activity's kind, date, title, codes and its files' kinds (names sealed, not"
                  + " opened)"),
          Map.entry("GET /manage/sites/{key}/fieldwork/participants/new", "an empty form"),
          Map.entry(
              "GET /manage/sites/{key}/fieldwork/sources/new",
              "an empty form, or the signed-in person's own diary draft (what she typed, shown"
                  + " to her alone)"),
          Map.entry(
              "GET /manage/sites/{key}/analysis",
              "titles of de-identified sources and their numbers of codings (clear tier)"),
          Map.entry(
              "GET /manage/sites/{key}/analysis/codes",
              "the codebook: code names, descriptions, colours and numbers of codings"),
          Map.entry("GET /manage/sites/{key}/analysis/codes/new", "an empty form and the codebook"),
          Map.entry(
              "GET /manage/sites/{key}/agenda/draft/changes",
              "the draft as it would be published (spoken issues only) against the latest"
                  + " published version, and the coordinator's note: what the public will see"),
          Map.entry(
              "GET /manage/sites/{key}/agenda/draft/booklet.pdf",
              "the draft as it would be published: spoken issues only, and only the quotes whose"
                  + " speakers' consent allows publication (what the public page will show)"),
          Map.entry(
              "GET /manage/sites/{key}/analysis/codes/{id}/edit",
              "a code's names, description and colour, and the codebook"),
          Map.entry(
              "GET /manage/sites/{key}/analysis/codebook.qdc", "the codebook alone, as a file"),
          Map.entry("GET /manage/sites/{key}/analysis/qdpx", "an empty upload form"),
          Map.entry(
              "GET /manage/sites/{key}/analysis/queries",
              "code names and counts of codings (clear tier), never their words"),
          Map.entry("GET /manage/sites/{key}/analysis/queries/matrix", "code names and counts"),
          Map.entry(
              "GET /manage/sites/{key}/analysis/queries/cooccurrence", "code names and counts"),
          Map.entry(
              "GET /manage/sites/{key}/analysis/queries/frequency.csv",
              "code names and counts, as a file"),
          Map.entry(
              "GET /manage/sites/{key}/analysis/queries/matrix.csv",
              "code names and counts, as a file"),
          Map.entry(
              "GET /manage/sites/{key}/analysis/queries/cooccurrence.csv",
              "code names and counts, as a file"),
          Map.entry(
              "GET /manage/sites/{key}/observatory",
              "recommendations and their statuses (public-facing), and the signed-in person's own"
                  + " digest address"),
          Map.entry(
              "GET /manage/sites/{key}/observatory/institutions",
              "the directory's names, levels and types, never its contacts"),
          Map.entry(
              "GET /manage/sites/{key}/observatory/recommendations/new",
              "an empty form, the published agenda's proposals and the directory's names"),
          Map.entry(
              "GET /manage/sites/{key}/observatory/recommendations/{id}",
              "a recommendation with its timelines and commitments, and evidence the observatory"
                  + " entered itself and holds for its own review before publishing"),
          Map.entry(
              "GET /manage/sites/{key}/observatory/recommendations/{id}/updates/{update}/file",
              "an evidence file of a progress update, published or held for the observatory's"
                  + " own review"),
          Map.entry(
              "GET /manage/sites/{key}/observatory/sessions",
              "Mesa sessions: dates, attendees' names and commitments (public-facing)"),
          Map.entry(
              "GET /manage/sites/{key}/observatory/sessions/{id}",
              "a Mesa session, its minutes and commitments (public-facing)"),
          Map.entry(
              "GET /manage/sites/{key}/observatory/recommendations/{id}/edit",
              "a recommendation's public-facing fields, the published proposals and the"
                  + " directory's names"),
          Map.entry(
              "GET /manage/sites/{key}/observatory/recommendations/{id}/updates/{update}/correct",
              "a published progress update and the earlier versions its corrections replaced"
                  + " (all public once)"),
          Map.entry(
              "GET /manage/sites/{key}/observatory/sessions/{id}/edit",
              "a Mesa session's date, attendees and minutes (public-facing)"),
          Map.entry(
              "GET /manage/sites/{key}/observatory/sessions/{id}/commitments/{commitment}/edit",
              "a commitment (public-facing), the directory's names and the recommendations"),
          Map.entry(
              "GET /manage/sites/{key}/prioritisation",
              "titles and states of prioritisation sessions"),
          Map.entry(
              "GET /manage/sites/{key}/prioritisation/{id}",
              "spoken issue titles and counts of votes by population group; no voter is named"
                  + " or stored, and codes are never shown again"),
          Map.entry(
              "GET /manage/sites/{key}/prioritisation/{id}/ballot",
              "a blank ballot of spoken issue titles"),
          Map.entry("GET /manage/sites/{key}/validation", "titles and states of validation rounds"),
          Map.entry(
              "GET /manage/sites/{key}/validation/{id}/sheet",
              "a blank sheet of the round's spoken issues and proposals"),
          Map.entry(
              "GET /manage/sites/{key}/engagement",
              "the engagement log, which is public (institutions and roles, never residents)"),
          Map.entry("GET /admin/users", "staff accounts"),
          Map.entry("GET /admin/users/new", "an empty form"),
          Map.entry("GET /admin/users/{id}", "a staff account and its roles"),
          Map.entry("GET /admin/sites", "the sites"),
          Map.entry("GET /admin/sites/new", "an empty form"),
          Map.entry("GET /admin/sites/{key}", "a site's public details"),
          Map.entry(
              "GET /admin/national-agenda",
              "the National Agenda's draft: public issues of published local agendas only"),
          Map.entry("GET /admin/national-agenda/threads/new", "public issues to pick from"),
          Map.entry("GET /admin/national-agenda/threads/{id}/edit", "as above"),
          Map.entry("GET /admin/national-agenda/statements/new", "the draft's thread titles"),
          Map.entry("GET /admin/national-agenda/statements/{id}/edit", "as above"));

  // ---- the tests ----

  @Test
  void everyStateChangingRouteIsAccountedFor() {
    Set<String> routes = routes(m -> !m.equals("GET"));
    Set<String> accounted = new TreeSet<>(changes().keySet());
    accounted.addAll(EXEMPT.keySet());
    assertThat(accounted).as("scenarios and exemptions").isEqualTo(routes);
    assertThat(changes().keySet()).doesNotContainAnyElementsOf(EXEMPT.keySet());
  }

  @Test
  void everyStateChangingRouteLeavesItsAuditEntries() throws Exception {
    List<String> failures = new ArrayList<>();
    for (var scenario : changes().entrySet()) {
      fixtures.actAsNobody();
      scenario.getValue().run().forEach(f -> failures.add(scenario.getKey() + ": " + f));
    }
    assertThat(failures).isEmpty();
  }

  @Test
  void everyTeamAndAdminPageIsClassified() {
    Set<String> pages = routes(m -> m.equals("GET"));
    pages.removeIf(r -> !r.startsWith("GET /manage") && !r.startsWith("GET /admin"));
    Set<String> classified = new TreeSet<>(protectedReads().keySet());
    classified.addAll(SHOWS_NOTHING_PROTECTED.keySet());
    assertThat(classified).isEqualTo(pages);
    assertThat(protectedReads().keySet())
        .doesNotContainAnyElementsOf(SHOWS_NOTHING_PROTECTED.keySet());
  }

  @Test
  void everyReadOfProtectedDataLeavesAnAuditEntry() throws Exception {
    List<String> failures = new ArrayList<>();
    for (var scenario : protectedReads().entrySet()) {
      fixtures.actAsNobody();
      scenario.getValue().run().forEach(f -> failures.add(scenario.getKey() + ": " + f));
    }
    assertThat(failures).isEmpty();
  }

  @Test
  void aRefusedPasswordOnAnAccountIsRecordedWithoutActorAndAnUnknownNameIsNot() throws Exception {
    Person person = fixtures.person("guessed");
    long mark = lastSequence();
    mvc.perform(
        org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders
            .formLogin("/login")
            .user(person.username())
            .password("not the password at all"));
    String unknown = "nobody-" + UUID.randomUUID();
    mvc.perform(
        org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders
            .formLogin("/login")
            .user(unknown)
            .password("not the password at all"));
    List<Row> rows = entriesAfter(mark);
    assertThat(rows)
        .containsExactly(
            new Row(
                "staff.sign-in.refused", null, null, "user:" + person.id().value(), "password"));
    assertThat(
            jdbc.sql("select count(*) from audit_entry where subject like ? or detail like ?")
                .params("%" + unknown + "%", "%" + unknown + "%")
                .query(Long.class)
                .single())
        .isZero();
  }

  @Test
  void aWrongSecondFactorCodeIsRecordedAsARefusedSignIn() throws Exception {
    Person person = fixtures.withRole(agendaSite.key(), SiteRole.COORDINATOR);
    fixtures.secondFactorCode(person); // enrols them
    MockHttpSession session = fixtures.signInWithPasswordOnly(mvc, person);
    long mark = lastSequence();
    int status =
        mvc.perform(
                post("/account/second-factor")
                    .session(session)
                    .with(csrf())
                    .param("code", "000000"))
            .andReturn()
            .getResponse()
            .getStatus();
    assertThat(status).isEqualTo(422);
    assertThat(entriesAfter(mark))
        .contains(
            new Row(
                "staff.sign-in.refused",
                null,
                null,
                "user:" + person.id().value(),
                "second-factor"));
  }

  // ---- staff accounts and sign-in ----

  private List<String> changeOwnPassword() throws Exception {
    Person person = fixtures.person("password");
    MockHttpSession session = fixtures.signIn(mvc, person);
    String fresh = "otra frase nueva y larga " + UUID.randomUUID();
    return expect(
        call(
            session,
            post("/account/password")
                .param("current", Fixtures.PASSWORD)
                .param("password", fresh)
                .param("confirmation", fresh)),
        null,
        person,
        "staff.password.changed");
  }

  private List<String> passSecondFactor() throws Exception {
    Person person = fixtures.withRole(agendaSite.key(), SiteRole.COORDINATOR);
    String code = fixtures.secondFactorCode(person);
    MockHttpSession session = fixtures.signInWithPasswordOnly(mvc, person);
    return expect(
        call(session, post("/account/second-factor").param("code", code)),
        null,
        person,
        "staff.signed-in");
  }

  private List<String> enrolSecondFactor() throws Exception {
    Person person = fixtures.withRole(agendaSite.key(), SiteRole.COORDINATOR);
    MockHttpSession session = fixtures.signInWithPasswordOnly(mvc, person);
    byte[] secret = secondFactors.pendingEnrolment(person.id(), person.username()).secret();
    return expect(
        call(
            session,
            post("/account/second-factor/enrol")
                .param("code", secondFactors.codeAt(secret, Instant.now()))),
        null,
        person,
        "staff.second-factor.enrolled",
        "staff.signed-in");
  }

  private List<String> createAccount() throws Exception {
    return expect(
        call(
            adminSession,
            post("/admin/users")
                .param("username", "cuenta-" + UUID.randomUUID().toString().substring(0, 8))
                .param("displayName", "Cuenta nueva")
                .param("password", "una contraseña nueva y larga")),
        null,
        admin,
        "staff.account.created");
  }

  private List<String> grantRole() throws Exception {
    Person target = fixtures.person("granted");
    return expect(
        call(
            adminSession,
            post("/admin/users/" + target.id().value() + "/memberships")
                .param("site", agendaSite.key())
                .param("role", "researcher")),
        agendaSite.id().value(),
        admin,
        "staff.role.granted");
  }

  private List<String> revokeRole() throws Exception {
    Person target = fixtures.withRole(agendaSite.key(), SiteRole.RESEARCHER);
    return expect(
        call(
            adminSession,
            post(
                "/admin/users/"
                    + target.id().value()
                    + "/memberships/"
                    + agendaSite.key()
                    + "/delete")),
        agendaSite.id().value(),
        admin,
        "staff.role.revoked");
  }

  private List<String> disableAccount() throws Exception {
    Person target = fixtures.person("disabled");
    return expect(
        call(
            adminSession,
            post("/admin/users/" + target.id().value() + "/enabled").param("enabled", "false")),
        null,
        admin,
        "staff.account.disabled");
  }

  private List<String> resetSecondFactor() throws Exception {
    Person target = fixtures.withRole(agendaSite.key(), SiteRole.COORDINATOR);
    fixtures.secondFactorCode(target); // enrols them
    return expect(
        call(adminSession, post("/admin/users/" + target.id().value() + "/second-factor/reset")),
        null,
        admin,
        "staff.second-factor.reset");
  }

  private List<String> resetPassword() throws Exception {
    Person target = fixtures.person("forgot");
    return expect(
        call(adminSession, post("/admin/users/" + target.id().value() + "/password/reset")),
        null,
        admin,
        "staff.password.reset");
  }

  // ---- sites ----

  private List<String> addSite() throws Exception {
    String key = "auditada-" + UUID.randomUUID().toString().substring(0, 8);
    Outcome outcome =
        call(
            adminSession,
            post("/admin/sites")
                .param("key", key)
                .param("inegiCode", "02004")
                .param("neighbourhood", "Colonia Auditada"));
    if (sites.find(key).isEmpty()) {
      return List.of("the site was not added (status " + outcome.status() + ")");
    }
    return expect(outcome, sites.byKey(key).id().value(), admin, "site.added");
  }

  private List<String> editSite() throws Exception {
    Site site = fixtures.freshSite();
    return expect(
        call(
            adminSession,
            post("/admin/sites/" + site.key())
                .param("inegiCode", "16006")
                .param("neighbourhood", "Colonia Corregida")),
        site.id().value(),
        admin,
        "site.edited");
  }

  private List<String> suspendSite() throws Exception {
    Site site = fixtures.freshSite();
    return expect(
        call(
            adminSession,
            post("/admin/sites/" + site.key() + "/suspend").param("reasonEs", "Por seguridad")),
        site.id().value(),
        admin,
        "site.suspended");
  }

  private List<String> reactivateSite() throws Exception {
    Site site = fixtures.freshSite();
    call(adminSession, post("/admin/sites/" + site.key() + "/suspend").param("reasonEs", "Pausa"));
    return expect(
        call(adminSession, post("/admin/sites/" + site.key() + "/reactivate")),
        site.id().value(),
        admin,
        "site.reactivated");
  }

  // ---- agenda ----

  // ---- the National Agenda ----

  @Autowired org.tejido.agenda.NationalAgendas national;
  @Autowired org.tejido.agenda.NationalAgendaEditing nationalEditing;

  /** A spoken issue of a published local agenda, on a site of its own. */
  private UUID publishedLocalIssue() {
    Site site = fixtures.freshSite();
    fixtures.actAs(fixtures.withRole(site.key(), SiteRole.COORDINATOR));
    editing.startDraft(site);
    editing.addIssue(
        site, new IssueInput("Robos", "Robberies", null, null, List.of("personal"), false));
    editing.publish(site);
    UUID id = agendas.latestPublished(site).orElseThrow().issues().get(0).id();
    fixtures.actAsNobody();
    return id;
  }

  /** Makes sure the National Agenda has a draft, as the administrator. */
  private void nationalDraft() {
    fixtures.actAs(admin);
    if (national.draft().isEmpty()) {
      nationalEditing.startDraft();
    }
    fixtures.actAsNobody();
  }

  private UUID nationalThread() {
    nationalDraft();
    UUID issue = publishedLocalIssue();
    fixtures.actAs(admin);
    UUID id =
        nationalEditing.addThread(
            new org.tejido.agenda.NationalThreadInput(
                "Hilo", "Thread", null, null, "personal", List.of(issue)));
    fixtures.actAsNobody();
    return id;
  }

  private UUID nationalRequirement() {
    nationalDraft();
    fixtures.actAs(admin);
    UUID id =
        nationalEditing.addStatement(
            new org.tejido.agenda.NationalStatementInput(
                org.tejido.agenda.NationalStatement.Kind.REQUIREMENT,
                "Requerimiento",
                "Requirement",
                List.of()));
    fixtures.actAsNobody();
    return id;
  }

  private List<String> onNational(
      AbstractMockHttpServletRequestBuilder<?> request, String... actions) throws Exception {
    return expect(call(adminSession, request), null, admin, actions);
  }

  private List<String> startNationalDraft() throws Exception {
    fixtures.actAs(admin);
    if (national.draft().isPresent()) {
      nationalEditing.discardDraft();
    }
    fixtures.actAsNobody();
    return onNational(post("/admin/national-agenda/draft"), "national-agenda.draft.started");
  }

  private List<String> addThread() throws Exception {
    nationalDraft();
    UUID issue = publishedLocalIssue();
    return onNational(
        post("/admin/national-agenda/threads")
            .param("titleEs", "Hilo")
            .param("titleEn", "Thread")
            .param("domain", "personal")
            .param("issues", issue.toString()),
        "national-agenda.thread.added");
  }

  private List<String> editThread() throws Exception {
    UUID thread = nationalThread();
    UUID issue = publishedLocalIssue();
    return onNational(
        post("/admin/national-agenda/threads/" + thread)
            .param("titleEs", "Hilo reescrito")
            .param("titleEn", "Rewritten thread")
            .param("domain", "community")
            .param("issues", issue.toString()),
        "national-agenda.thread.edited");
  }

  private List<String> moveThread() throws Exception {
    UUID thread = nationalThread();
    return onNational(
        post("/admin/national-agenda/threads/" + thread + "/move").param("direction", "up"),
        "national-agenda.thread.moved");
  }

  private List<String> deleteThread() throws Exception {
    UUID thread = nationalThread();
    return onNational(
        post("/admin/national-agenda/threads/" + thread + "/delete"),
        "national-agenda.thread.deleted");
  }

  private List<String> addStatement() throws Exception {
    nationalDraft();
    return onNational(
        post("/admin/national-agenda/statements")
            .param("kind", "principle")
            .param("textEs", "Principio")
            .param("textEn", "Principle"),
        "national-agenda.principle.added");
  }

  private List<String> editStatement() throws Exception {
    UUID statement = nationalRequirement();
    return onNational(
        post("/admin/national-agenda/statements/" + statement)
            .param("kind", "requirement")
            .param("textEs", "Requerimiento reescrito")
            .param("textEn", "Rewritten requirement"),
        "national-agenda.requirement.edited");
  }

  private List<String> deleteStatement() throws Exception {
    UUID statement = nationalRequirement();
    return onNational(
        post("/admin/national-agenda/statements/" + statement + "/delete"),
        "national-agenda.statement.deleted");
  }

  private List<String> publishNational() throws Exception {
    nationalThread();
    return onNational(post("/admin/national-agenda/draft/publish"), "national-agenda.published");
  }

  private List<String> discardNationalDraft() throws Exception {
    nationalDraft();
    return onNational(
        post("/admin/national-agenda/draft/discard"), "national-agenda.draft.discarded");
  }

  // ---- the agenda ----

  private String agenda(String rest) {
    return "/manage/sites/" + agendaSite.key() + "/agenda" + rest;
  }

  private List<String> onAgenda(AbstractMockHttpServletRequestBuilder<?> request, String... actions)
      throws Exception {
    return expect(
        call(agendaSession, request), agendaSite.id().value(), agendaCoordinator, actions);
  }

  /** Makes sure the agenda site has a draft, as its coordinator. */
  private void draft() {
    fixtures.actAs(agendaCoordinator);
    if (agendas.draftForTeam(agendaSite).isEmpty()) {
      editing.startDraft(agendaSite);
    }
    fixtures.actAsNobody();
  }

  private UUID issue(boolean silenced) {
    draft();
    fixtures.actAs(agendaCoordinator);
    UUID id =
        editing.addIssue(
            agendaSite,
            new IssueInput(
                silenced ? "Silenciado" : "Público",
                silenced ? "Silenced" : "Public",
                null,
                null,
                List.of("personal"),
                silenced));
    fixtures.actAsNobody();
    return id;
  }

  private UUID silencedIssue() {
    return issue(true);
  }

  private UUID proposalOnDraft() {
    UUID issue = silencedIssue();
    fixtures.actAs(agendaCoordinator);
    UUID id =
        editing.addProposal(
            agendaSite, new ProposalInput("authorities", "Texto", "Text", List.of(issue)));
    fixtures.actAsNobody();
    return id;
  }

  private List<String> startDraft() throws Exception {
    fixtures.actAs(agendaCoordinator);
    if (agendas.draftForTeam(agendaSite).isPresent()) {
      editing.discardDraft(agendaSite);
    }
    fixtures.actAsNobody();
    return onAgenda(post(agenda("/draft")), "agenda.draft.started");
  }

  private List<String> discardDraft() throws Exception {
    draft();
    return onAgenda(post(agenda("/draft/discard")), "agenda.draft.discarded");
  }

  private List<String> publish() throws Exception {
    issue(false);
    return onAgenda(post(agenda("/draft/publish")), "agenda.published");
  }

  private List<String> setParticipants() throws Exception {
    draft();
    return onAgenda(
        post(agenda("/draft/participants")).param("participants", "12"), "agenda.participants.set");
  }

  private List<String> setNote() throws Exception {
    draft();
    return onAgenda(
        post(agenda("/draft/note")).param("noteEs", "Por qué").param("noteEn", "Why"),
        "agenda.note.set");
  }

  private List<String> addIssue() throws Exception {
    draft();
    return onAgenda(
        post(agenda("/issues"))
            .param("titleEs", "Nuevo")
            .param("titleEn", "New")
            .param("domains", "personal"),
        "agenda.issue.added");
  }

  private List<String> editIssue() throws Exception {
    UUID issue = issue(false);
    return onAgenda(
        post(agenda("/issues/" + issue))
            .param("titleEs", "Cambiado")
            .param("titleEn", "Changed")
            .param("domains", "personal"),
        "agenda.issue.edited");
  }

  private List<String> moveIssue() throws Exception {
    issue(false);
    UUID second = issue(false);
    return onAgenda(
        post(agenda("/issues/" + second + "/move")).param("direction", "up"), "agenda.issue.moved");
  }

  private List<String> deleteIssue() throws Exception {
    UUID issue = issue(false);
    return onAgenda(post(agenda("/issues/" + issue + "/delete")), "agenda.issue.deleted");
  }

  private List<String> addProposal() throws Exception {
    UUID issue = issue(false);
    return onAgenda(
        post(agenda("/proposals"))
            .param("addressee", "authorities")
            .param("textEs", "Propuesta")
            .param("textEn", "Proposal")
            .param("issues", issue.toString()),
        "agenda.proposal.added");
  }

  private List<String> editProposal() throws Exception {
    UUID proposal = proposalOnDraft();
    UUID answered = issue(false);
    return onAgenda(
        post(agenda("/proposals/" + proposal))
            .param("addressee", "authorities")
            .param("textEs", "Cambiada")
            .param("textEn", "Changed")
            .param("issues", answered.toString()),
        "agenda.proposal.edited");
  }

  private List<String> moveProposal() throws Exception {
    UUID first = proposalOnDraft();
    proposalOnDraft();
    return onAgenda(
        post(agenda("/proposals/" + first + "/move")).param("direction", "down"),
        "agenda.proposal.moved");
  }

  private List<String> deleteProposal() throws Exception {
    UUID proposal = proposalOnDraft();
    return onAgenda(post(agenda("/proposals/" + proposal + "/delete")), "agenda.proposal.deleted");
  }

  private List<String> readSilenced(String pathFormat) throws Exception {
    silencedIssue();
    return onAgenda(get(pathFormat.formatted(agendaSite.key())), "agenda.silenced.read");
  }

  // ---- vault ----

  private String vault(String rest) {
    return "/manage/sites/" + fieldSite.key() + "/vault" + rest;
  }

  private List<String> inField(AbstractMockHttpServletRequestBuilder<?> request, String... actions)
      throws Exception {
    return expect(call(fieldSession, request), fieldSite.id().value(), fieldCoordinator, actions);
  }

  private void lockVault() {
    fixtures.actAs(fieldCoordinator);
    vaults.lock(fieldSite);
    fixtures.actAsNobody();
  }

  /** Fieldwork scenarios need the vault open. */
  private void openVault() {
    fixtures.actAs(fieldCoordinator);
    if (!vaults.canReadNow(fieldSite.id())) {
      vaults.unlock(fieldSite, PASSPHRASE);
    }
    fixtures.actAsNobody();
  }

  private List<String> unlock() throws Exception {
    lockVault();
    return inField(post(vault("/unlock")).param("passphrase", PASSPHRASE), "vault.unlock");
  }

  private List<String> unlockWithRecoveryKey() throws Exception {
    lockVault();
    return inField(
        post(vault("/unlock-recovery")).param("recoveryKey", recoveryKey), "vault.unlock.recovery");
  }

  private List<String> lock() throws Exception {
    openVault();
    return inField(post(vault("/lock")), "vault.lock");
  }

  private List<String> setPassphrase() throws Exception {
    openVault();
    return inField(
        post(vault("/passphrase"))
            .param("passphrase", PASSPHRASE)
            .param("confirmation", PASSPHRASE),
        "vault.passphrase.set");
  }

  /** The whole creation ceremony on a new site; only its confirmation is checked. */
  private List<String> createVaultByCeremony() throws Exception {
    Site site = fixtures.freshSite();
    Person coordinator = fixtures.withRole(site.key(), SiteRole.COORDINATOR);
    MockHttpSession session = fixtures.signIn(mvc, coordinator);
    String base = "/manage/sites/" + site.key() + "/vault";
    call(session, post(base).param("passphrase", PASSPHRASE).param("confirmation", PASSPHRASE));
    fixtures.actAs(coordinator);
    KeyCeremony ceremony =
        vaults
            .ceremony(site, (String) session.getAttribute("vault.ceremony." + site.key()))
            .orElseThrow();
    fixtures.actAsNobody();
    return expect(
        call(
            session,
            post(base + "/recovery-key/confirm")
                .param("first", ceremony.groups().get(ceremony.asked().get(0) - 1))
                .param("second", ceremony.groups().get(ceremony.asked().get(1) - 1))),
        site.id().value(),
        coordinator,
        "vault.created",
        "vault.key-holder.added");
  }

  // ---- fieldwork ----

  private String field(String rest) {
    return "/manage/sites/" + fieldSite.key() + "/fieldwork" + rest;
  }

  private UUID participant() {
    openVault();
    fixtures.actAs(fieldCoordinator);
    UUID id =
        participants
            .register(
                fieldSite,
                new NewParticipant(
                    "women", "woman", "30_44", "mestizo", "Centro", new Identity(NAME, null, null)))
            .id();
    fixtures.actAsNobody();
    return id;
  }

  private UUID activity() {
    fixtures.actAs(fieldCoordinator);
    UUID id =
        activities.create(
            fieldSite,
            new NewActivity(
                "workshop",
                LocalDate.now(),
                "Taller",
                List.of("women"),
                List.of(fieldCoordinator.id().value()),
                List.of()));
    fixtures.actAsNobody();
    return id;
  }

  private UUID source() {
    openVault();
    fixtures.actAs(fieldCoordinator);
    UUID id =
        sources.add(
            fieldSite,
            new NewSource(
                null, "field_diary", "Diario", "Hoy hablé con " + NAME + " en la plaza.", "typed"));
    fixtures.actAsNobody();
    return id;
  }

  private List<String> addActivity() throws Exception {
    return inField(
        post(field("/activities"))
            .param("kind", "workshop")
            .param("heldOn", LocalDate.now().toString())
            .param("title", "Taller de auditoría"),
        "activity.added");
  }

  private List<String> editActivity() throws Exception {
    UUID activity = activity();
    return inField(
        post(field("/activities/" + activity))
            .param("kind", "walk")
            .param("heldOn", LocalDate.now().toString())
            .param("title", "Recorrido de auditoría")
            .param("facilitatorIds", fieldCoordinator.id().value().toString()),
        "activity.changed");
  }

  private List<String> attachMedia() throws Exception {
    UUID activity = activity();
    return inField(
        multipart(field("/activities/" + activity + "/media"))
            .file(new MockMultipartFile("file", "foto.png", "image/png", new byte[] {1, 2, 3}))
            .param("kind", "photo"),
        "media.attached");
  }

  private List<String> registerParticipant() throws Exception {
    openVault();
    return inField(
        post(field("/participants"))
            .param("populationGroup", "women")
            .param("gender", "woman")
            .param("ageBand", "30_44")
            .param("ethnicity", "mestizo")
            .param("neighbourhood", "Centro")
            .param("name", NAME),
        "participant.registered");
  }

  private List<String> recordConsent() throws Exception {
    UUID participant = participant();
    return inField(
        post(field("/participants/" + participant + "/consents"))
            .param("givenOn", LocalDate.now().toString())
            .param("method", "verbal")
            .param("takePart", "on")
            .param("formVersion", "v1"),
        "participant.consent.recorded");
  }

  private List<String> withdraw() throws Exception {
    UUID participant = participant();
    fixtures.actAs(fieldCoordinator);
    var review = withdrawals.review(fieldSite, participant);
    fixtures.actAsNobody();
    return inField(
        post(field("/participants/" + participant + "/withdraw"))
            .param("confirm", review.participant().code())
            .param("reviewed", review.fingerprint()),
        "participant.withdrawn");
  }

  private List<String> addSource() throws Exception {
    openVault();
    return inField(
        post(field("/sources"))
            .param("kind", "field_diary")
            .param("title", "Diario de campo")
            .param("text", "Hoy caminamos por la colonia."),
        "source.added");
  }

  private List<String> discardDiaryDraft() throws Exception {
    fixtures.actAs(fieldCoordinator);
    diary.saveDraft(fieldSite, "Diario", "", "Hoy hablé con " + NAME + ".");
    fixtures.actAsNobody();
    return inField(post(field("/diary/draft/discard")), "diary.draft.discarded");
  }

  private List<String> receiveDeviceEntry() throws Exception {
    UUID id = UUID.randomUUID();
    Vaults.DeviceKey key = vaults.deviceKey(fieldSite.id()).orElseThrow();
    return inField(
        post(field("/diary/sealed?id=" + id + "&keyId=" + key.id()))
            .content(
                org.tejido.support.DeviceSealing.seal(
                    key, id, "Sin señal", diary.today().toString(), "Hoy hablé con " + NAME)),
        "diary.device-entry.received");
  }

  private List<String> fileDeviceEntries() throws Exception {
    openVault();
    fixtures.actAs(fieldCoordinator);
    UUID id = UUID.randomUUID();
    Vaults.DeviceKey key = vaults.deviceKey(fieldSite.id()).orElseThrow();
    diary.receiveSealed(
        fieldSite,
        id,
        key.id(),
        org.tejido.support.DeviceSealing.seal(
            key, id, "Sin señal", diary.today().toString(), "Volvimos a las seis."));
    fixtures.actAsNobody();
    return inField(post(field("/diary/sealed/file")), "diary.device-entry.filed", "source.added");
  }

  private UUID diaryEntry() {
    openVault();
    fixtures.actAs(fieldCoordinator);
    UUID id =
        diary.add(
            fieldSite,
            new NewSource(null, "field_diary", "Diario", "Hoy hablé con " + NAME + ".", "typed"),
            diary.today().toString());
    fixtures.actAsNobody();
    return id;
  }

  private List<String> correctDiaryEntry() throws Exception {
    UUID entry = diaryEntry();
    return inField(
        post(field("/sources/" + entry + "/correct"))
            .param("title", "Diario")
            .param("day", diary.today().toString())
            .param("text", "Hoy hablé con una vecina."),
        "source.corrected");
  }

  private List<String> readOwnDiaryEntry() throws Exception {
    UUID entry = diaryEntry();
    return inField(get(field("/sources/" + entry + "/correct")), "diary.entry.read");
  }

  private List<String> deidentify() throws Exception {
    UUID source = source();
    fixtures.actAs(fieldCoordinator);
    String reviewed = sources.fingerprint(fieldSite, source);
    fixtures.actAsNobody();
    return inField(
        post(field("/sources/" + source + "/deidentify"))
            .param("reviewed", reviewed)
            .param("wholeText", "yes"),
        "source.deidentified",
        "source.reviewed");
  }

  private List<String> addTermFromSource() throws Exception {
    UUID source = source();
    return inField(
        post(field("/sources/" + source + "/gazetteer"))
            .param("term", "Calle " + UUID.randomUUID().toString().substring(0, 6))
            .param("kind", "STREET"),
        "gazetteer.changed");
  }

  private List<String> addTerm() throws Exception {
    openVault();
    return inField(
        post(field("/gazetteer"))
            .param("term", "Calle " + UUID.randomUUID().toString().substring(0, 6))
            .param("kind", "STREET"),
        "gazetteer.changed");
  }

  private List<String> removeTerm() throws Exception {
    openVault();
    String term = "Calle " + UUID.randomUUID().toString().substring(0, 6);
    fixtures.actAs(fieldCoordinator);
    deidentification.addToGazetteer(fieldSite, term, "STREET");
    fixtures.actAsNobody();
    return inField(post(field("/gazetteer/delete")).param("term", term), "gazetteer.changed");
  }

  /** With the vault open, the list of who was present shows aliases (identity) to vault readers. */
  private List<String> readAliasesForANewActivity() throws Exception {
    participant();
    return inField(get(field("/activities/new")), "participant.aliases.read");
  }

  private List<String> readAliasesForAnEdit() throws Exception {
    participant();
    UUID activity = activity();
    return inField(get(field("/activities/" + activity + "/edit")), "participant.aliases.read");
  }

  private List<String> readIdentity() throws Exception {
    UUID participant = participant();
    return inField(get(field("/participants/" + participant)), "participant.identity.read");
  }

  private List<String> reviewWithdrawal() throws Exception {
    UUID participant = participant();
    return inField(
        get(field("/participants/" + participant + "/withdraw")),
        "participant.withdrawal.reviewed");
  }

  // ---- analysis ----

  private String analysis(String rest) {
    return "/manage/sites/" + fieldSite.key() + "/analysis" + rest;
  }

  private UUID codeAt(String es) {
    fixtures.actAs(fieldCoordinator);
    UUID id =
        codebook.tree(fieldSite).stream()
            .map(n -> n.code())
            .filter(c -> es.equals(c.name().es()))
            .findFirst()
            .orElseThrow()
            .id();
    fixtures.actAsNobody();
    return id;
  }

  private UUID newCode() {
    fixtures.actAs(fieldCoordinator);
    UUID id =
        codebook.add(
            fieldSite,
            new org.tejido.analysis.CodeInput(
                "Código " + UUID.randomUUID(), "Code", "", "#123456", true, null));
    fixtures.actAsNobody();
    return id;
  }

  /** A de-identified source of the field site, ready for coding. */
  /** A memo by the field site's coordinator on a code. */
  private UUID memoOn(UUID code) {
    fixtures.actAs(fieldCoordinator);
    UUID id = memos.add(fieldSite, org.tejido.analysis.Memo.MemoTarget.CODE, code, "Nota");
    fixtures.actAsNobody();
    return id;
  }

  private UUID readySource() {
    UUID source = source();
    fixtures.actAs(fieldCoordinator);
    deidentification.acceptAll(fieldSite, source);
    fixtures.actAsNobody();
    return source;
  }

  private UUID coding(UUID source, UUID code) {
    fixtures.actAs(fieldCoordinator);
    UUID id = codings.apply(fieldSite, source, 1, 0, 3, List.of(code)).get(0);
    fixtures.actAsNobody();
    return id;
  }

  private List<String> addCode() throws Exception {
    return inField(
        post(analysis("/codes"))
            .param("nameEs", "Nuevo")
            .param("nameEn", "New")
            .param("colour", "#123456")
            .param("codable", "true"),
        "analysis.code.added");
  }

  private List<String> editCode() throws Exception {
    UUID code = newCode();
    return inField(
        post(analysis("/codes/" + code))
            .param("nameEs", "Cambiado")
            .param("nameEn", "Changed")
            .param("colour", "#654321")
            .param("codable", "true"),
        "analysis.code.edited");
  }

  private List<String> deleteCode() throws Exception {
    return inField(post(analysis("/codes/" + newCode() + "/delete")), "analysis.code.deleted");
  }

  private List<String> mergeCode() throws Exception {
    UUID source = readySource();
    UUID code = newCode();
    coding(source, code);
    return inField(
        post(analysis("/codes/" + code + "/merge")).param("into", codeAt("Robo").toString()),
        "analysis.code.merged");
  }

  private List<String> importCodebook() throws Exception {
    String qdc =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\">"
            + "<Codes><Code guid=\""
            + UUID.randomUUID()
            + "\" name=\"Importado "
            + UUID.randomUUID()
            + "\" isCodable=\"true\"/></Codes></CodeBook>";
    return inField(
        multipart(analysis("/codebook"))
            .file(
                new MockMultipartFile(
                    "file",
                    "codebook.qdc",
                    "application/xml",
                    qdc.getBytes(java.nio.charset.StandardCharsets.UTF_8))),
        "analysis.codebook.imported");
  }

  private static byte[] smallQdpx() throws Exception {
    String source = UUID.randomUUID().toString();
    String qde =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Project name=\"p\""
            + " xmlns=\"urn:QDA-XML:project:1.0\"><CodeBook><Codes><Code guid=\""
            + UUID.randomUUID()
            + "\" name=\"c\" isCodable=\"true\"/></Codes></CodeBook><Sources><TextSource guid=\""
            + source
            + "\" name=\"t\" plainTextPath=\"internal://"
            + source
            + ".txt\"/></Sources></Project>";
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(out)) {
      zip.putNextEntry(new java.util.zip.ZipEntry("project.qde"));
      zip.write(qde.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      zip.putNextEntry(new java.util.zip.ZipEntry("sources/" + source + ".txt"));
      zip.write("Hola mundo".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    return out.toByteArray();
  }

  private org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder
      qdpxUpload() throws Exception {
    return multipart(analysis("/qdpx/check"))
        .file(new MockMultipartFile("file", "p.qdpx", "application/zip", smallQdpx()));
  }

  private List<String> checkQdpx() throws Exception {
    return inField(qdpxUpload(), "analysis.qdpx.checked");
  }

  private List<String> importQdpx() throws Exception {
    Object token =
        mvc.perform(qdpxUpload().session(fieldSession).with(csrf()).accept("text/html"))
            .andReturn()
            .getModelAndView()
            .getModel()
            .get("token");
    return inField(
        post(analysis("/qdpx/import")).param("token", String.valueOf(token)),
        "analysis.qdpx.imported");
  }

  private List<String> exportQdpx() throws Exception {
    return inField(get(analysis("/analysis.qdpx")), "analysis.qdpx.exported");
  }

  private List<String> codeSelection() throws Exception {
    UUID source = readySource();
    return inField(
        post(analysis("/sources/" + source + "/codings"))
            .param("turn", "1")
            .param("start", "0")
            .param("end", "3")
            .param("codes", codeAt("Robo").toString()),
        "analysis.coding.added");
  }

  private List<String> removeCoding() throws Exception {
    UUID source = readySource();
    UUID coding = coding(source, codeAt("Robo"));
    return inField(
        post(analysis("/sources/" + source + "/codings/" + coding + "/delete")),
        "analysis.coding.removed");
  }

  private List<String> readSourceForCoding() throws Exception {
    UUID source = readySource();
    return inField(get(analysis("/sources/" + source)), "analysis.source.read");
  }

  private List<String> readSegments() throws Exception {
    UUID source = readySource();
    UUID code = codeAt("Robo");
    coding(source, code);
    return inField(get(analysis("/codes/" + code)), "analysis.segments.read");
  }

  /** An issue of the field site's agenda draft (started if needed). */
  private UUID fieldIssue() {
    fixtures.actAs(fieldCoordinator);
    if (agendas.draftForTeam(fieldSite).isEmpty()) {
      editing.startDraft(fieldSite);
    }
    UUID id =
        editing.addIssue(
            fieldSite,
            new IssueInput("Robos", "Robberies", null, null, List.of("personal"), false));
    fixtures.actAsNobody();
    return id;
  }

  /** A coded segment linked as evidence to an issue of the draft: {issue, coding}. */
  private UUID[] evidence() {
    UUID coding = coding(readySource(), codeAt("Robo"));
    UUID issue = fieldIssue();
    fixtures.actAs(fieldCoordinator);
    issueEvidence.link(fieldSite, issue, coding);
    fixtures.actAsNobody();
    return new UUID[] {issue, coding};
  }

  private List<String> useAsEvidence() throws Exception {
    UUID coding = coding(readySource(), codeAt("Robo"));
    UUID issue = fieldIssue();
    return inField(
        post(analysis("/codings/" + coding + "/evidence")).param("issue", issue.toString()),
        "agenda.evidence.added");
  }

  private List<String> chooseQuote() throws Exception {
    UUID[] e = evidence();
    return inField(
        post("/manage/sites/"
                + fieldSite.key()
                + "/agenda/issues/"
                + e[0]
                + "/evidence/"
                + e[1]
                + "/quote")
            .param("quoted", "true"),
        "agenda.evidence.quoted");
  }

  private List<String> removeEvidence() throws Exception {
    UUID[] e = evidence();
    return inField(
        post(
            "/manage/sites/"
                + fieldSite.key()
                + "/agenda/issues/"
                + e[0]
                + "/evidence/"
                + e[1]
                + "/delete"),
        "agenda.evidence.removed");
  }

  /** Two coders coded the same source; comparing them is a read of the site's coding. */
  private List<String> compareCoders(String page) throws Exception {
    UUID source = readySource();
    UUID code = codeAt("Robo");
    coding(source, code);
    Person other = fixtures.withRole(fieldSite.key(), SiteRole.RESEARCHER);
    fixtures.actAs(other);
    codings.apply(fieldSite, source, 1, 1, 4, List.of(code));
    fixtures.actAsNobody();
    return inField(
        get(analysis(page))
            .param("a", fieldCoordinator.id().value().toString())
            .param("b", other.id().value().toString())
            .param("sources", source.toString()),
        "analysis.agreement.read");
  }

  private List<String> readQuotesOfACell() throws Exception {
    UUID source = readySource();
    UUID code = codeAt("Robo");
    coding(source, code);
    return inField(
        get(analysis("/queries/quotes"))
            .param("query", "frequency")
            .param("code", code.toString())
            .param("column", "all"),
        "analysis.quotes.read");
  }

  private List<String> searchSources() throws Exception {
    readySource();
    return inField(post(analysis("/queries/search")).param("q", "plaza"), "analysis.search");
  }

  /** The form is empty, but after "code all hits" it shows the hits again (the words flashed). */
  private List<String> searchAgainAfterCoding() throws Exception {
    readySource();
    return inField(get(analysis("/queries/search")).flashAttr("q", "plaza"), "analysis.search");
  }

  private List<String> codeEverySearchHit() throws Exception {
    readySource();
    return inField(
        post(analysis("/queries/search/code"))
            .param("q", "plaza")
            .param("code", codeAt("Robo").toString()),
        "analysis.search.coded");
  }

  private List<String> readSource() throws Exception {
    UUID source = source();
    return inField(get(field("/sources/" + source)), "source.raw.read");
  }

  private List<String> proposeReplacements() throws Exception {
    UUID source = source();
    return inField(
        get(field("/sources/" + source + "/deidentify")),
        "deidentification.identities.used",
        "source.raw.read");
  }

  private List<String> downloadMedia() throws Exception {
    UUID activity = activity();
    openVault();
    fixtures.actAs(fieldCoordinator);
    UUID file =
        media.attach(fieldSite, activity, "photo", "foto.png", "image/png", new byte[] {1, 2});
    fixtures.actAsNobody();
    return inField(get(field("/media/" + file)), "media.read");
  }

  private List<String> readGazetteer() throws Exception {
    openVault();
    return inField(get(field("/gazetteer")), "gazetteer.read");
  }

  // ---- calling and checking ----

  record Outcome(int status, List<Row> entries) {}

  /** A new row of the log: what, where, by whom, about what. */
  record Row(String action, UUID site, UUID actor, String subject, String detail) {}

  private Outcome call(MockHttpSession session, AbstractMockHttpServletRequestBuilder<?> request)
      throws Exception {
    fixtures.actAsNobody();
    long mark = lastSequence();
    int status =
        mvc.perform(request.session(session).with(csrf()).accept("text/html"))
            .andReturn()
            .getResponse()
            .getStatus();
    return new Outcome(status, entriesAfter(mark));
  }

  /** What is wrong: a refused call, or an expected action missing for that site and actor. */
  private static List<String> expect(Outcome outcome, UUID site, Person actor, String... actions) {
    List<String> wrong = new ArrayList<>();
    if (outcome.status() >= 400) {
      wrong.add("answered " + outcome.status() + ", so the scenario did not run");
      return wrong;
    }
    for (String action : actions) {
      boolean found =
          outcome.entries().stream()
              .anyMatch(
                  e ->
                      e.action().equals(action)
                          && Objects.equals(e.site(), site)
                          && Objects.equals(e.actor(), actor.id().value()));
      if (!found) {
        wrong.add(
            "no "
                + action
                + " for site "
                + site
                + " by "
                + actor.username()
                + " among "
                + outcome.entries());
      }
    }
    return wrong;
  }

  private long lastSequence() {
    return jdbc.sql("select coalesce(max(sequence), 0) from audit_entry")
        .query(Long.class)
        .single();
  }

  private List<Row> entriesAfter(long sequence) {
    return jdbc.sql(
            "select action, site_id, actor_id, subject, detail from audit_entry"
                + " where sequence > ? order by sequence")
        .param(sequence)
        .query(
            (rs, i) ->
                new Row(
                    rs.getString(1),
                    rs.getObject(2, UUID.class),
                    rs.getObject(3, UUID.class),
                    rs.getString(4),
                    rs.getString(5)))
        .list();
  }

  /** "METHOD pattern" of every route whose method passes, as the matrix enumerates them. */
  private Set<String> routes(java.util.function.Predicate<String> method) {
    Set<String> routes = new TreeSet<>();
    for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
      for (String pattern : info.getPatternValues()) {
        if (pattern.equals("/error")) {
          continue;
        }
        Set<?> methods = info.getMethodsCondition().getMethods();
        if (methods.isEmpty()) {
          // A route for every method changes state as far as this test knows.
          routes.add("ANY " + pattern);
        }
        methods.stream()
            .map(Object::toString)
            .filter(method)
            .forEach(m -> routes.add(m + " " + pattern));
      }
    }
    routes.removeIf(r -> r.startsWith("GET /api/v1/openapi.json"));
    return routes;
  }
}
