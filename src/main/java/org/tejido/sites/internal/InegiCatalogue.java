package org.tejido.sites.internal;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import org.tejido.sites.Municipality;

/**
 * INEGI's catalogue of municipalities (Marco Geoestadístico 2024, {@code inegi/README.md} says
 * where it comes from), read once at start-up. A site's municipality and state names come from
 * here, never from a form.
 */
@Component
public class InegiCatalogue {

  static final String RESOURCE = "inegi/marco-geoestadistico-2024-municipios.csv";

  /** The municipalities of one state, in the catalogue's order. */
  public record State(String code, String name, List<Municipality> municipalities) {}

  private final Map<String, Municipality> byCode;
  private final List<State> states;

  public InegiCatalogue() {
    Map<String, Municipality> codes = new LinkedHashMap<>();
    Map<String, List<Municipality>> grouped = new LinkedHashMap<>();
    Map<String, String> stateNames = new LinkedHashMap<>();
    try (Reader in =
        new InputStreamReader(
            new ClassPathResource(RESOURCE).getInputStream(), StandardCharsets.UTF_8)) {
      boolean header = false;
      for (CSVRecord row : CSVFormat.RFC4180.parse(in)) {
        if (!header) {
          // Three title lines, the last of them the column names.
          header = row.get(0).startsWith("Clave Geoestadística Estatal");
          continue;
        }
        if (row.size() < 4 || row.get(0).isBlank()) {
          continue;
        }
        String state = row.get(0).strip();
        String code = state + row.get(2).strip();
        if (!code.matches("\\d{5}")) {
          throw new IllegalStateException("Unexpected INEGI code in " + RESOURCE + ": " + code);
        }
        Municipality m = new Municipality(code, row.get(3).strip(), state, row.get(1).strip());
        codes.put(code, m);
        stateNames.putIfAbsent(state, m.stateName());
        grouped.computeIfAbsent(state, s -> new ArrayList<>()).add(m);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.byCode = Map.copyOf(codes);
    List<State> list = new ArrayList<>();
    grouped.forEach((code, ms) -> list.add(new State(code, stateNames.get(code), List.copyOf(ms))));
    this.states = List.copyOf(list);
  }

  public Optional<Municipality> find(String code) {
    return code == null ? Optional.empty() : Optional.ofNullable(byCode.get(code.strip()));
  }

  public List<State> states() {
    return states;
  }

  public int size() {
    return byCode.size();
  }
}
