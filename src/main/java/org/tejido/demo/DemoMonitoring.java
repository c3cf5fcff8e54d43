package org.tejido.demo;

import static org.tejido.observatory.EvidenceSource.COMMUNITY;
import static org.tejido.observatory.EvidenceSource.OFFICIAL;
import static org.tejido.observatory.ImplementationStatus.IMPLEMENTED;
import static org.tejido.observatory.ImplementationStatus.IN_PROGRESS;
import static org.tejido.observatory.ImplementationStatus.NOT_STARTED;
import static org.tejido.observatory.ImplementationStatus.PARTLY_IMPLEMENTED;
import static org.tejido.observatory.ImplementationStatus.STALLED;

import java.time.LocalDate;
import java.util.List;
import org.springframework.stereotype.Component;
import org.tejido.agenda.AgendaImport;
import org.tejido.agenda.AgendaImport.ImportedAgenda;
import org.tejido.agenda.AgendaImport.ImportedIssue;
import org.tejido.agenda.AgendaImport.ImportedProposal;
import org.tejido.observatory.InstitutionLevel;
import org.tejido.observatory.InstitutionType;
import org.tejido.observatory.MonitoringHistoryImport;
import org.tejido.observatory.MonitoringHistoryImport.ImportedCommitment;
import org.tejido.observatory.MonitoringHistoryImport.ImportedHistory;
import org.tejido.observatory.MonitoringHistoryImport.ImportedInstitution;
import org.tejido.observatory.MonitoringHistoryImport.ImportedRecommendation;
import org.tejido.observatory.MonitoringHistoryImport.ImportedSession;
import org.tejido.observatory.MonitoringHistoryImport.ImportedUpdate;
import org.tejido.observatory.Sdg16Target;
import org.tejido.shared.LocalizedText;
import org.tejido.sites.Site;

/**
 * The demo site's published agenda and a made-up monitoring history of it: three recommendations
 * from its proposals, two Mesa de Seguridad sessions, commitments (one overdue), and official
 * reports that the community's assessments contradict on one of them. Dates are counted back from
 * the day it is loaded, so that the history stays plausible whenever someone tries it. Every name
 * is fictional.
 */
@Component
class DemoMonitoring {

  private final AgendaImport agendas;
  private final MonitoringHistoryImport history;

  DemoMonitoring(AgendaImport agendas, MonitoringHistoryImport history) {
    this.agendas = agendas;
    this.history = history;
  }

  void load(Site site, LocalDate today) {
    agendas.importPublished(site, agenda(today));
    history.importHistory(site, history(today));
  }

  private static LocalizedText t(String es, String en) {
    return new LocalizedText(es, en);
  }

  private static ImportedAgenda agenda(LocalDate today) {
    return new ImportedAgenda(
        24,
        today.minusMonths(8).atStartOfDay(org.tejido.agenda.AgendaVersion.ZONE).toInstant(),
        List.of(
            new ImportedIssue(
                "dem-1",
                List.of("personal", "community"),
                t(
                    "Calles sin alumbrado camino a la escuela secundaria",
                    "Unlit streets on the way to the secondary school"),
                false),
            new ImportedIssue(
                "dem-2",
                List.of("youth", "economic"),
                t(
                    "Jóvenes sin espacios ni empleo tras la escuela",
                    "Young people without places or jobs after school"),
                false),
            new ImportedIssue(
                "dem-3",
                List.of("environmental"),
                t(
                    "Deslaves en la ladera sin obras de contención",
                    "Landslides on the hillside without retaining works"),
                false)),
        List.of(
            new ImportedProposal(
                "authorities",
                t(
                    "Reparar y ampliar el alumbrado de la calle Telares y del acceso a la"
                        + " secundaria",
                    "Repair and extend the lighting of Telares street and the secondary school's"
                        + " access"),
                List.of("dem-1")),
            new ImportedProposal(
                "authorities",
                t(
                    "Abrir el centro comunitario por las tardes con talleres para jóvenes",
                    "Open the community centre in the afternoons with workshops for young people"),
                List.of("dem-2")),
            new ImportedProposal(
                "authorities",
                t(
                    "Construir muros de contención en la ladera norte antes de las lluvias",
                    "Build retaining walls on the north hillside before the rains"),
                List.of("dem-3"))));
  }

