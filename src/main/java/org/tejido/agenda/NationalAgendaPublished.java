package org.tejido.agenda;

/** A new version of the National Agenda went public. */
public record NationalAgendaPublished(int number) {}
