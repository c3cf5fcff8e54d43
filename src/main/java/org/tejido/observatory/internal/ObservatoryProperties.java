package org.tejido.observatory.internal;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code tejido.observatory.*}; see docs/configuration.md. */
@ConfigurationProperties("tejido.observatory")
public class ObservatoryProperties {

  /** When the daily digest of overdue commitments goes out, in {@link #zone}. */
  private LocalTime digestTime = LocalTime.of(8, 0);

  /** The sites' time zone: "today" and "overdue" are counted in it. */
  private ZoneId zone = ZoneId.of("America/Mexico_City");

  /** Sender of the digest e-mails. */
  private String mailFrom = "tejido@localhost";

  /** The address in digest e-mails (links to the session pages). */
  private String baseUrl = "http://localhost:8080";

  /** How often the scheduler looks for due work. */
  private Duration pollInterval = Duration.ofSeconds(30);

  public LocalTime getDigestTime() {
    return digestTime;
  }

  public void setDigestTime(LocalTime digestTime) {
    this.digestTime = digestTime;
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

  public String getBaseUrl() {
    return baseUrl;
  }

  public void setBaseUrl(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  public Duration getPollInterval() {
    return pollInterval;
  }

  public void setPollInterval(Duration pollInterval) {
    this.pollInterval = pollInterval;
  }
}