  private static ImportedHistory history(LocalDate today) {
    String works = "Dirección de Obras Públicas (ficticia)";
    String youth = "Instituto Municipal de la Juventud (ficticio)";
    String civil = "Protección Civil Municipal (ficticia)";
    String committee = "Comité vecinal Los Telares (ficticio)";
    LocalDate first = today.minusMonths(6);
    LocalDate second = today.minusMonths(2);
    return new ImportedHistory(
        List.of(
            new ImportedInstitution(works, InstitutionLevel.MUNICIPAL, InstitutionType.GOVERNMENT),
            new ImportedInstitution(youth, InstitutionLevel.MUNICIPAL, InstitutionType.GOVERNMENT),
            new ImportedInstitution(civil, InstitutionLevel.MUNICIPAL, InstitutionType.GOVERNMENT),
            new ImportedInstitution(
                committee, InstitutionLevel.NONE, InstitutionType.COMMUNITY_GROUP)),
        List.of(
            new ImportedRecommendation(
                t(
                    "Reparar las 40 luminarias de la calle Telares y el acceso a la secundaria en"
                        + " seis meses",
                    "Repair the 40 street lights of Telares street and the school access within"
                        + " six months"),
                "authorities",
                List.of(works),
                List.of("personal", "community"),
                List.of(Sdg16Target.T16_1),
                5,
                first,
                today.plusMonths(1),
                List.of(1),
                List.of(
                    new ImportedUpdate(
                        OFFICIAL,
                        IN_PROGRESS,
                        null,
                        30,
                        "Informe de obra: 12 luminarias",
                        null,
                        first.plusMonths(1)),
                    new ImportedUpdate(
                        OFFICIAL,
                        IMPLEMENTED,
                        null,
                        100,
                        "Informe municipal: alumbrado concluido",
                        null,
                        second.plusDays(7)),
                    new ImportedUpdate(
                        COMMUNITY,
                        PARTLY_IMPLEMENTED,
                        null,
                        55,
                        "Recorrido vecinal: 18 de 40 luminarias encendidas; el acceso a la"
                            + " secundaria sigue a oscuras",
                        null,
                        second.plusDays(20),
                        // Reviewed and published: it names streets, no one. The other community
                        // evidence stays held, as a new one would, to show the review on the
                        // staff page.
                        true))),
            new ImportedRecommendation(
                t(
                    "Abrir el centro comunitario de lunes a viernes por la tarde con dos talleres"
                        + " para jóvenes",
                    "Open the community centre on weekday afternoons with two workshops for young"
                        + " people"),
                "authorities",
                List.of(youth),
                List.of("youth", "economic"),
                List.of(),
                4,
                first,
                today.plusMonths(4),
                List.of(2),
                List.of(
                    new ImportedUpdate(
                        OFFICIAL,
                        IN_PROGRESS,
                        null,
                        40,
                        "Convocatoria de talleristas publicada",
                        null,
                        second),
                    new ImportedUpdate(
                        COMMUNITY,
                        IN_PROGRESS,
                        null,
                        35,
                        "Abre tres tardes por semana",
                        null,
                        second.plusDays(10)))),
            new ImportedRecommendation(
                t(
                    "Construir muros de contención en la ladera norte antes de la temporada de"
                        + " lluvias",
                    "Build retaining walls on the north hillside before the rainy season"),
                "authorities",
                List.of(civil, works),
                List.of("environmental"),
                List.of(),
                5,
                first,
                today.plusMonths(2),
                List.of(3),
                List.of(
                    new ImportedUpdate(
                        OFFICIAL,
                        NOT_STARTED,
                        null,
                        0,
                        "Proyecto en revisión",
                        null,
                        first.plusMonths(2)),
                    new ImportedUpdate(
                        COMMUNITY,
                        STALLED,
                        "No hay presupuesto asignado y nadie ha visitado la ladera",
                        0,
                        null,
                        null,
                        second.plusDays(15))))),
        List.of(
            new ImportedSession(
                first,
                "Primera sesión (ficticia): se presentan las recomendaciones y cada"
                    + " dependencia asume compromisos.",
                List.of(works, youth, civil, committee),
                List.of(
                    new ImportedCommitment(
                        works,
                        "Censo de luminarias dañadas",
                        first.plusMonths(1),
                        first.plusDays(25),
                        List.of(0)),
                    new ImportedCommitment(
                        civil,
                        "Dictamen de riesgo de la ladera norte",
                        first.plusMonths(2),
                        null,
                        List.of(2)))),
            new ImportedSession(
                second,
                "Segunda sesión (ficticia): la comunidad cuestiona el informe de alumbrado.",
                List.of(works, youth, committee),
                List.of(
                    new ImportedCommitment(
                        works,
                        "Recorrido conjunto con el comité vecinal para revisar las luminarias",
                        today.plusMonths(1),
                        null,
                        List.of(0)),
                    new ImportedCommitment(
                        youth,
                        "Calendario de talleres publicado en el centro comunitario",
                        today.plusDays(20),
                        null,
                        List.of(1))))));
  }
}
