package org.tejido.agenda;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.tejido.shared.LocalizedText;

/**
 * A common thread of the National Agenda: local issues of several sites under one human-security
 * domain, with a title and a short description in both languages.
 */
public record NationalThread(
    UUID id,
    int position,
    String domain,
    LocalizedText title,
    LocalizedText description,
    List<LocalOrigin> origins) {

  /** A site that raised the thread, named once however many of its issues the thread joins. */
  public record RaisedBy(String siteKey, String municipality) {}

  /** The sites that raised it, each once, in the order their issues were picked. */
  public List<RaisedBy> sites() {
    Map<String, RaisedBy> sites = new LinkedHashMap<>();
    for (LocalOrigin o : origins) {
      sites.putIfAbsent(o.siteKey(), new RaisedBy(o.siteKey(), o.municipality()));
    }
    return new ArrayList<>(sites.values());
  }

  public String anchor() {
    return "thread-" + position;
  }
}
