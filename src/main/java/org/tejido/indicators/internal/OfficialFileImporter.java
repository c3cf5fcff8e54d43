package org.tejido.indicators.internal;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.springframework.stereotype.Component;
import org.tejido.indicators.ImportRefused;
import org.tejido.indicators.ImportSummary;

/**
 * Recognises an official file from its first line and streams it into the database through {@link
 * IndicatorStore}. Crime files need no hint; a CONAPO wide table does not say which sex it counts,
 * so that comes from the caller or from the file name ("mujeres" or "total").
 */
@Component
public class OfficialFileImporter {

  private static final CSVFormat CSV = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(true).get();
  private final IndicatorStore store;

  OfficialFileImporter(IndicatorStore store) {
    this.store = store;
  }

  /**
   * @param name the file's name, for the sex of a CONAPO wide table when {@code sex} is null
   * @param sex {@code total}, {@code women} or null
   */
  public ImportSummary load(InputStream in, String name, String sex) throws Exception {
    TextDecoding.Decoded text = TextDecoding.open(in);
    try (CSVParser parser = CSV.parse(text.reader())) {
      Iterator<CSVRecord> records = parser.iterator();
      if (!records.hasNext()) {
        throw new ImportRefused("The file is empty.");
      }
      List<String> header = new ArrayList<>();
      records.next().forEach(header::add);
      List<String> keys = header.stream().map(Keys::of).toList();
      String encoding = text.charset().name();
      long[] read = {0};
      // CONAPO's long table has an AÑO column too: recognise it before holding a file to
      // SESNSP's columns.
      if (PopulationFiles.isConapoWide(keys)) {
        String chosen = sex != null ? sex : sexFromName(name);
        String kind = "CONAPO municipal projections (" + chosen + ")";
        long loaded =
            store.replacePopulation(
                population(kind, name),
                out -> PopulationFiles.conapoWide(header, records, chosen, out, read));
        return new ImportSummary(kind, encoding, Set.of(), read[0], loaded);
      }
      if (PopulationFiles.isConapoLong(keys)) {
        String kind = "CONAPO municipal projections (long table)";
        long loaded =
            store.replacePopulation(
                population(kind, name),
                out -> PopulationFiles.conapoLong(header, records, out, read));
        return new ImportSummary(kind, encoding, Set.of(), read[0], loaded);
      }
      if (SesnspFile.recognises(keys)) {
        SesnspFile file = new SesnspFile(header);
        Set<String> catalogues = SesnspFile.catalogues();
        long loaded =
            store.replaceCrimeCounts(
                new IndicatorStore.Recorded("crimes", file.kind(), name),
                out -> {
                  while (records.hasNext()) {
                    CSVRecord record = records.next();
                    read[0]++;
                    out.row(file.row(record, catalogues));
                  }
                });
        return new ImportSummary(file.kind(), encoding, catalogues, read[0], loaded);
      }
      if (PopulationFiles.isCensusTitle(keys)) {
        String kind = "INEGI Census 2020 population";
        long loaded =
            store.replacePopulation(
                population(kind, name), out -> PopulationFiles.census2020(records, out, read));
        return new ImportSummary(kind, encoding, Set.of(), read[0], loaded);
      }
      if (keys.equals(List.of("municipality", "neighbour"))) {
        String kind = "Neighbouring municipalities";
        long loaded =
            store.replaceNeighbours(
                new IndicatorStore.Recorded("neighbours", kind, name),
                out -> Adjacency.rows(records, out, read));
        return new ImportSummary(kind, encoding, Set.of(), read[0], loaded);
      }
      throw new ImportRefused(
          "Not a file Tejido can import (SESNSP crime figures, CONAPO projections, the INEGI"
              + " 2020 census or a municipality,neighbour list); its columns are: "
              + String.join(", ", header)
              + ".");
    }
  }

  private static IndicatorStore.Recorded population(String kind, String name) {
    return new IndicatorStore.Recorded("population", kind, name);
  }

  private static String sexFromName(String name) {
    String lower = name == null ? "" : name.toLowerCase(Locale.ROOT);
    if (lower.contains("mujer") || lower.contains("women")) {
      return "women";
    }
    if (lower.contains("total")) {
      return "total";
    }
    throw new ImportRefused(
        "A CONAPO table does not say which sex it counts: name it with --sex total or --sex women.");
  }
}
