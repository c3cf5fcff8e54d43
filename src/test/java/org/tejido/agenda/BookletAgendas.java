package org.tejido.agenda;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.tejido.sites.Site;

/**
 * Agendas to print: a small one whose every word can be checked, and the largest one a site writes
 * (55 issues across every domain, four proposals each), for timing the booklet.
 */
public final class BookletAgendas {

  private BookletAgendas() {}

  /** Publishes the largest agenda into the draft the caller has started, as its coordinator. */
  public static void largest(AgendaEditing editing, Site site) {
    String[] domains = {
      "personal",
      "community",
      "political",
      "economic",
      "health",
      "food",
      "environmental",
      "women",
      "youth"
    };
    String[] addressees = {"authorities", "civil_society", "community"};
    List<UUID> issues = new ArrayList<>();
    for (int i = 1; i <= 55; i++) {
      List<String> touched =
          i % 5 == 0
              ? List.of(domains[i % domains.length], domains[(i + 3) % domains.length])
              : List.of(domains[i % domains.length]);
      issues.add(
          editing.addIssue(
              site,
              new IssueInput(
                  "Problemática "
                      + i
                      + ": falta de alumbrado y vigilancia en las calles del barrio",
                  "Issue " + i + ": no street lighting or patrols in the neighbourhood's streets",
                  "Las vecinas describen calles oscuras, sin patrullaje, donde asaltan a quienes"
                      + " vuelven del trabajo de noche; los jóvenes evitan salir después de las"
                      + " ocho.",
                  "Neighbours describe dark streets without patrols, where people coming home"
                      + " from work at night are robbed; young people avoid going out after eight.",
                  touched,
                  i % 11 == 0)));
    }
    for (int i = 0; i < issues.size(); i++) {
      for (int p = 0; p < 4; p++) {
        editing.addProposal(
            site,
            new ProposalInput(
                addressees[(i + p) % 3],
                "Propuesta "
                    + (i + 1)
                    + "."
                    + (p + 1)
                    + ": instalar luminarias, organizar"
                    + " recorridos vecinales y pedir al ayuntamiento un calendario público de"
                    + " patrullaje.",
                "Proposal "
                    + (i + 1)
                    + "."
                    + (p + 1)
                    + ": install street lights, organise"
                    + " neighbourhood walks and ask the town hall for a public patrol schedule.",
                List.of(issues.get(i))));
      }
    }
  }
}
