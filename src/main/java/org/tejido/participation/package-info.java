/**
 * Residents taking part in their agenda. Prioritisation sessions ({@link
 * org.tejido.participation.PrioritisationSessions}): the site team sets up dot voting or ranking
 * over the spoken issues of the agenda, enters printed workshop ballots, hands out one-time codes,
 * reads the results by population group and turns them into the draft's order of issues. Residents
 * vote with a code through {@link org.tejido.participation.ResidentVoting}, with no account and
 * nothing stored that could tie a vote to them. The tallies are {@link
 * org.tejido.participation.Tally}.
 *
 * <p>Validation rounds ({@link org.tejido.participation.ValidationRounds}): the draft goes back to
 * residents, who comment on each issue and proposal in a workshop (sheets entered by the team) or
 * with a code through {@link org.tejido.participation.ResidentValidation}; the coordinator answers
 * each comment; {@link org.tejido.participation.ValidationRounds#summary} says how many rounds and
 * residents validated a published version. The engagement log ({@link
 * org.tejido.participation.EngagementLog}) records dialogues and dissemination events, public,
 * announced by {@link org.tejido.participation.EngagementLogged}. The SQL is in {@code
 * internal/ParticipationStore} (schema V27, V37).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Participation")
package org.tejido.participation;
