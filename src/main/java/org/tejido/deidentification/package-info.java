/**
 * De-identification of testimony: proposes replacements for the names, aliases, places, streets,
 * neighbourhoods, officials and organisations of a site's gazetteer, and for phone numbers, e-mail
 * addresses, vehicle plates and CURPs; a person reviews the proposals, and the accepted ones are
 * applied. Matching ignores case and accents, takes whole words only and keeps exact offsets into
 * the original text. Pure Java, no state: build a {@link org.tejido.deidentification.Deidentifier}
 * once per gazetteer and reuse it for many texts; {@link org.tejido.deidentification.Pseudonyms}
 * numbers new tokens.
 */
@org.springframework.modulith.ApplicationModule(displayName = "De-identification")
package org.tejido.deidentification;
