package org.tejido.observatory;

import java.time.LocalDate;

/**
 * One step of a recommendation's timeline, from an official report or the community.
 *
 * @param reason why it stalled or was rejected (empty otherwise)
 * @param link an http(s) address, or null
 * @param fileName the attached evidence file's name, or null when there is none
 * @param evidencePublic whether its evidence (text, link, file) is published; a public read never
 *     carries held evidence: it reads as none
 */
public record ProgressUpdate(
    UpdateId id,
    RecommendationId recommendation,
    EvidenceSource source,
    ImplementationStatus status,
    String reason,
    int progress,
    String evidence,
    String link,
    String fileName,
    String fileType,
    LocalDate reportedOn,
    boolean evidencePublic) {

  public boolean hasFile() {
    return fileName != null;
  }

  public boolean hasEvidence() {
    return !evidence.isEmpty() || link != null || fileName != null;
  }
}
