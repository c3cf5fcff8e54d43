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
 * A resident commenting on a draft with a one-time code: no account, no name. A code sends one
 * response, however many times it is sent at once. A wrong code and a used code get the same answer
 * ({@code rounds.code.invalid}); wrong codes from one address are throttled (the address is never
 * stored). See docs/security.md for what is kept.
 */
@Service
public class ResidentValidation {

  private final ParticipationStore store;
  private final Throttle throttle;

  @org.springframework.beans.factory.annotation.Autowired
  ResidentValidation(ParticipationStore store, ParticipationProperties properties) {
    this(store, properties, Clock.systemUTC());
  }

  ResidentValidation(ParticipationStore store, ParticipationProperties properties, Clock clock) {
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

  /**
   * The round a code comments on, to show its form. The code is not spent.
   *
   * @throws BadRequest {@code rounds.code.invalid} for a wrong or used code
   * @throws Conflict {@code rounds.round.closed}
   * @throws ResidentVoting.Wait after too many wrong codes from the address
   */
  @Transactional(readOnly = true)
  public ValidationRound roundFor(String typedCode, String client) {
    guard(client);
    ValidationRound round = roundOf(typedCode);
    throttle.release(client);
    return round;
  }

  /**
   * Sends a resident's comments, spending the code.
   *
   * @throws BadRequest {@code rounds.code.invalid}, or {@code validation.failed} for comments the
   *     round cannot take (the code stays unspent)
   * @throws Conflict {@code rounds.round.closed}
   * @throws ResidentVoting.Wait after too many wrong codes from the address
   */
  @Transactional
  public void submit(String typedCode, ValidationResponse response, String client) {
    guard(client);
    ValidationRound round = roundOf(typedCode);
    throttle.release(client);
    ValidationRules.check(round, response);
    if (!store.lockOpenRound(round.id())) {
      throw new Conflict("rounds.round.closed");
    }
    if (!store.spendRoundCode(VoteCodes.digest(VoteCodes.normalise(typedCode)), round.id())) {
      throw new BadRequest("rounds.code.invalid");
    }
    store.insertResponse(round.siteId(), round.id(), response, "code");
  }

  private void guard(String client) {
    Duration wait = throttle.reserve(client);
    if (!wait.isZero()) {
      throw new ResidentVoting.Wait(wait);
    }
  }

  private ValidationRound roundOf(String typedCode) {
    String code = VoteCodes.normalise(typedCode);
    if (code == null) {
      throw new BadRequest("rounds.code.invalid");
    }
    var stored =
        store
            .roundCode(VoteCodes.digest(code))
            .filter(c -> !c.used())
            .orElseThrow(() -> new BadRequest("rounds.code.invalid"));
    ValidationRound round = store.round(stored.round()).orElseThrow();
    if (!round.open()) {
      throw new Conflict("rounds.round.closed");
    }
    return round;
  }

  /** For tests: wrong codes counted for an address. */
  int counted(String client) {
    return throttle.counted(client);
  }
}
