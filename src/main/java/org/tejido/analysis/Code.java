package org.tejido.analysis;

import java.util.UUID;
import org.tejido.shared.LocalizedText;

/**
 * A code of a site's codebook.
 *
 * @param parentId the folder or code it sits under; null at the top of the tree
 * @param colour {@code #rrggbb}, lower case
 * @param codable false for a folder: it groups codes and is never applied to text itself
 * @param position its order among its siblings
 */
public record Code(
    UUID id,
    UUID parentId,
    LocalizedText name,
    String description,
    String colour,
    boolean codable,
    int position) {}
