package org.tejido.safety.internal;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;
import org.tejido.safety.internal.SafetyStore.AlertRow;

/**
 * Sends an alert to the people of the chain: by e-mail through the configured SMTP server, and to
 * the webhook (e.g. a messaging bridge) with an HMAC-SHA256 signature of the body. Messages say
 * who, what kind, which level and where to look in Tejido — never the place: that stays sealed in
 * Tejido for the coordinators.
 */
@Component
public class AlertNotifier {

  /** Header carrying {@code sha256=<hex HMAC-SHA256 of the body with the deployment secret>}. */
  public static final String SIGNATURE_HEADER = "X-Tejido-Signature";

  private static final Logger log = LoggerFactory.getLogger(AlertNotifier.class);

  private final ObjectProvider<JavaMailSender> mail;
  private final SafetyProperties properties;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  AlertNotifier(ObjectProvider<JavaMailSender> mail, SafetyProperties properties) {
    checkWebhook(properties);
    this.mail = mail;
    this.properties = properties;
  }

  /**
   * Loads the mail classes and opens (and closes) one connection to the SMTP server as Tejido
   * starts, in the background: otherwise the first alert after a start pays for it, seconds on a
   * busy machine, when it matters most. A server that does not answer is only logged (no address).
   */
  @org.springframework.context.event.EventListener
  void warmUp(org.tejido.shared.ServingStarted started) {
    if (!(mail.getIfAvailable() instanceof org.springframework.mail.javamail.JavaMailSenderImpl s)
        || s.getHost() == null
        || s.getHost().isBlank()) {
      return;
    }
    Thread warmUp =
        new Thread(
            () -> {
              try {
                s.testConnection();
              } catch (jakarta.mail.MessagingException | RuntimeException e) {
                log.warn(
                    "The SMTP server for alerts did not answer: {}", e.getClass().getSimpleName());
              }
            },
            "alert-mail-warm-up");
    warmUp.setDaemon(true);
    warmUp.start();
  }

  /** Shortest webhook secret accepted: an HMAC key a person cannot guess (16 characters). */
  static final int MIN_SECRET_LENGTH = 16;

  /**
   * A webhook that cannot be signed, or that would carry alerts in clear across the network, is a
   * configuration mistake found at start, not when the first alert silently fails to go.
   */
  static void checkWebhook(SafetyProperties properties) {
    String url = properties.getWebhookUrl().strip();
    if (url.isEmpty()) {
      return;
    }
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("tejido.safety.webhook-url is not a URL");
    }
    String host = uri.getHost() == null ? "" : uri.getHost();
    boolean loopback = host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]");
    if (!"https".equals(uri.getScheme()) && !("http".equals(uri.getScheme()) && loopback)) {
      throw new IllegalStateException(
          "tejido.safety.webhook-url must be https:// (plain http only to this machine)");
    }
    if (properties.getWebhookSecret().strip().length() < MIN_SECRET_LENGTH) {
      throw new IllegalStateException(
          "tejido.safety.webhook-url is set but tejido.safety.webhook-secret is empty or shorter"
              + " than "
              + MIN_SECRET_LENGTH
              + " characters: set a random per-deployment secret to sign alerts");
    }
  }

  /** One notification of an alert to some levels of the chain. */
  public void send(AlertRow alert, String siteKey, List<String> contacts, int round) {
    String link = properties.getBaseUrl() + "/manage/sites/" + siteKey + "/safety/dashboard";
    String subject = subject(alert);
    String text =
        subject
            + "\n\n"
            + "Persona / Person: "
            + alert.memberName()
            + "\nAlerta / Alert: "
            + alert.id()
            + "\nDesde / Since: "
            + alert.raisedAt()
            + "\nAviso / Notice #"
            + round
            + "\n\nAbra Tejido y acepte la responsabilidad (acknowledge): "
            + link
            + "\n";
    JavaMailSender sender = mail.getIfAvailable();
    if (sender != null && !contacts.isEmpty()) {
      SimpleMailMessage message = new SimpleMailMessage();
      message.setFrom(properties.getMailFrom());
      message.setTo(contacts.toArray(String[]::new));
      message.setSubject(subject);
      message.setText(text);
      try {
        sender.send(message);
      } catch (RuntimeException e) {
        // Ids only: the webhook still goes, and the next step tries again.
        log.warn("Alert {} e-mail failed: {}", alert.id(), e.getClass().getSimpleName());
      }
    }
    if (!properties.getWebhookUrl().isBlank() && properties.getWebhookSecret().isBlank()) {
      log.warn("Alert {} not posted: tejido.safety.webhook-secret is empty", alert.id());
    } else if (!properties.getWebhookUrl().isBlank()) {
      String body =
          "{\"alert\":\""
              + alert.id()
              + "\",\"site\":\""
              + siteKey
              + "\",\"kind\":\""
              + alert.kind().code()
              + "\",\"round\":"
              + round
              + ",\"raisedAt\":\""
              + alert.raisedAt()
              + "\",\"link\":\""
              + link
              + "\"}";
      postWebhook(alert, body);
    }
  }

  private static String subject(AlertRow alert) {
    return switch (alert.kind()) {
      // No name in the subject: it shows on lock screens and in notification previews.
      case PANIC -> "[Tejido] ALERTA DE PÁNICO / PANIC ALERT";
      case DURESS -> "[Tejido] ALERTA: CÓDIGO DE COACCIÓN / DURESS";
      case MISSED_CHECK_IN -> "[Tejido] Regreso no confirmado / Missed check-in";
    };
  }

  private void postWebhook(AlertRow alert, String body) {
    try {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(properties.getWebhookUrl()))
              .timeout(Duration.ofSeconds(10))
              .header("Content-Type", "application/json")
              .header(SIGNATURE_HEADER, "sha256=" + sign(properties.getWebhookSecret(), body))
              .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
              .build();
      HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
      if (response.statusCode() >= 300) {
        log.warn("Alert {} webhook answered {}", alert.id(), response.statusCode());
      }
    } catch (java.io.IOException | RuntimeException e) {
      log.warn("Alert {} webhook failed: {}", alert.id(), e.getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Hex HMAC-SHA256 of the body: the receiver recomputes it with the shared secret. */
  public static String sign(String secret, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
