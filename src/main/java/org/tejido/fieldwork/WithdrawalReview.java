package org.tejido.fieldwork;

import java.util.List;

/**
 * What withdrawing a participant will do to what others wrote: every mention of them found, and a
 * fingerprint of that list (ids only), so that a confirmation given for one list is not applied to
 * another.
 */
public record WithdrawalReview(
    Participant participant, boolean identityRecorded, List<Mention> mentions, String fingerprint) {

  public long mandatory() {
    return mentions.stream().filter(Mention::mandatory).count();
  }

  public long optional() {
    return mentions.size() - mandatory();
  }
}
