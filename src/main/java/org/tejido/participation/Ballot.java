package org.tejido.participation;

import java.util.Map;

/**
 * One voter's ballot: their group and their marks, issue reference → dots (dot voting) or rank, 1
 * first (ranking). Nothing else about the voter exists.
 */
public record Ballot(VoterGroup group, Map<String, Integer> marks) {}
