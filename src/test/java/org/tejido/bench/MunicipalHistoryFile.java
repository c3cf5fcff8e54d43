package org.tejido.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes a full-size SESNSP municipal history file of the real shape (2015+ methodology, crimes):
 * the header SESNSP publishes, Windows-1252, CRLF, {@code Clave_Ent} and {@code Cve. Municipio}
 * without zero padding, every municipality of INEGI's Marco Geoestadístico 2024 (2,478, names with
 * accents) × the 98 (bien jurídico, tipo, subtipo, modalidad) combinations of the real state file ×
 * 11 years (2015–2025), the months after the cut-off (October 2025) left blank. Counts are mostly
 * zero with a long tail, as in the real file; a fixed seed makes the file the same on every run
 * (2,671,284 rows, about 376 MB).
 *
 * <p>No dependency beyond the JDK, so it also runs as a single source file: {@code java
 * src/test/java/org/tejido/bench/MunicipalHistoryFile.java OUT.csv [--years=11]
 * [--municipalities=2478]} from the repository root (what {@code bench/indicators-ingest.sh} does).
 */
public final class MunicipalHistoryFile {

  static final String HEADER =
      "Año,Clave_Ent,Entidad,Cve. Municipio,Municipio,Bien jurídico afectado,Tipo de delito,"
          + "Subtipo de delito,Modalidad,Enero,Febrero,Marzo,Abril,Mayo,Junio,Julio,Agosto,"
          + "Septiembre,Octubre,Noviembre,Diciembre";
  static final int FIRST_YEAR = 2015;

  /** The last month with figures in the last year (the cut-off): October. */
  static final int CUT_OFF_MONTH = 10;

  private MunicipalHistoryFile() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 1) {
      System.err.println("usage: MunicipalHistoryFile OUT.csv [--years=11] [--municipalities=N]");
      System.exit(2);
    }
    int years = 11;
    int limit = Integer.MAX_VALUE;
    for (int i = 1; i < args.length; i++) {
      if (args[i].startsWith("--years=")) {
        years = Integer.parseInt(args[i].substring(8));
      } else if (args[i].startsWith("--municipalities=")) {
        limit = Integer.parseInt(args[i].substring(17));
      } else {
        throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    Path root = Path.of("").toAbsolutePath();
    List<String[]> municipalities =
        readCsv(root.resolve("src/main/resources/inegi/marco-geoestadistico-2024-municipios.csv"));
    municipalities = municipalities.subList(3, municipalities.size()); // title lines and header
    if (municipalities.size() > limit) {
      municipalities = municipalities.subList(0, limit);
    }
    List<String[]> combinations =
        readCsv(root.resolve("src/test/resources/bench/sesnsp-idm2015-combinations.csv"));
    combinations = combinations.subList(1, combinations.size());
    long rows = write(Path.of(args[0]), municipalities, combinations, years);
    System.out.printf(
        "%s: %d rows, %d bytes (%d municipalities × %d combinations × %d years)%n",
        args[0],
        rows,
        Files.size(Path.of(args[0])),
        municipalities.size(),
        combinations.size(),
        years);
  }

  static long write(Path out, List<String[]> municipalities, List<String[]> combinations, int years)
      throws IOException {
    Charset cp1252 = Charset.forName("windows-1252");
    SplittableRandom random = new SplittableRandom(20251130L);
    long rows = 0;
    try (Writer w =
        new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(out), cp1252), 1 << 20)) {
      w.write(HEADER);
      w.write("\r\n");
      StringBuilder line = new StringBuilder(256);
      for (int y = 0; y < years; y++) {
        int year = FIRST_YEAR + y;
        boolean last = y == years - 1;
        for (String[] m : municipalities) {
          int state = Integer.parseInt(m[0].strip());
          int code = state * 1000 + Integer.parseInt(m[2].strip());
          // Big municipalities report more: a size drawn once per municipality from its code.
          double size = 0.05 + 6 * Math.pow(new SplittableRandom(code).nextDouble(), 6);
          for (int c = 0; c < combinations.size(); c++) {
            String[] k = combinations.get(c);
            double often = size * (c % 7 == 0 ? 3 : c % 3 == 0 ? 0.2 : 1);
            line.setLength(0);
            line.append(year).append(',').append(state).append(',');
            field(line, m[1]).append(',').append(code).append(',');
            field(line, m[3]).append(',');
            for (String part : k) {
              field(line, part).append(',');
            }
            for (int month = 1; month <= 12; month++) {
              if (!(last && month > CUT_OFF_MONTH)) {
                line.append(count(random, often));
              }
              if (month < 12) {
                line.append(',');
              }
            }
            line.append("\r\n");
            w.append(line);
            rows++;
          }
        }
      }
    }
    return rows;
  }

  /** Mostly zero, sometimes a few, rarely many. */
  private static int count(SplittableRandom random, double often) {
    double u = random.nextDouble();
    if (u > often / (often + 2)) {
      return 0;
    }
    return (int) Math.min(900, Math.floor(-Math.log(1 - random.nextDouble()) * often * 4)) + 1;
  }

  private static StringBuilder field(StringBuilder line, String value) {
    if (value.indexOf(',') >= 0 || value.indexOf('"') >= 0) {
      return line.append('"').append(value.replace("\"", "\"\"")).append('"');
    }
    return line.append(value);
  }

  /** A small CSV reader for the two reference lists (quoted fields, no line breaks in them). */
  static List<String[]> readCsv(Path file) throws IOException {
    List<String[]> rows = new ArrayList<>();
    for (String text : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      List<String> cells = new ArrayList<>();
      StringBuilder cell = new StringBuilder();
      boolean quoted = false;
      for (int i = 0; i < text.length(); i++) {
        char ch = text.charAt(i);
        if (quoted) {
          if (ch == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
            cell.append('"');
            i++;
          } else if (ch == '"') {
            quoted = false;
          } else {
            cell.append(ch);
          }
        } else if (ch == '"') {
          quoted = true;
        } else if (ch == ',') {
          cells.add(cell.toString());
          cell.setLength(0);
        } else {
          cell.append(ch);
        }
      }
      cells.add(cell.toString());
      rows.add(cells.toArray(String[]::new));
    }
    return rows;
  }
}
