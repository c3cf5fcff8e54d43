/**
 * Local Human Security Agendas: issues by domain, proposals by addressee, silenced issues kept for
 * the site team only, and versions (one draft, immutable published versions). Read with {@link
 * org.tejido.agenda.Agendas}; edited with {@link org.tejido.agenda.AgendaEditing}. Coded segments
 * support issues through {@link org.tejido.agenda.IssueEvidence} ({@code agenda_evidence}, V21);
 * the quotes are cut by whichever module implements {@link org.tejido.agenda.EvidenceQuotes}. What
 * changed between versions: {@link org.tejido.agenda.AgendaVersionChanges} (items matched by their
 * stable {@code ref}); whether a version was validated with residents is asked of whichever module
 * implements {@link org.tejido.agenda.AgendaValidation}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Agenda")
package org.tejido.agenda;
