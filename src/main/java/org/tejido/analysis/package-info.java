/**
 * Qualitative analysis: a codebook per site and the codings that apply it to the de-identified text
 * of sources, by several coders independently; memos.
 *
 * <p>Entry points: {@link org.tejido.analysis.Codebook} (the code tree; REFI-QDA {@code .qdc}
 * export and import), {@link org.tejido.analysis.Codings} (apply and remove codings; segments of a
 * code) and {@link org.tejido.analysis.Memos}. Text is read only through {@code
 * fieldwork.Sources#deidentified}, never from the vault.
 *
 * <p>Storage (migration V18), for code that reads or fills it in bulk — imports, agreement and
 * queries — through {@code internal.AnalysisStore}:
 *
 * <ul>
 *   <li>{@code analysis_code(id, site_id, parent_id, name_es, name_en, description, colour,
 *       codable, position, created_at)}: {@code colour} is {@code #rrggbb} lower case; {@code
 *       codable = false} is a folder; a parent belongs to the same site.
 *   <li>{@code analysis_coding(id, site_id, source_id, turn, start_offset, end_offset, code_id,
 *       coder_id, created_at)}: no text. {@code turn} is the speaker turn's position ({@code
 *       SourceTurn.position()}), or null for the whole source's text (its turns joined by {@link
 *       org.tejido.analysis.Codings#WHOLE_SOURCE_SEPARATOR}). Offsets count Unicode code points
 *       (not UTF-16 units) in the de-identified text, {@code end} exclusive. One coding per
 *       (source, turn, span, code, coder). Indexed by (site_id, code_id), (source_id, turn,
 *       start_offset) and (site_id, coder_id).
 *   <li>{@code analysis_memo(id, site_id, target_kind code|source|coding, target_id, author_id,
 *       sealed_text, ...)}: the text sealed with {@code SiteEncryption}, associated data {@code
 *       analysis_memo:<id>} ({@link org.tejido.analysis.Memos#context}).
 * </ul>
 *
 * <p>V19 adds {@code analysis_external_coder(id, site_id, refi_guid, name)}: coders of an imported
 * REFI-QDA project who are not staff; a coding's {@code coder_id} and a memo's {@code author_id}
 * are a user or an external coder of the same site (checked by statement-level triggers).
 *
 * <p>{@link org.tejido.analysis.QdpxExchange} imports a {@code .qdpx} into a site, all or nothing,
 * and exports a site's analysis; {@code internal.CodingAnchors} keeps codings on their words when a
 * source's de-identified text changes ({@code fieldwork.DeidentifiedTextChanged}).
 *
 * <p>{@link org.tejido.analysis.CodingQueries}: frequency, matrix coding (codes × a participant
 * attribute of the turn's speaker, {@code analysis_coding.participant_id}, migration V20) and
 * co-occurrence (overlapping spans or a shared turn), small cells flagged, the quotes behind a
 * cell, and full-text search over an in-memory index of the de-identified turns ({@code
 * internal.SearchIndex}, never on disk) with "code all hits".
 *
 * <p>{@link org.tejido.analysis.qdpx} reads and writes REFI-QDA projects ({@code .qdpx}) in pure
 * Java. {@link org.tejido.analysis.agreement} measures inter-coder agreement (Krippendorff's alpha,
 * Cohen's kappa, NVivo's per-character coding comparison) in pure Java.
 *
 * <p>{@link org.tejido.analysis.CoderAgreement} compares two or more coders of a site (staff or
 * external) on its own codings. {@code internal.AgendaEvidenceQuotes} implements the agenda's
 * {@code EvidenceQuotes}: it cuts the quotes behind agenda evidence (the link table is the
 * agenda's, migration V21).
 *
 * <p>Every site starts with the human-security codebook ({@code internal.HumanSecurityCodebook}).
 * Coordinators, researchers and community researchers code; coordinators and researchers change the
 * codebook; the observatory has no access.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Analysis")
package org.tejido.analysis;
