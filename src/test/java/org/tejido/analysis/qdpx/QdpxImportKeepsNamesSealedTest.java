package org.tejido.analysis.qdpx;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tejido.analysis.QdpxExchange;
import org.tejido.analysis.QdpxExchange.ImportResult;
import org.tejido.identity.SiteRole;
import org.tejido.sites.Site;
import org.tejido.support.Fixtures;
import org.tejido.support.TejidoTest;
import org.tejido.vault.Vaults;

/**
 * A project from another team names people where Tejido keeps text in clear: the project after the
 * person interviewed, its source file, a case, a note. After an import, no row of any table holds
 * those names in clear (what a database dump would show); only the other team's coder keeps her
 * name, as docs/security.md explains.
 */
@TejidoTest
class QdpxImportKeepsNamesSealedTest {

  private static final String PERSON = "Rosaura Quintanilla";
  private static final String SOURCE = "3f2504e0-4f89-41d3-9a0c-0305e82c3301";
  private static final String CODE = "a1b2c3d4-0000-4000-8000-000000000001";
  private static final String USER = "b1b2c3d4-0000-4000-8000-000000000009";

  @Autowired Fixtures fixtures;
  @Autowired Vaults vaults;
  @Autowired QdpxExchange exchange;
  @Autowired JdbcClient jdbc;

  @AfterEach
  void nobody() {
    fixtures.actAsNobody();
  }

  private static byte[] project() {
    String qde =
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <Project name="Entrevista a %1$s" xmlns="urn:QDA-XML:project:1.0">
          <Users><User guid="%4$s" name="Marta Equipo Externo"/></Users>
          <CodeBook><Codes><Code guid="%3$s" name="Robo" isCodable="true"/></Codes></CodeBook>
          <Cases><Case guid="e0000000-0000-4000-8000-000000000001" name="Caso %1$s">
            <SourceRef targetGUID="%2$s"/></Case></Cases>
          <Sources>
            <TextSource guid="%2$s" name="%1$s (entrevista)" plainTextPath="internal://%1$s.txt">
              <PlainTextSelection guid="c0000000-0000-4000-8000-000000000001" startPosition="8"
                  endPosition="13" creatingUser="%4$s">
                <Coding guid="d0000000-0000-4000-8000-000000000001" creatingUser="%4$s">
                  <CodeRef targetGUID="%3$s"/></Coding>
              </PlainTextSelection>
              <NoteRef targetGUID="f0000000-0000-4000-8000-000000000001"/>
            </TextSource>
          </Sources>
          <Notes>
            <Note guid="f0000000-0000-4000-8000-000000000001" name="Nota sobre %1$s"
                creatingUser="%4$s"><PlainTextContent>%1$s habló de robos.</PlainTextContent></Note>
          </Notes>
        </Project>
        """
            .formatted(PERSON, SOURCE, CODE, USER);
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put("project.qde", qde.getBytes(StandardCharsets.UTF_8));
    entries.put(
        "sources/" + PERSON + ".txt",
        "Vecina: Hay robos en la calle.".getBytes(StandardCharsets.UTF_8));
    return QdpxFiles.zip(entries);
  }

  /** Tables whose rows, read as text (sealed columns show as hex), mention the word. */
  private List<String> tablesMentioning(String word) {
    List<String> tables =
        jdbc.sql(
                "select table_name from information_schema.tables where table_schema ="
                    + " current_schema() and table_type = 'BASE TABLE'")
            .query(String.class)
            .list();
    List<String> found = new ArrayList<>();
    for (String table : tables) {
      int n =
          jdbc.sql("select count(*) from \"" + table + "\" t where t::text ilike ?")
              .param("%" + word + "%")
              .query(Integer.class)
              .single();
      if (n > 0) {
        found.add(table);
      }
    }
    return found;
  }

  @Test
  void namesOfPeopleInAnImportedProjectAreNotStoredInClear() {
    Site site = fixtures.freshSite();
    fixtures.actAs(fixtures.withRole(site.key(), SiteRole.COORDINATOR));
    vaults.create(site, "una frase de paso para importar");
    vaults.unlock(site, "una frase de paso para importar");

    ImportResult result = exchange.importAs(site, project(), false);

    assertThat(result.stored())
        .containsEntry("sources", 1)
        .containsEntry("codings", 1)
        .containsEntry("memos", 1);
    assertThat(tablesMentioning("Quintanilla"))
        .as("project, source, case and note name the person; none is kept in clear")
        .isEmpty();
    assertThat(result.lines()).noneMatch(l -> l.contains("Quintanilla"));
    assertThat(tablesMentioning("Marta Equipo Externo"))
        .as("the other team's coder keeps her name, the only clear name")
        .containsExactly("analysis_external_coder");
  }
}
