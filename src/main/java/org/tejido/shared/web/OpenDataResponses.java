package org.tejido.shared.web;

import java.time.Instant;
import java.util.Locale;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/**
 * Successful public reads, with what a client or a cache needs to rely on them: {@code
 * application/json}, the language of the texts, a strong ETag of the content and, for published
 * versions, the publication time. Conditional requests then answer 304 (Spring compares the
 * request's If-None-Match and If-Modified-Since with these headers).
 */
@Component
public class OpenDataResponses {

  private final ObjectMapper json;

  OpenDataResponses(ObjectMapper json) {
    this.json = json;
  }

  /**
   * A JSON body.
   *
   * @param cache {@link PublicReads#IMMUTABLE} for a published version, else {@link
   *     PublicReads#LATEST}
   * @param publishedAt the Last-Modified time, or null when the resource has none
   * @param only the one language of its texts, or null when they come in both
   */
  public <T> ResponseEntity<T> json(T body, CacheControl cache, Instant publishedAt, Locale only) {
    return json(body, MediaType.APPLICATION_JSON, cache, publishedAt, only);
  }

  /** A JSON body of another JSON media type, e.g. {@code application/ld+json}. */
  public <T> ResponseEntity<T> json(
      T body, MediaType type, CacheControl cache, Instant publishedAt, Locale only) {
    byte[] bytes = json.writeValueAsBytes(body);
    ResponseEntity.BodyBuilder response =
        ResponseEntity.ok()
            .contentType(type)
            .cacheControl(cache)
            .eTag(PublicReads.strongETag(bytes))
            .header(HttpHeaders.CONTENT_LANGUAGE, PublicReads.contentLanguage(only));
    if (publishedAt != null) {
      response.lastModified(publishedAt);
    }
    return response.body(body);
  }
}
