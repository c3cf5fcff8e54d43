package org.tejido.agenda;

import java.util.List;
import java.util.UUID;

/** A principle's or a requirement's texts; {@code threads} only for a requirement. */
public record NationalStatementInput(
    NationalStatement.Kind kind, String textEs, String textEn, List<UUID> threads) {

  public static final int TEXT_MAX = 2000;

  public NationalStatementInput {
    threads = threads == null ? List.of() : List.copyOf(threads);
  }
}
