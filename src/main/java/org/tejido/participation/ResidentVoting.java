package org.tejido.participation;

import java.time.Clock;
import java.time.Duration;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tejido.participation.internal.ParticipationStore;
import org.tejido.participation.internal.VoteCodes;
import org.tejido.shared.BadRequest;
import org.tejido.shared.Conflict;
import org.tejido.shared.Throttle;

/**
 * A resident voting alone with a one-time code: no account, no name. A code votes once, however
 * many times it is sent at once. A wrong code and a used code get the same answer ({@code
 * vote.code.invalid}), so trying codes tells nothing about which exist; wrong codes from one
 * address are throttled. Nothing about the resident is stored with the vote: see docs/security.md.
 */
@Service
public class ResidentVoting {

  private final ParticipationStore store;
  private final Throttle throttle;

  @org.springframework.beans.factory.annotation.Autowired
  ResidentVoting(ParticipationStore store, ParticipationProperties properties) {
    this(store, properties, Clock.systemUTC());
  }

  ResidentVoting(ParticipationStore store, ParticipationProperties properties, Clock clock) {
    this.store = store;
    this.throttle =
        new Throttle(
            properties.codeFailures(),
            properties.codeInitialDelay(),
            properties.codeMaxDelay(),
            Duration.ofHours(1),
            100_000,
            clock);
  }

  /** Too many wrong codes from this address: wait before the next. */
  public static final class Wait extends RuntimeException {
    private final Duration wait;

    Wait(Duration wait) {
      super(null, null, false, false);
      this.wait = wait;
    }

    public long seconds() {
      return Math.max(1, wait.toSeconds());
    }
  }

  /**
   * The session a code votes in, to show its ballot. The code is not spent.
   *
   * @param client the address the code came from, for the throttle only (never stored)
   * @throws BadRequest {@code vote.code.invalid} for a wrong or used code
   * @throws Conflict {@code vote.session.closed} when the session is not open
   * @throws Wait after too many wrong codes from the address
   */
  @Transactional(readOnly = true)
  public PrioritisationSession ballotFor(String typedCode, String client) {
    Duration wait = throttle.reserve(client);
    if (!wait.isZero()) {
      throw new Wait(wait);
    }
    PrioritisationSession session = sessionOf(typedCode);
    throttle.release(client);
    return session;
  }

  /**
   * Casts a ballot with a code, spending it.
   *
   * @throws BadRequest {@code vote.code.invalid} for a wrong or used code (also when another submit
   *     with it won a moment earlier), {@code validation.failed} for a ballot the method does not
   *     allow (the code stays unspent)
   * @throws Conflict {@code vote.session.closed} when the session is not open
   * @throws Wait after too many wrong codes from the address
   */
  @Transactional
  public void cast(String typedCode, Ballot ballot, String client) {
    Duration wait = throttle.reserve(client);
    if (!wait.isZero()) {
      throw new Wait(wait);
    }
    PrioritisationSession session = sessionOf(typedCode);
    // The code was right: whatever happens next is not a guess.
    throttle.release(client);
    BallotRules.check(session, ballot);
    if (!store.lockOpen(session.id())) {
      throw new Conflict("vote.session.closed");
    }
    if (!store.spend(VoteCodes.digest(VoteCodes.normalise(typedCode)), session.id())) {
      throw new BadRequest("vote.code.invalid");
    }
    store.insertBallot(session.id(), ballot, "code");
  }

  private PrioritisationSession sessionOf(String typedCode) {
    String code = VoteCodes.normalise(typedCode);
    if (code == null) {
      throw new BadRequest("vote.code.invalid");
    }
    var stored =
        store
            .code(VoteCodes.digest(code))
            .filter(c -> !c.used())
            .orElseThrow(() -> new BadRequest("vote.code.invalid"));
    PrioritisationSession session = store.session(stored.session()).orElseThrow();
    if (!session.open()) {
      throw new Conflict("vote.session.closed");
    }
    return session;
  }

  /** For tests: wrong codes counted for an address. */
  int counted(String client) {
    return throttle.counted(client);
  }
}
