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
import org.tejido.shared.Validation;
import org.tejido.sites.internal.InegiCatalogue;

/** The sites Tejido knows, in their display order. */
@Service
public class Sites {

  private static final String COLUMNS =
      "id, key, municipality_name, state_name, inegi_code, neighbourhood, status,"
          + " status_reason_es, status_reason_en, population_notes_es, population_notes_en, fictional";

  private static final String KEY = "[a-z0-9][a-z0-9-]{1,39}";

  private final JdbcClient jdbc;
  private final ApplicationEventPublisher events;
  private final InegiCatalogue catalogue;

  Sites(JdbcClient jdbc, ApplicationEventPublisher events, InegiCatalogue catalogue) {
    this.jdbc = jdbc;
    this.events = events;
    this.catalogue = catalogue;
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
    if (site.key() == null || !site.key().matches(KEY)) {
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

  /**
   * An administrator adds a site in a municipality of INEGI's catalogue; it starts active.
   *
   * @throws BadRequest {@code validation.failed} with field errors: {@code key} malformed or taken,
   *     {@code inegiCode} not in the catalogue, texts too long
   */
  @Transactional
  public Site add(String key, SiteDetails details) {
    String k = key == null ? null : key.strip();
    Validation v = new Validation();
    v.require(k != null && k.matches(KEY), "key", "validation.site.key")
        .require(k == null || find(k).isEmpty(), "key", "validation.site.key.taken");
    Municipality municipality = validate(v, details);
    v.orThrow();
    Site site =
        register(
            new NewSite(
                k,
                municipality.name(),
                municipality.stateName(),
                municipality.code(),
                blankToNull(details.neighbourhood()),
                SiteStatus.ACTIVE,
                null,
                orEmpty(details.populationNotes())));
    events.publishEvent(new SiteChanged.Added(site.id(), site.key()));
    return site;
  }

  /**
   * An administrator corrects a site's municipality, neighbourhood or population notes. The key
   * stays: it is in every published address and reference of the site.
   *
   * @throws NotFound {@code site.not-found}
   * @throws BadRequest {@code validation.failed} with field errors
   */
  @Transactional
  public Site edit(String key, SiteDetails details) {
    Site site = byKey(key);
    Validation v = new Validation();
    Municipality municipality = validate(v, details);
    v.orThrow();
    LocalizedText notes = orEmpty(details.populationNotes());
    jdbc.sql(
            """
            update site set municipality_name = ?, state_name = ?, inegi_code = ?,
                neighbourhood = ?, population_notes_es = ?, population_notes_en = ?
            where id = ?""")
        .params(
            municipality.name(),
            municipality.stateName(),
            municipality.code(),
            blankToNull(details.neighbourhood()),
            notes.es(),
            notes.en(),
            site.id().value())
        .update();
    events.publishEvent(new SiteChanged.Edited(site.id(), site.key()));
    return byId(site.id());
  }

  /**
   * Suspends a site for safety: its public pages then say only that, with the reason; its team's
   * data stays. Suspending a suspended site replaces the reason.
   *
   * @throws BadRequest {@code validation.failed}: the Spanish reason is required
   */
  @Transactional
  public Site suspend(String key, LocalizedText reason) {
    Site site = byKey(key);
    LocalizedText r = orEmpty(reason);
    new Validation()
        .text(r.es(), "reasonEs", SiteDetails.REASON_MAX)
        .optionalText(r.en(), "reasonEn", SiteDetails.REASON_MAX)
        .orThrow();
    jdbc.sql("update site set status = ?, status_reason_es = ?, status_reason_en = ? where id = ?")
        .params(SiteStatus.SUSPENDED_FOR_SAFETY.code(), r.es(), r.en(), site.id().value())
        .update();
    events.publishEvent(new SiteChanged.Suspended(site.id(), site.key()));
    return byId(site.id());
  }

  /**
   * Makes a suspended site active again; its published agenda is public again.
   *
   * @throws org.tejido.shared.Conflict {@code site.not-suspended} when it is active
   */
  @Transactional
  public Site reactivate(String key) {
    Site site = byKey(key);
    if (!site.suspendedForSafety()) {
      throw new org.tejido.shared.Conflict("site.not-suspended", site.key());
    }
    jdbc.sql(
            "update site set status = ?, status_reason_es = null, status_reason_en = null"
                + " where id = ?")
        .params(SiteStatus.ACTIVE.code(), site.id().value())
        .update();
    events.publishEvent(new SiteChanged.Reactivated(site.id(), site.key()));
    return byId(site.id());
  }

  private Municipality validate(Validation v, SiteDetails details) {
    Optional<Municipality> municipality = catalogue.find(details.inegiCode());
    LocalizedText notes = orEmpty(details.populationNotes());
    v.require(municipality.isPresent(), "inegiCode", "validation.site.inegi.unknown")
        .optionalText(details.neighbourhood(), "neighbourhood", SiteDetails.NEIGHBOURHOOD_MAX)
        .optionalText(notes.es(), "populationNotesEs", SiteDetails.NOTES_MAX)
        .optionalText(notes.en(), "populationNotesEn", SiteDetails.NOTES_MAX);
    return municipality.orElse(null);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
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
