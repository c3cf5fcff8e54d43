package org.tejido.fieldwork.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.tejido.audit.AuditSubjects;

/**
 * Names fieldwork's audit subjects: source, activity and file ids by their titles (clear tier,
 * shown on the fieldwork home too), participant codes as participants'. Reads only the site's own
 * rows, and records nothing.
 */
@Component
class FieldworkAuditSubjects implements AuditSubjects {

  private final JdbcClient jdbc;

  FieldworkAuditSubjects(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public Map<String, Named> name(UUID siteId, Set<String> subjects) {
    Map<String, Named> named = new HashMap<>();
    if (siteId == null || subjects.isEmpty()) {
      return named;
    }
    List<UUID> ids = new ArrayList<>();
    List<String> codes = new ArrayList<>();
    for (String subject : subjects) {
      UUID id = uuid(subject);
      if (id != null) {
        ids.add(id);
      } else {
        codes.add(subject);
      }
    }
    if (!ids.isEmpty()) {
      UUID[] array = ids.toArray(UUID[]::new);
      jdbc.sql(
              """
              select id, 'source' as kind, title from source where site_id = ? and id = any(?)
              union all
              select id, 'activity', title from activity where site_id = ? and id = any(?)
              union all
              select m.id, 'media', a.title from media m join activity a on a.id = m.activity_id
               where m.site_id = ? and m.id = any(?)
              """)
          .params(siteId, array, siteId, array, siteId, array)
          .query(
              (rs, i) ->
                  named.put(
                      rs.getObject(1, UUID.class).toString(),
                      new Named(rs.getString(2), rs.getString(3))))
          .list();
    }
    if (!codes.isEmpty()) {
      jdbc.sql("select code from participant where site_id = ? and code = any(?)")
          .params(siteId, codes.toArray(String[]::new))
          .query(String.class)
          .list()
          .forEach(code -> named.put(code, new Named("participant", code)));
    }
    return named;
  }

  private static UUID uuid(String subject) {
    if (subject.length() != 36) {
      return null;
    }
    try {
      return UUID.fromString(subject);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
