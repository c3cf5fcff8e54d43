package org.tejido.indicators.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.commons.csv.CSVRecord;
import org.tejido.indicators.ImportRefused;

/**
 * One SESNSP "incidencia delictiva del fuero común" file: state or municipal, crimes or victims, in
 * either catalogue. The layout is read from the header (the municipal files add {@code Cve.
 * Municipio, Municipio}; the victims files add {@code Sexo, Rango de edad}); a column Tejido does
 * not know refuses the file, naming it. Both catalogues share one header, so the catalogue is told
 * by the year of each row: the RNID catalogue replaced the 2015 methodology with January 2026's
 * figures.
 */
final class SesnspFile {

  static final int RNID_FROM_YEAR = 2026;
  static final List<String> MONTHS =
      List.of(
          "enero",
          "febrero",
          "marzo",
          "abril",
          "mayo",
          "junio",
          "julio",
          "agosto",
          "septiembre",
          "octubre",
          "noviembre",
          "diciembre");
  private static final List<String> REQUIRED =
      List.of(
          "ano",
          "clave_ent",
          "entidad",
          "bien juridico afectado",
          "tipo de delito",
          "subtipo de delito",
          "modalidad");
  private static final List<String> MUNICIPAL = List.of("cve. municipio", "municipio");
  private static final List<String> VICTIMS = List.of("sexo", "rango de edad");

  /** True when the header looks like a SESNSP file at all (then it is held to the rules). */
  static boolean recognises(List<String> headerKeys) {
    return headerKeys.contains("subtipo de delito")
        || headerKeys.contains("clave_ent")
        || headerKeys.contains("ano");
  }

  final boolean municipal;
  final boolean victims;
  private final Map<String, Integer> index = new LinkedHashMap<>();

  // A municipal history repeats a few dozen subtypes and 2,478 codes over millions of rows: each
  // is folded or padded once.
  private final Map<String, String> subtypeKeys = new HashMap<>();
  private final Map<String, String> paddedCodes = new HashMap<>();
  // The same few thousand names recur on every line: one instance of each, so that a line's
  // series is found by comparing references (CrimeSeries) rather than text.
  private final Map<String, String> names = new HashMap<>();
  private int[] monthColumns;

  SesnspFile(List<String> header) {
    List<String> unknown = new ArrayList<>();
    for (int i = 0; i < header.size(); i++) {
      String key = Keys.of(header.get(i));
      if (key.isEmpty() && i == header.size() - 1) {
        continue; // a trailing comma after the last column
      }
      if (!REQUIRED.contains(key)
          && !MUNICIPAL.contains(key)
          && !VICTIMS.contains(key)
          && !MONTHS.contains(key)) {
        unknown.add(header.get(i).strip());
      } else if (index.putIfAbsent(key, i) != null) {
        throw new ImportRefused("The column '" + header.get(i).strip() + "' appears twice.");
      }
    }
    if (!unknown.isEmpty()) {
      throw new ImportRefused(
          "Not a SESNSP file Tejido can read: unknown column(s) "
              + String.join(", ", unknown.stream().map(c -> "'" + c + "'").toList())
              + ".");
    }
    municipal = index.containsKey("cve. municipio") || index.containsKey("municipio");
    victims = index.containsKey("sexo") || index.containsKey("rango de edad");
    List<String> missing = new ArrayList<>();
    List<String> needed = new ArrayList<>(REQUIRED);
    needed.addAll(MONTHS);
    if (municipal) {
      needed.addAll(MUNICIPAL);
    }
    if (victims) {
      needed.addAll(VICTIMS);
    }
    for (String key : needed) {
      if (!index.containsKey(key)) {
        missing.add(key);
      }
    }
    if (!missing.isEmpty()) {
      throw new ImportRefused(
          "The SESNSP file lacks the column(s) " + String.join(", ", missing) + ".");
    }
  }

  String kind() {
    return "SESNSP " + (municipal ? "municipal" : "state") + " " + (victims ? "victims" : "crimes");
  }

