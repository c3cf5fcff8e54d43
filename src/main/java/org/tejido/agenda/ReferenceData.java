package org.tejido.agenda;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.tejido.shared.LocalizedText;

/** The domains and addressees agendas are written in, and the national principles. */
@Service
public class ReferenceData {

  private final JdbcClient jdbc;
  private volatile List<Domain> domains;
  private volatile List<Addressee> addressees;

  ReferenceData(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The vocabulary changes only by migration, so it is read once. */
  public List<Domain> domains() {
    if (domains == null) {
      domains =
          jdbc.sql("select key, name_es, name_en, un1994 from domain order by position")
              .query(
                  (rs, i) ->
                      new Domain(
                          rs.getString(1),
                          new LocalizedText(rs.getString(2), rs.getString(3)),
                          rs.getBoolean(4)))
              .list();
    }
    return domains;
  }

  public List<Addressee> addressees() {
    if (addressees == null) {
      addressees =
          jdbc.sql("select key, name_es, name_en from addressee order by position")
              .query(
                  (rs, i) ->
                      new Addressee(
                          rs.getString(1), new LocalizedText(rs.getString(2), rs.getString(3))))
              .list();
    }
    return addressees;
  }

  public Optional<Domain> domain(String key) {
    return domains().stream().filter(d -> d.key().equals(key)).findFirst();
  }

  public Optional<Addressee> addressee(String key) {
    return addressees().stream().filter(a -> a.key().equals(key)).findFirst();
  }

  /** The principles of the National Agenda, in order. */
  public List<LocalizedText> nationalPrinciples() {
    return jdbc.sql("select text_es, text_en from national_principle order by position")
        .query((rs, i) -> new LocalizedText(rs.getString(1), rs.getString(2)))
        .list();
  }
}
