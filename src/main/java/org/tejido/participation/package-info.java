/**
 * Residents taking part in their agenda. Prioritisation sessions ({@link
 * org.tejido.participation.PrioritisationSessions}): the site team sets up dot voting or ranking
 * over the spoken issues of the agenda, enters printed workshop ballots, hands out one-time codes,
 * reads the results by population group and turns them into the draft's order of issues. Residents
 * vote with a code through {@link org.tejido.participation.ResidentVoting}, with no account and
 * nothing stored that could tie a vote to them. The tallies are {@link
 * org.tejido.participation.Tally}; the SQL is in {@code internal/ParticipationStore} (schema V27).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Participation")
package org.tejido.participation;
