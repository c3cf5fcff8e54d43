package org.tejido.audit;

import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Names the subjects of a site's audit entries for people reading the log: a source id becomes the
 * source's title, a participant code is marked as a participant's. Implemented by the modules that
 * record entries about their own things (the log cannot depend on them: they depend on it).
 *
 * <p>An implementation only reads: it must not record anything in the log, or looking at the log
 * would write to it. It names only what belongs to the given site and what still exists; anything
 * else keeps its stored reference.
 */
public interface AuditSubjects {

  /**
   * A subject as the log shows it.
   *
   * @param kind what it is, a stable code with a message {@code audit.subject.kind.<kind>}
   * @param label its title or code, shown as is (never a person's name or testimony)
   */
  record Named(String kind, String label) {}

  /**
   * @param siteId the site whose log is read
   * @param subjects stored references, as recorded
   * @return the references this module knows, with their names; the others are left out
   */
  Map<String, Named> name(UUID siteId, Set<String> subjects);
}
