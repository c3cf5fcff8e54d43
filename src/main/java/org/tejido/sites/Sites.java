package org.tejido.sites;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tejido.shared.BadRequest;
import org.tejido.shared.LocalizedText;
import org.tejido.shared.NotFound;

/** The sites Tejido knows, in their display order. */
@Service
public class Sites {

  private static final String COLUMNS =
      "id, key, municipality_name, state_name, inegi_code, neighbourhood, status,"
          + " status_reason_es, status_reason_en, population_notes_es, population_notes_en, fictional";

  private final JdbcClient jdbc;
  private final ApplicationEventPublisher events;

  Sites(JdbcClient jdbc, ApplicationEventPublisher events) {
    this.jdbc = jdbc;
    this.events = events;
  }

  public List<Site> all() {
    return jdbc.sql("select " + COLUMNS + " from site order by position, key")
        .query(Sites::map)
        .list();
  }

  public Optional<Site> find(String key) {
    return jdbc.sql("select " + COLUMNS + " from site where key = ?")
        .param(key)
        .query(Sites::map)
        .optional();
  }

  /**
   * @throws NotFound {@code site.not-found} when no site has this key
   */
  public Site byKey(String key) {
    return find(key).orElseThrow(() -> new NotFound("site.not-found", key));
  }

  public Site byId(SiteId id) {
    return jdbc.sql("select " + COLUMNS + " from site where id = ?")
        .param(id.value())
        .query(Sites::map)
        .optional()
        .orElseThrow(() -> new NotFound("site.not-found", id));
  }

  /** Registers a real site. */
  @Transactional
  public Site register(NewSite site) {
    return insert(site, false);
  }

  /**
   * Registers a fictional site, one whose pages say it is made up (the demonstration site). Real
   * data never goes there, and fictional data never goes into a site registered by {@link
   * #register}.
   */
  @Transactional
  public Site registerFictional(NewSite site) {
    return insert(site, true);
  }

  private Site insert(NewSite site, boolean fictional) {
    if (site.key() == null || !site.key().matches("[a-z0-9][a-z0-9-]{1,39}")) {
      throw new BadRequest("site.key.invalid", site.key());
    }
    if (site.inegiCode() == null || !site.inegiCode().matches("\\d{5}")) {
      throw new BadRequest("site.inegi.invalid", site.inegiCode());
    }
    if (find(site.key()).isPresent()) {
      throw new org.tejido.shared.Conflict("site.key.taken", site.key());
    }
    LocalizedText reason = orEmpty(site.statusReason());
    LocalizedText notes = orEmpty(site.populationNotes());
    UUID id =
        jdbc.sql(
                """
                insert into site (key, municipality_name, state_name, inegi_code, neighbourhood,
                    status, status_reason_es, status_reason_en, population_notes_es,
                    population_notes_en, fictional, position)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
                    (select coalesce(max(position), 0) + 1 from site))
                returning id""")
            .params(
                site.key(),
                site.municipality(),
                site.state(),
                site.inegiCode(),
                site.neighbourhood(),
                site.status().code(),
                reason.es(),
                reason.en(),
                notes.es(),
                notes.en(),
                fictional)
            .query(UUID.class)
            .single();
    events.publishEvent(new SiteRegistered(new SiteId(id), site.key()));
    return byId(new SiteId(id));
  }

  private static LocalizedText orEmpty(LocalizedText text) {
    return text == null ? new LocalizedText(null, null) : text;
  }

  private static Site map(ResultSet rs, int row) throws SQLException {
    return new Site(
        new SiteId(rs.getObject("id", UUID.class)),
        rs.getString("key"),
        rs.getString("municipality_name"),
        rs.getString("state_name"),
        rs.getString("inegi_code"),
        rs.getString("neighbourhood"),
        SiteStatus.fromCode(rs.getString("status")),
        new LocalizedText(rs.getString("status_reason_es"), rs.getString("status_reason_en")),
        new LocalizedText(rs.getString("population_notes_es"), rs.getString("population_notes_en")),
        rs.getBoolean("fictional"));
  }
}
