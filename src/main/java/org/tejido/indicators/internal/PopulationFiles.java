package org.tejido.indicators.internal;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVRecord;
import org.tejido.indicators.ImportRefused;

/**
 * Population denominators, one row per municipality, year and sex ({@code total} or {@code women}):
 *
 * <ul>
 *   <li>CONAPO's municipal projections reshaped wide ({@code CVE, Entidad, Municipio, 1990 …
 *       2040}), one file per sex;
 *   <li>CONAPO's original long table ({@code CLAVE, NOM_ENT, NOM_MUN, SEXO, AÑO, POB_TOTAL} and age
 *       groups), one row per municipality, year and sex;
 *   <li>INEGI's Census 2020 export: title lines, then rows keyed {@code " 02 004 "} with thousands
 *       separators; state rows ({@code =CONCATENAR(0,01)}) and the national row are skipped, since
 *       states and the nation are sums of their municipalities.
 * </ul>
 */
final class PopulationFiles {

  private static final Pattern CENSUS_KEY = Pattern.compile("^\\s*(\\d{2}) (\\d{3})\\s*$");
  private static final Pattern YEAR = Pattern.compile("\\d{4}");

  private PopulationFiles() {}

  static boolean isConapoWide(List<String> keys) {
    return keys.size() > 3
        && keys.get(0).equals("cve")
        && keys.subList(3, keys.size()).stream().allMatch(k -> YEAR.matcher(k).matches());
  }

  static boolean isConapoLong(List<String> keys) {
    return keys.contains("clave")
        && keys.contains("sexo")
        && (keys.contains("ano") || keys.contains("año"))
        && keys.contains("pob_total");
  }

  static boolean isCensusTitle(List<String> keys) {
    return !keys.isEmpty() && keys.get(0).startsWith("poblacion total");
  }

  static void conapoWide(
      List<String> header, Iterator<CSVRecord> records, String sex, CopyRows out, long[] read)
      throws Exception {
    List<Integer> years = new ArrayList<>();
    for (String column : header.subList(3, header.size())) {
      years.add(Integer.parseInt(column.strip()));
    }
    while (records.hasNext()) {
      CSVRecord r = records.next();
      read[0]++;
      String code = municipality(r.get(0), r.getRecordNumber());
      for (int i = 0; i < years.size(); i++) {
        out.row("conapo", sex, years.get(i), state(code), code, people(r.get(3 + i), r));
      }
    }
  }

  static void conapoLong(
      List<String> header, Iterator<CSVRecord> records, CopyRows out, long[] read)
      throws Exception {
    List<String> keys = header.stream().map(Keys::of).toList();
    int clave = keys.indexOf("clave");
    int sexo = keys.indexOf("sexo");
    int year = keys.indexOf("ano");
    int total = keys.indexOf("pob_total");
    // municipality+year -> {total, women}; a file may or may not carry a both-sexes row
    Map<String, long[]> sums = new TreeMap<>();
    Map<String, Boolean> hasBoth = new TreeMap<>();
    while (records.hasNext()) {
      CSVRecord r = records.next();
      read[0]++;
      String code = municipality(r.get(clave), r.getRecordNumber());
      String key = code + ":" + Integer.parseInt(r.get(year).strip());
      long people = people(r.get(total), r);
      String sex = Keys.of(r.get(sexo));
      long[] sum = sums.computeIfAbsent(key, k -> new long[2]);
      if (sex.startsWith("mujer")) {
        sum[1] += people;
        if (!hasBoth.getOrDefault(key, false)) {
          sum[0] += people;
        }
      } else if (sex.startsWith("hombre")) {
        if (!hasBoth.getOrDefault(key, false)) {
          sum[0] += people;
        }
      } else if (sex.equals("total") || sex.startsWith("ambos")) {
        hasBoth.put(key, true);
        sum[0] = people;
      } else {
        throw new ImportRefused(
            "Line "
                + r.getRecordNumber()
                + ": SEXO '"
                + r.get(sexo)
                + "' is not a sex Tejido knows.");
      }
    }
    for (Map.Entry<String, long[]> e : sums.entrySet()) {
      String code = e.getKey().substring(0, 5);
      int y = Integer.parseInt(e.getKey().substring(6));
      out.row("conapo", "total", y, state(code), code, e.getValue()[0]);
      out.row("conapo", "women", y, state(code), code, e.getValue()[1]);
    }
  }

  static void census2020(Iterator<CSVRecord> records, CopyRows out, long[] read) throws Exception {
    boolean columns = false;
    while (records.hasNext()) {
      CSVRecord r = records.next();
      if (!columns) {
        columns =
            r.size() >= 5
                && Keys.of(r.get(2)).equals("total")
                && Keys.of(r.get(4)).equals("mujeres");
        continue;
      }
      Matcher key = CENSUS_KEY.matcher(r.get(0));
      if (!key.matches()) {
        continue; // the national row, state rows, blank lines and the source note
      }
      read[0]++;
      String code = key.group(1) + key.group(2);
      out.row("census2020", "total", 2020, state(code), code, people(r.get(2), r));
      out.row("census2020", "women", 2020, state(code), code, people(r.get(4), r));
    }
    if (!columns) {
      throw new ImportRefused("No 'Total, Hombres, Mujeres' header in this INEGI census export.");
    }
  }

  private static String municipality(String text, long line) {
    String digits = text.strip();
    if (!digits.matches("\\d{4,5}")) {
      throw new ImportRefused("Line " + line + ": '" + text + "' is not a municipality code.");
    }
    return String.format("%05d", Integer.parseInt(digits));
  }

  private static int state(String municipality) {
    return Integer.parseInt(municipality.substring(0, 2));
  }

  private static long people(String text, CSVRecord r) {
    String digits = text.strip().replace(",", "");
    if (!digits.matches("\\d+(\\.0+)?")) {
      throw new ImportRefused(
          "Line " + r.getRecordNumber() + ": '" + text + "' is not a population figure.");
    }
    return Long.parseLong(digits.replaceAll("\\.0+$", ""));
  }
}
