package org.tejido.analysis.internal;

import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.tejido.shared.ServingStarted;
import org.tejido.sites.Site;
import org.tejido.sites.SiteRegistered;
import org.tejido.sites.Sites;

/**
 * The codebook every site starts with: the nine human-security domains of the agendas, the types of
 * violence (lethal and non-lethal), the spaces where violence happens, the actors, silenced issues,
 * and agency and resilience. A new site gets it in the transaction that creates it; at start-up,
 * every site that has no code yet gets it too. Seeding a site that has codes does nothing, so it is
 * safe to repeat.
 */
@Component
public class HumanSecurityCodebook {

  private static final Logger log = LoggerFactory.getLogger(HumanSecurityCodebook.class);

  /** A code of the seed: names, colour, codable, and the codes under it. */
  public record Seed(String es, String en, String colour, boolean codable, List<Seed> children) {
    static Seed code(String es, String en, String colour) {
      return new Seed(es, en, colour, true, List.of());
    }

    static Seed folder(String es, String en, String colour, Seed... children) {
      return new Seed(es, en, colour, false, List.of(children));
    }
  }

  private static final String DOMAIN = "#2563eb";
  private static final String LETHAL = "#b91c1c";
  private static final String NON_LETHAL = "#ea580c";
  private static final String SPACE = "#0f766e";
  private static final String ACTOR = "#7c3aed";

  /** The seed. The domains carry the names of the agenda's domain vocabulary (V5), in its order. */
  public static final List<Seed> CODEBOOK =
      List.of(
          Seed.folder(
              "Dominios de la seguridad humana",
              "Human-security domains",
              DOMAIN,
              Seed.code("Seguridad personal", "Personal safety", DOMAIN),
              Seed.code("Seguridad comunitaria", "Community safety", DOMAIN),
              Seed.code("Seguridad política", "Political security", DOMAIN),
              Seed.code("Seguridad económica", "Economic security", DOMAIN),
              Seed.code("Seguridad en salud", "Health security", DOMAIN),
              Seed.code("Seguridad alimentaria", "Food security", DOMAIN),
              Seed.code("Seguridad ambiental", "Environmental security", DOMAIN),
              Seed.code("Seguridad de las mujeres", "Women's safety", DOMAIN),
              Seed.code("Seguridad de las juventudes", "Youths' safety", DOMAIN)),
          Seed.folder(
              "Tipos de violencia",
              "Types of violence",
              LETHAL,
              Seed.folder(
                  "Violencia letal",
                  "Lethal violence",
                  LETHAL,
                  Seed.code("Homicidio", "Homicide", LETHAL),
                  Seed.code("Desaparición", "Disappearance", LETHAL)),
              Seed.folder(
                  "Violencia no letal",
                  "Non-lethal violence",
                  NON_LETHAL,
                  Seed.code("Robo", "Robbery", NON_LETHAL),
                  Seed.code("Extorsión", "Extortion", NON_LETHAL),
                  Seed.code("Secuestro", "Kidnapping", NON_LETHAL),
                  Seed.code("Desplazamiento forzado", "Forced displacement", NON_LETHAL),
                  Seed.code("Violencia doméstica", "Domestic violence", NON_LETHAL),
                  Seed.code("Abuso policial", "Police abuse", NON_LETHAL),
                  Seed.code("Violencia sexual", "Sexual violence", NON_LETHAL))),
          Seed.folder(
              "Espacios donde ocurre la violencia",
              "Spaces where violence happens",
              SPACE,
              Seed.code("Hogar", "Home", SPACE),
              Seed.code("Calle", "Street", SPACE),
              Seed.code("Escuela", "School", SPACE),
              Seed.code("Comunidad", "Community", SPACE),
              Seed.code("Instituciones", "Institutions", SPACE),
              Seed.code("Prisión", "Prison", SPACE)),
          Seed.folder(
              "Actores",
              "Actors",
              ACTOR,
              Seed.code("Policía", "Police", ACTOR),
              Seed.code("Grupos criminales", "Criminal groups", ACTOR),
              Seed.code("Instituciones del Estado", "State institutions", ACTOR),
              Seed.code("Partidos políticos", "Political parties", ACTOR),
              Seed.code("Empresas", "Businesses", ACTOR),
              Seed.code("Iglesias", "Churches", ACTOR)),
          Seed.code("Temas silenciados", "Silenced issues", "#374151"),
          Seed.code("Agencia y resiliencia", "Agency and resilience", "#15803d"));

  private final AnalysisStore store;
  private final Sites sites;
  private final TransactionTemplate transactions;

  HumanSecurityCodebook(AnalysisStore store, Sites sites, PlatformTransactionManager transactions) {
    this.store = store;
    this.sites = sites;
    this.transactions = new TransactionTemplate(transactions);
  }

  /** Every new site gets the codebook in the transaction that creates it. */
  @EventListener
  void on(SiteRegistered registered) {
    seed(registered.site().value());
  }

  /**
   * Sites created before the analysis module, or by a migration, get it at start-up. Only when
   * serving (see {@link ServingStarted}).
   */
  @EventListener
  public void on(ServingStarted started) {
    int given = 0;
    for (Site site : sites.all()) {
      if (Boolean.TRUE.equals(transactions.execute(status -> seed(site.id().value())))) {
        given++;
      }
    }
    if (given > 0) {
      log.info("Gave {} site(s) the human-security codebook", given);
    }
  }

  /**
   * Gives a site the codebook once: unless it was given one before or has codes of its own. A
   * codebook its team emptied on purpose stays empty.
   *
   * @return whether it was given
   */
  public boolean seed(UUID site) {
    store.lockCodebook(site);
    if (store.codebookGiven(site)) {
      return false;
    }
    store.markCodebookGiven(site);
    if (store.hasCodes(site)) {
      return false;
    }
    for (Seed s : CODEBOOK) {
      insert(site, s, null);
    }
    return true;
  }

  private void insert(UUID site, Seed seed, UUID parent) {
    UUID id =
        store.insertCode(
            site, null, parent, seed.es(), seed.en(), "", seed.colour(), seed.codable());
    for (Seed child : seed.children()) {
      insert(site, child, id);
    }
  }
}
