package org.tejido.participation;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param smallGroup a population group with fewer voters than this is flagged as too small to read
 * @param codeFailures wrong codes from one address before each further try must wait
 * @param codeInitialDelay the first wait, doubling after each further wrong code
 * @param codeMaxDelay the longest wait
 * @param maxCodesPerBatch how many one-time codes one batch may hold
 */
@ConfigurationProperties("tejido.participation")
public record ParticipationProperties(
    @DefaultValue("5") int smallGroup,
    @DefaultValue("60") int codeFailures,
    @DefaultValue("1s") Duration codeInitialDelay,
    @DefaultValue("1m") Duration codeMaxDelay,
    @DefaultValue("500") int maxCodesPerBatch) {}
