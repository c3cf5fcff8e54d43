package org.tejido.observatory;

/**
 * Who says how far a recommendation has come: an official report, or the community's own
 * assessment. Stored and sent by {@link #code()}; named by the message key {@link #messageKey()}.
 */
public enum EvidenceSource {
  OFFICIAL("official"),
  COMMUNITY("community");

  private final String code;

  EvidenceSource(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  public String messageKey() {
    return "observatory.evidence-source." + code;
  }

  /**
   * Whether an update's evidence is public as soon as it is entered. An official report is a public
   * document; a community assessment's evidence can identify a resident, so it waits until an
   * observatory member publishes it (docs/decisions/0012).
   */
  public boolean evidencePublicOnEntry() {
    return this == OFFICIAL;
  }

  /**
   * @throws IllegalArgumentException for a code outside the vocabulary
   */
  public static EvidenceSource fromCode(String code) {
    for (EvidenceSource v : values()) {
      if (v.code.equals(code)) {
        return v;
      }
    }
    throw new IllegalArgumentException("Unknown EvidenceSource " + code);
  }
}
