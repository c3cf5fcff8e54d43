package org.tejido.backup.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a connection sees of Tejido's schema (the connection's current schema): its tables in an
 * order in which every table comes after the tables its foreign keys point to, their columns, and
 * its sequences.
 */
final class Catalog {

  static final String HISTORY = "flyway_schema_history";

  private Catalog() {}

  /** Base tables of the current schema, parents before children, then by name. */
  static List<String> tablesInLoadOrder(Connection c) throws SQLException {
    Set<String> tables = new TreeSet<>();
    try (var s = c.createStatement();
        var rows =
            s.executeQuery(
                "select c.relname from pg_class c where c.relnamespace = current_schema()::regnamespace"
                    + " and c.relkind in ('r', 'p') and not c.relispartition")) {
      while (rows.next()) {
        tables.add(rows.getString(1));
      }
    }
    Map<String, Set<String>> parents = new HashMap<>();
    try (var s = c.createStatement();
        var rows =
            s.executeQuery(
                "select child.relname, parent.relname from pg_constraint k"
                    + " join pg_class child on child.oid = k.conrelid"
                    + " join pg_class parent on parent.oid = k.confrelid"
                    + " where k.contype = 'f' and child.relnamespace = current_schema()::regnamespace"
                    + " and parent.relnamespace = current_schema()::regnamespace")) {
      while (rows.next()) {
        if (!rows.getString(1).equals(rows.getString(2))) {
          parents.computeIfAbsent(rows.getString(1), k -> new HashSet<>()).add(rows.getString(2));
        }
      }
    }
    List<String> ordered = new ArrayList<>();
    Set<String> placed = new HashSet<>();
    while (ordered.size() < tables.size()) {
      boolean progress = false;
      for (String table : tables) {
        if (!placed.contains(table) && placed.containsAll(parents.getOrDefault(table, Set.of()))) {
          ordered.add(table);
          placed.add(table);
          progress = true;
          break;
        }
      }
      if (!progress) {
        throw new IllegalStateException("The tables' foreign keys form a cycle: " + tables);
      }
    }
    return ordered;
  }

  /** The table's columns in their order, without generated ones (COPY cannot load those). */
  static List<String> columns(Connection c, String table) throws SQLException {
    List<String> columns = new ArrayList<>();
    try (var s =
        c.prepareStatement(
            "select a.attname from pg_attribute a join pg_class t on t.oid = a.attrelid"
                + " where t.relnamespace = current_schema()::regnamespace and t.relname = ?"
                + " and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''"
                + " order by a.attnum")) {
      s.setString(1, table);
      try (var rows = s.executeQuery()) {
        while (rows.next()) {
          columns.add(rows.getString(1));
        }
      }
    }
    return columns;
  }

  /** The schema's sequences with their current state (value null: never used). */
  static Map<String, Long> sequences(Connection c) throws SQLException {
    Map<String, Long> sequences = new LinkedHashMap<>();
    try (var s = c.createStatement();
        var rows =
            s.executeQuery(
                "select sequencename, last_value from pg_sequences"
                    + " where schemaname = current_schema() order by 1")) {
      while (rows.next()) {
        // wasNull() speaks of the last column read: the name first, the value last.
        String name = rows.getString(1);
        long value = rows.getLong(2);
        sequences.put(name, rows.wasNull() ? null : value);
      }
    }
    return sequences;
  }

  /** The latest schema version Flyway applied, or null when Flyway never ran here. */
  static String schemaVersion(Connection c) throws SQLException {
    if (!tablesInLoadOrder(c).contains(HISTORY)) {
      return null;
    }
    try (var s = c.createStatement();
        var rows =
            s.executeQuery(
                "select version from "
                    + quote(HISTORY)
                    + " where success and version is not null"
                    + " order by installed_rank desc limit 1")) {
      return rows.next() ? rows.getString(1) : null;
    }
  }

  static int serverMajorVersion(Connection c) throws SQLException {
    try (var s = c.createStatement();
        var rows = s.executeQuery("show server_version_num")) {
      rows.next();
      return Integer.parseInt(rows.getString(1)) / 10000;
    }
  }

  static boolean hasRows(Connection c, String table) throws SQLException {
    try (var s = c.createStatement();
        var rows = s.executeQuery("select exists (select 1 from " + quote(table) + ")")) {
      rows.next();
      return rows.getBoolean(1);
    }
  }

  static String quote(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }

  static String columnList(List<String> columns) {
    return String.join(", ", columns.stream().map(Catalog::quote).toList());
  }
}