  /** The row in the column order of {@link IndicatorStore#CRIME_COLUMNS}. */
  Object[] row(CSVRecord record, Set<String> catalogues) {
    long line = record.getRecordNumber();
    int year = integer(record, "ano", line);
    if (year < 1990 || year > 2100) {
      throw new ImportRefused(
          "Line " + line + ", column 'Año': " + year + " is not a year of SESNSP figures.");
    }
    int state = integer(record, "clave_ent", line);
    if (state < 1 || state > 32) {
      throw refused(line, "Clave_Ent", record.get(index.get("clave_ent")));
    }
    String municipality = null;
    String municipalityName = null;
    if (municipal) {
      String code = cell(record, "cve. municipio");
      municipality = paddedCodes.get(code);
      if (municipality == null) {
        if (!code.matches("\\d{1,5}(\\.0+)?")) {
          throw refused(line, "Cve. Municipio", code);
        }
        municipality = String.format("%05d", Integer.parseInt(code.replaceAll("\\.0+$", "")));
        paddedCodes.put(code, municipality);
      }
      if (Integer.parseInt(municipality.substring(0, 2)) != state) {
        throw new ImportRefused(
            "Line " + line + ": municipality " + municipality + " is not in state " + state + ".");
      }
      municipalityName = name(record, "municipio");
    }
    if (monthColumns == null) {
      monthColumns = MONTHS.stream().mapToInt(index::get).toArray();
    }
    Integer[] months = new Integer[12];
    for (int m = 0; m < 12; m++) {
      months[m] = count(record, monthColumns[m], MONTHS.get(m), line);
    }
    String catalogue = year >= RNID_FROM_YEAR ? "rnid2026" : "idm2015";
    catalogues.add(catalogue);
    String subtype = name(record, "subtipo de delito");
    return new Object[] {
      catalogue,
      victims ? "victims" : "crimes",
      municipal ? "municipal" : "state",
      year,
      state,
      name(record, "entidad"),
      municipality,
      municipalityName,
      name(record, "bien juridico afectado"),
      name(record, "tipo de delito"),
      subtype,
      subtypeKeys.computeIfAbsent(subtype, Keys::of),
      name(record, "modalidad"),
      victims ? name(record, "sexo") : null,
      victims ? name(record, "rango de edad") : null,
      months
    };
  }

  private String cell(CSVRecord record, String key) {
    return cell(record, index.get(key));
  }

  private static String cell(CSVRecord record, int i) {
    return i < record.size() ? record.get(i).strip() : "";
  }

  /** A name cell, as the one instance of that text in this file. */
  private String name(CSVRecord record, String key) {
    String text = cell(record, key);
    String kept = names.putIfAbsent(text, text);
    return kept != null ? kept : text;
  }

  private int integer(CSVRecord record, String key, long line) {
    Integer value = count(record, key, line);
    if (value == null) {
      throw refused(line, key, "");
    }
    return value;
  }

  /** A count as SESNSP writes it ("3") or as a re-saved file does ("3.0"); blank is missing. */
  private Integer count(CSVRecord record, String key, long line) {
    return count(record, index.get(key), key, line);
  }

  private static Integer count(CSVRecord record, int column, String key, long line) {
    String text = cell(record, column);
    if (text.isEmpty()) {
      return null;
    }
    int dot = text.indexOf('.');
    int end = dot < 0 ? text.length() : dot;
    if (end == 0 || end > 9) {
      throw refused(line, key, text);
    }
    int value = 0;
    for (int i = 0; i < end; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        throw refused(line, key, text);
      }
      value = value * 10 + (c - '0');
    }
    for (int i = end + 1; i < text.length(); i++) {
      if (text.charAt(i) != '0') {
        throw refused(line, key, text);
      }
    }
    return value;
  }

  private static ImportRefused refused(long line, String column, String value) {
    return new ImportRefused(
        "Line "
            + line
            + ", column '"
            + column
            + "': '"
            + value
            + "' is not a whole number"
            + " Tejido can load. Nothing was imported.");
  }

  static Set<String> catalogues() {
    return new TreeSet<>();
  }
}
