package org.tejido.support;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * What someone who walks away with a copy of the database can read: every row of every table in the
 * database's own schemas, as {@code COPY (SELECT * FROM t) TO STDOUT} writes it.
 *
 * <p>This stands in for {@code pg_dump --data-only}: the embedded PostgreSQL used by the tests
 * (zonky's binaries from Maven Central) ships only {@code initdb}, {@code pg_ctl} and {@code
 * postgres}, not {@code pg_dump}. COPY's text format is what {@code pg_dump} itself writes for the
 * data of each table, so what is readable here is what would be readable in a dump file.
 *
 * <p>{@code bytea} columns come out as hexadecimal ({@code \x4d61...}), so a secret stored in clear
 * in a {@code bytea} would not show as text. {@link #contains} therefore also looks for the
 * hexadecimal form of the UTF-8 bytes of what it is asked about.
 */
public final class LogicalDump {

  private final Map<String, String> tables;

  private LogicalDump(Map<String, String> tables) {
    this.tables = tables;
  }

  /** Copies out every table of every schema that is not PostgreSQL's own. */
  public static LogicalDump of(DataSource dataSource) {
    Map<String, String> tables = new LinkedHashMap<>();
    try (Connection connection = dataSource.getConnection()) {
      List<String> names = new ArrayList<>();
      try (var statement = connection.createStatement();
          var rows =
              statement.executeQuery(
                  "select format('%I.%I', table_schema, table_name) from information_schema.tables"
                      + " where table_type = 'BASE TABLE' and table_schema not in"
                      + " ('pg_catalog', 'information_schema') and table_schema not like 'pg\\_%'"
                      + " order by 1")) {
        while (rows.next()) {
          names.add(rows.getString(1));
        }
      }
      CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
      for (String table : names) {
        StringWriter out = new StringWriter();
        copy.copyOut("COPY (SELECT * FROM " + table + ") TO STDOUT", out);
        tables.put(table, out.toString());
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Could not dump the database", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new LogicalDump(tables);
  }

  /** The tables dumped, schema-qualified ({@code public.participant}). */
  public List<String> tables() {
    return List.copyOf(tables.keySet());
  }

  /** The dump of one table ({@code public.participant}), as COPY's text format. */
  public String table(String name) {
    String rows = tables.get(name);
    if (rows == null) {
      throw new IllegalArgumentException("No table " + name + " in the dump");
    }
    return rows;
  }

  /** The size of the whole dump in characters. */
  public long length() {
    return tables.values().stream().mapToLong(String::length).sum();
  }

  /**
   * Whether the text appears anywhere: as text (exactly, case included) or as the hexadecimal form
   * of its UTF-8 bytes (how it would show if stored in clear in a {@code bytea}).
   */
  public boolean contains(String text) {
    return !where(text).isEmpty();
  }

  /** The tables in which the text appears (see {@link #contains}). */
  public List<String> where(String text) {
    String hex = HexFormat.of().formatHex(text.getBytes(StandardCharsets.UTF_8));
    List<String> found = new ArrayList<>();
    tables.forEach(
        (table, rows) -> {
          if (rows.contains(text) || rows.contains(hex)) {
            found.add(table);
          }
        });
    return found;
  }

  /** The texts that appear somewhere, each with the tables it appears in. */
  public Map<String, List<String>> findAll(Iterable<String> texts) {
    Map<String, List<String>> found = new LinkedHashMap<>();
    for (String text : texts) {
      List<String> in = where(text);
      if (!in.isEmpty()) {
        found.put(text, in);
      }
    }
    return found;
  }
}
