package org.tejido.agenda;

import org.tejido.shared.LocalizedText;

/** Whom a proposal asks to act: the authorities, civil-society organisations or the community. */
public record Addressee(String key, LocalizedText name) {}
