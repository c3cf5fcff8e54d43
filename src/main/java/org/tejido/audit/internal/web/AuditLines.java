package org.tejido.audit.internal.web;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.tejido.audit.AuditEntry;
import org.tejido.audit.AuditSubjects;
import org.tejido.audit.AuditSubjects.Named;
import org.tejido.identity.UserAccounts;
import org.tejido.identity.UserId;
import org.tejido.sites.Site;
import org.tejido.sites.Sites;

/**
 * Turns stored entries into lines a person reads: subjects by their titles, codes and names instead
 * of ids, machine-written details in the reader's language. Only reads, and records nothing:
 * looking at the log does not write to it. A subject that no longer exists (a withdrawn
 * participant, a deleted source) keeps its stored reference.
 */
@Component
class AuditLines {

  /** Times are shown in central Mexico's time (no daylight saving since 2022), saying so. */
  static final ZoneId ZONE = ZoneId.of("America/Mexico_City");

  private static final String USER = "user:";
  private static final String SITE = "site:";
  private static final String VERSION = "version:";

  private final Sites sites;
  private final UserAccounts accounts;
  private final List<AuditSubjects> modules;
  private final MessageSource messages;

  AuditLines(
      Sites sites, UserAccounts accounts, List<AuditSubjects> modules, MessageSource messages) {
    this.sites = sites;
    this.accounts = accounts;
    this.modules = modules;
    this.messages = messages;
  }

  /**
   * What an entry is about, as shown.
   *
   * @param kind a code with a message {@code audit.subject.kind.<kind>}, or null for a stored
   *     reference shown as it is
   * @param label the title, code or name; or the stored reference
   * @param account the staff account it names, for a link on the administrator's page; or null
   */
  record Subject(String kind, String label, UUID account) {}

  /** An entry as the page shows it. */
  record Line(AuditEntry entry, ZonedDateTime when, Subject subject, String detail) {}

  List<Line> lines(UUID siteId, List<AuditEntry> entries, Locale locale) {
    Set<String> stored = new LinkedHashSet<>();
    entries.forEach(e -> stored.add(e.subject()));
    Map<String, Subject> named = name(siteId, stored);
    List<Line> lines = new ArrayList<>(entries.size());
    for (AuditEntry e : entries) {
      lines.add(
          new Line(
              e,
              e.at().atZone(ZONE),
              named.getOrDefault(e.subject(), new Subject(null, e.subject(), null)),
              detail(e.detail(), locale)));
    }
    return lines;
  }

  private Map<String, Subject> name(UUID siteId, Set<String> stored) {
    Map<String, Subject> named = new HashMap<>();
    Map<String, UserId> people = new HashMap<>();
    Set<String> others = new LinkedHashSet<>();
    for (String subject : stored) {
      String rest = subject.startsWith(USER) ? subject.substring(USER.length()) : subject;
      UUID id = uuid(rest);
      if (id != null) {
        people.put(subject, new UserId(id));
      }
      if (subject.startsWith(SITE)) {
        sites
            .find(subject.substring(SITE.length()))
            .ifPresent(s -> named.put(subject, new Subject("site", name(s), null)));
      } else if (subject.startsWith(VERSION)) {
        named.put(subject, new Subject("version", subject.substring(VERSION.length()), null));
      } else if (!subject.startsWith(USER)) {
        others.add(subject);
      }
    }
    // Staff accounts: "user:<id>", and bare ids where the vault names its key holders.
    Map<UserId, String> names = accounts.displayNames(people.values());
    people.forEach(
        (subject, user) -> {
          String name = names.get(user);
          if (name != null) {
            named.put(subject, new Subject("person", name, user.value()));
          }
        });
    others.removeAll(named.keySet());
    if (siteId != null && !others.isEmpty()) {
      // Where the vault names the site by its key.
      Site site = sites.byId(new org.tejido.sites.SiteId(siteId));
      if (others.remove(site.key())) {
        named.put(site.key(), new Subject("site", name(site), null));
      }
      for (AuditSubjects module : modules) {
        Map<String, Named> found = module.name(siteId, Set.copyOf(others));
        found.forEach((subject, n) -> named.put(subject, new Subject(n.kind(), n.label(), null)));
        others.removeAll(found.keySet());
      }
    }
    for (String subject : others) {
      if (messages.getMessage("audit.subject.value." + subject, null, null, Locale.ROOT) != null) {
        named.put(subject, new Subject("value", subject, null));
      }
    }
    return named;
  }

  private static String name(Site site) {
    return site.municipality();
  }

  private static UUID uuid(String text) {
    if (text.length() != 36) {
      return null;
    }
    try {
      return UUID.fromString(text);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  // ---- details ----

  private static final Pattern KEY_VALUES = Pattern.compile("[^\\s=]+=\\S+( [^\\s=]+=\\S+)+");
  private static final Pattern KEY_VALUE = Pattern.compile("([^=]+)=(.+)");
  private static final Pattern COUNT = Pattern.compile("(\\d+) ([a-z][a-z ]*)");
  private static final Pattern SCHEMA = Pattern.compile("schema (\\S+)");

  /** Where a value is one of fieldwork's codes, its name as the fieldwork pages show it. */
  private static final List<String> VOCABULARIES =
      List.of(
          "audit.detail.value.",
          "fieldwork.source-kind.",
          "fieldwork.activity-kind.",
          "fieldwork.media-kind.",
          "fieldwork.consent-method.");

  /**
   * A machine-written detail ("role=coordinator former=researcher", "workshop, participants=3", "12
   * tables, 340 rows") in the reader's language, part by part; a part nobody wrote a message for is
   * shown as recorded.
   */
  String detail(String detail, Locale locale) {
    if (detail == null || detail.isBlank()) {
      return null;
    }
    List<String> shown = new ArrayList<>();
    for (String part : detail.split("[,;]\\s*")) {
      List<String> tokens =
          KEY_VALUES.matcher(part).matches() ? List.of(part.split(" ")) : List.of(part);
      for (String token : tokens) {
        shown.add(token(token.strip(), locale));
      }
    }
    return String.join("; ", shown);
  }

  private String token(String token, Locale locale) {
    Matcher kv = KEY_VALUE.matcher(token);
    if (kv.matches()) {
      String key = key(kv.group(1));
      String value = kv.group(2);
      String named =
          key.equals("role") || key.equals("former")
              ? message("role." + value, locale)
              : value(value, locale);
      String text =
          messages.getMessage(
              "audit.detail." + key, new Object[] {named == null ? value : named}, null, locale);
      return text == null ? token : text;
    }
    Matcher count = COUNT.matcher(token);
    if (count.matches()) {
      String text =
          messages.getMessage(
              "audit.detail." + key(count.group(2)), new Object[] {count.group(1)}, null, locale);
      if (text != null) {
        return text;
      }
    }
    Matcher schema = SCHEMA.matcher(token);
    if (schema.matches()) {
      return messages.getMessage(
          "audit.detail.schema", new Object[] {schema.group(1)}, token, locale);
    }
    String value = value(token, locale);
    return value == null ? token : value;
  }

  private String value(String value, Locale locale) {
    String code = key(value);
    for (String prefix : VOCABULARIES) {
      String text = message(prefix + code, locale);
      if (text != null) {
        return text;
      }
    }
    return null;
  }

  private String message(String key, Locale locale) {
    return messages.getMessage(key, null, null, locale);
  }

  /** "key holders removed" → "key-holders-removed", "+1" → "plus-1": a message key's tail. */
  private static String key(String words) {
    return words.strip().replace("+", "plus-").replace(' ', '-');
  }
}
