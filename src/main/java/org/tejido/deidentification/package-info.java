/**
 * De-identification of testimony: proposes replacements for the names, aliases, places, streets,
 * neighbourhoods, officials and organisations of a site's gazetteer, for phone numbers, e-mail
 * addresses, vehicle plates and CURPs, and for the names and places nobody listed (a Spanish name
 * recogniser trained on MEDDOCAN, and rules for Mexican speech), each with a confidence; a person
 * reviews the proposals, and the accepted ones are applied. {@link
 * org.tejido.deidentification.DeidentifyCommand} runs it on text files from the command line.
 * Matching ignores case and accents, takes whole words only and keeps exact offsets into the
 * original text. Pure Java, no state: build a {@link org.tejido.deidentification.Deidentifier} once
 * per gazetteer and reuse it for many texts; {@link org.tejido.deidentification.Pseudonyms} numbers
 * new tokens.
 */
@org.springframework.modulith.ApplicationModule(displayName = "De-identification")
package org.tejido.deidentification;
