package org.tejido.safety.internal;

import java.time.Duration;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code tejido.safety.*}; see docs/configuration.md. */
@ConfigurationProperties("tejido.safety")
public class SafetyProperties {

  /** Time after the return time before the first alert. */
  private Duration grace = Duration.ofMinutes(15);

  /** How often panic, duress and a fully walked chain are alerted again until acknowledged. */
  private Duration repeat = Duration.ofMinutes(10);

  /** Days after resolution when trips, places and alert logs are deleted. */
  private int retentionDays = 30;

  /** The time zone in which members give their return time. */
  private ZoneId zone = ZoneId.of("America/Mexico_City");

  /** Sender of alert e-mails. */
  private String mailFrom = "tejido@localhost";

  /** Where alerts are posted (empty: no webhook). */
  private String webhookUrl = "";

  /** Per-deployment secret for the HMAC-SHA256 signature of webhook bodies. */
  private String webhookSecret = "";

  /** How often the timer looks for due escalations. */
  private Duration pollInterval = Duration.ofSeconds(10);

  /** The address in alert messages (links to the dashboard). */
  private String baseUrl = "http://localhost:8080";

  public Duration getGrace() {
    return grace;
  }

  public void setGrace(Duration grace) {
    this.grace = grace;
  }

  public Duration getRepeat() {
    return repeat;
  }

  public void setRepeat(Duration repeat) {
    this.repeat = repeat;
  }

  public int getRetentionDays() {
    return retentionDays;
  }

  public void setRetentionDays(int retentionDays) {
    this.retentionDays = retentionDays;
  }

  public ZoneId getZone() {
    return zone;
  }

  public void setZone(ZoneId zone) {
    this.zone = zone;
  }

  public String getMailFrom() {
    return mailFrom;
  }

  public void setMailFrom(String mailFrom) {
    this.mailFrom = mailFrom;
  }

  public String getWebhookUrl() {
    return webhookUrl;
  }

  public void setWebhookUrl(String webhookUrl) {
    this.webhookUrl = webhookUrl;
  }

  public String getWebhookSecret() {
    return webhookSecret;
  }

  public void setWebhookSecret(String webhookSecret) {
    this.webhookSecret = webhookSecret;
  }

  public Duration getPollInterval() {
    return pollInterval;
  }

  public void setPollInterval(Duration pollInterval) {
    this.pollInterval = pollInterval;
  }

  public String getBaseUrl() {
    return baseUrl;
  }

  public void setBaseUrl(String baseUrl) {
    this.baseUrl = baseUrl;
  }
}
