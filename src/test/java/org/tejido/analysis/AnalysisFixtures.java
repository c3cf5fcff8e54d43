package org.tejido.analysis;

import java.util.List;
import java.util.UUID;
import org.tejido.fieldwork.Deidentification;
import org.tejido.fieldwork.NewSource;
import org.tejido.fieldwork.Sources;
import org.tejido.identity.SiteRole;
import org.tejido.sites.Site;
import org.tejido.support.Fixtures;
import org.tejido.support.Fixtures.Person;
import org.tejido.vault.Vaults;

/** A site with an open vault and one de-identified source, ready for coding. */
public record AnalysisFixtures(Site site, Person coordinator, UUID source) {

  public static final String PASSPHRASE = "una frase de paso para analizar";

  /** Two turns; the second holds a character outside the Basic Multilingual Plane. */
  public static final String TEXT =
      "Facilitadora: ¿Qué pasa en la colonia?\nVecina: Hay robos en la calle 🙁 y extorsión.";

  public static AnalysisFixtures readySource(
      Fixtures fixtures, Vaults vaults, Sources sources, Deidentification deidentification) {
    Site site = fixtures.freshSite();
    Person coordinator = fixtures.withRole(site.key(), SiteRole.COORDINATOR);
    fixtures.actAs(coordinator);
    vaults.create(site, PASSPHRASE);
    vaults.unlock(site, PASSPHRASE);
    UUID source =
        sources.add(site, new NewSource(null, "transcript", "Taller de análisis", TEXT, "typed"));
    deidentification.acceptAll(site, source);
    return new AnalysisFixtures(site, coordinator, source);
  }

  public static UUID codeNamed(Codebook codebook, Site site, String es) {
    return codebook.tree(site).stream()
        .map(CodeNode::code)
        .filter(c -> es.equals(c.name().es()))
        .map(Code::id)
        .findFirst()
        .orElseThrow();
  }

  public static List<String> names(Codebook codebook, Site site) {
    return codebook.tree(site).stream().map(n -> n.code().name().es()).toList();
  }
}
