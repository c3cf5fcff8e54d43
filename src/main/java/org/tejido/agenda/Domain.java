package org.tejido.agenda;

import org.tejido.shared.LocalizedText;

/** A human-security domain; {@code un1994} marks the seven of the UNDP 1994 report. */
public record Domain(String key, LocalizedText name, boolean un1994) {}
