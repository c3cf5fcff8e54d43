package org.tejido.fieldwork;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tejido.audit.AuditLog;
import org.tejido.fieldwork.internal.Codec;
import org.tejido.identity.SiteRole;
import org.tejido.identity.StaffMember;
import org.tejido.identity.Team;
import org.tejido.shared.BadRequest;
import org.tejido.shared.NotFound;
import org.tejido.sites.Site;
import org.tejido.vault.DataKey;
import org.tejido.vault.Vaults;

/**
 * Media attached to activities: the file is encrypted with its own data key sealed to the site
 * vault; only its kind, type and size are in clear.
 */
@Service
@Transactional
public class Media {

  static final Set<String> CONTENT_TYPES =
      Set.of(
          "audio/mpeg",
          "audio/mp4",
          "audio/ogg",
          "audio/wav",
          "audio/x-wav",
          "audio/webm",
          "image/jpeg",
          "image/png",
          "image/webp",
          "video/mp4",
          "video/webm",
          "application/pdf");

  private final JdbcClient jdbc;
  private final Team team;
  private final Vaults vaults;
  private final Activities activities;
  private final AuditLog audit;

  Media(JdbcClient jdbc, Team team, Vaults vaults, Activities activities, AuditLog audit) {
    this.jdbc = jdbc;
    this.team = team;
    this.vaults = vaults;
    this.activities = activities;
    this.audit = audit;
  }

  public UUID attach(
      Site site, UUID activity, String kind, String filename, String contentType, byte[] content) {
    StaffMember me = team.require(site.id(), Participants.WRITERS);
    activities.get(site, activity);
    if (content == null || content.length == 0) {
      throw new BadRequest("source.file.empty");
    }
    if (!Vocabulary.has(Vocabulary.MEDIA_KINDS, kind)) {
      throw new BadRequest("media.kind.invalid");
    }
    String type =
        contentType == null
            ? ""
            : contentType.toLowerCase(java.util.Locale.ROOT).split(";")[0].strip();
    if (!CONTENT_TYPES.contains(type)) {
      throw new BadRequest("media.type.unsupported", type);
    }
    UUID id = UUID.randomUUID();
    DataKey key = Vaults.newDataKey();
    jdbc.sql(
            "insert into media (id, site_id, activity_id, kind, content_type, size_bytes, sealed_key,"
                + " sealed_name, content, created_by) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            id,
            site.id().value(),
            activity,
            kind,
            type,
            (long) content.length,
            vaults.seal(site.id(), key.raw(), keyContext(id)),
            key.encrypt(Codec.encode(filename == null ? "" : filename), "media_name:" + id),
            key.encrypt(content, "media_content:" + id),
            me.id().value())
        .update();
    audit.record(site.id().value(), "media.attached", id.toString(), kind);
    return id;
  }

  @Transactional(readOnly = true)
  public List<MediaFile> list(Site site, UUID activity) {
    team.require(site.id(), Participants.WRITERS);
    return jdbc.sql(
            "select id, activity_id, kind, content_type, size_bytes, created_at from media"
                + " where site_id = ? and activity_id = ? order by created_at")
        .params(site.id().value(), activity)
        .query(
            (rs, i) ->
                new MediaFile(
                    rs.getObject(1, UUID.class),
                    rs.getObject(2, UUID.class),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getLong(5),
                    rs.getTimestamp(6).toInstant()))
        .list();
  }

  /** A decrypted file and its original name; vault unlocked, reading role; audited. */
  public record Download(String filename, String contentType, byte[] content) {}

  public Download download(Site site, UUID id) {
    team.require(site.id(), SiteRole.VAULT_READERS);
    record Row(String type, byte[] key, byte[] name, byte[] content) {}
    Row row =
        jdbc.sql(
                "select content_type, sealed_key, sealed_name, content from media where site_id = ? and id = ?")
            .params(site.id().value(), id)
            .query(
                (rs, i) -> new Row(rs.getString(1), rs.getBytes(2), rs.getBytes(3), rs.getBytes(4)))
            .optional()
            .orElseThrow(() -> new NotFound("media.not-found"));
    DataKey key = DataKey.of(vaults.open(site.id(), row.key(), keyContext(id)));
    String name = Codec.decode(key.decrypt(row.name(), "media_name:" + id)).get(0);
    byte[] content = key.decrypt(row.content(), "media_content:" + id);
    audit.record(site.id().value(), "media.read", id.toString(), null);
    return new Download(name, row.type(), content);
  }

  static String keyContext(UUID media) {
    return "media_key:" + media;
  }
}
