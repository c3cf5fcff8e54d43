package org.tejido.analysis;

import java.util.UUID;

/** What a person types to add or change a code; checked by {@link Codebook}. */
public record CodeInput(
    String nameEs,
    String nameEn,
    String description,
    String colour,
    boolean codable,
    UUID parentId) {}
