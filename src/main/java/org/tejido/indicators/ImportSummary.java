package org.tejido.indicators;

import java.util.Set;

/**
 * What an import did: the kind of file it recognised, the encoding it read it in, the catalogues of
 * its rows (crime files only), the data rows read and the rows loaded into the database.
 */
public record ImportSummary(
    String kind, String encoding, Set<String> catalogues, long rowsRead, long rowsLoaded) {}
