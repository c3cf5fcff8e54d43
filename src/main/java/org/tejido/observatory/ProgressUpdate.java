package org.tejido.observatory;

import java.time.LocalDate;

/**
 * One step of a recommendation's timeline, from an official report or the community.
 *
 * @param reason why it stalled or was rejected (empty otherwise)
 * @param link an http(s) address, or null
 * @param fileName the attached evidence file's name, or null when there is none
 * @param correctedOn when this version corrected an earlier one, or null for an update never
 *     corrected: a correction supersedes the update it corrects, which is kept but no longer shown
 * @param correctionReason why it was corrected, or null
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
    LocalDate correctedOn,
    String correctionReason,
    boolean evidencePublic) {

  public boolean corrected() {
    return correctedOn != null;
  }

  public boolean hasFile() {
    return fileName != null;
  }

  public boolean hasEvidence() {
    return !evidence.isEmpty() || link != null || fileName != null;
  }
}
