/**
 * Local Human Security Agendas: issues by domain, proposals by addressee, silenced issues kept for
 * the site team only, and versions (one draft, immutable published versions). Read with {@link
 * org.tejido.agenda.Agendas}; edited with {@link org.tejido.agenda.AgendaEditing}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Agenda")
package org.tejido.agenda;
