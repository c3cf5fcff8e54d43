package org.tejido.safety.internal;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A webhook that could not be signed, or would go in clear, stops Tejido at start. */
class WebhookConfigurationTest {

  private static SafetyProperties webhook(String url, String secret) {
    SafetyProperties p = new SafetyProperties();
    p.setWebhookUrl(url);
    p.setWebhookSecret(secret);
    return p;
  }

  @Test
  void aWebhookWithoutASecretIsRefusedAtStart() {
    assertThatThrownBy(() -> AlertNotifier.checkWebhook(webhook("https://bridge.example/h", "")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("tejido.safety.webhook-secret");
    assertThatThrownBy(
            () -> AlertNotifier.checkWebhook(webhook("https://bridge.example/h", "short")))
        .hasMessageContaining("16");
  }

  @Test
  void plainHttpGoesOnlyToThisMachine() {
    assertThatThrownBy(
            () ->
                AlertNotifier.checkWebhook(
                    webhook("http://bridge.example/h", "a per-deployment secret")))
        .hasMessageContaining("https://");
    assertThatThrownBy(
            () ->
                AlertNotifier.checkWebhook(
                    webhook("ftp://bridge.example/h", "a per-deployment secret")))
        .isInstanceOf(IllegalStateException.class);
    assertThatCode(
            () ->
                AlertNotifier.checkWebhook(
                    webhook("http://127.0.0.1:9000/hook", "a per-deployment secret")))
        .doesNotThrowAnyException();
    assertThatCode(
            () ->
                AlertNotifier.checkWebhook(
                    webhook("https://bridge.example/h", "a per-deployment secret")))
        .doesNotThrowAnyException();
  }

  @Test
  void noWebhookNeedsNoSecret() {
    assertThatCode(() -> AlertNotifier.checkWebhook(webhook("", ""))).doesNotThrowAnyException();
  }
}
