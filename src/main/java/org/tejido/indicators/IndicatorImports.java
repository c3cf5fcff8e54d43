package org.tejido.indicators;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.stereotype.Service;
import org.tejido.indicators.internal.OfficialFileImporter;

/**
 * Loads official files: SESNSP crime figures (state or municipal, crimes or victims, either
 * catalogue) and population denominators (CONAPO projections, INEGI Census 2020). Each load is one
 * transaction that replaces the series the file holds; a file that fails part-way changes nothing.
 */
@Service
public class IndicatorImports {

  private final OfficialFileImporter importer;

  IndicatorImports(OfficialFileImporter importer) {
    this.importer = importer;
  }

  /**
   * @param sex for a CONAPO wide table, {@code total} or {@code women}; null to read it from the
   *     file's name
   * @throws ImportRefused with a message to show as it is
   */
  public ImportSummary load(Path file, String sex) throws Exception {
    try (InputStream in = Files.newInputStream(file)) {
      return importer.load(in, file.getFileName().toString(), sex);
    }
  }

  /** As {@link #load(Path, String)}, from a stream (the caller closes it). */
  public ImportSummary load(InputStream in, String name, String sex) throws Exception {
    return importer.load(in, name, sex);
  }
}
