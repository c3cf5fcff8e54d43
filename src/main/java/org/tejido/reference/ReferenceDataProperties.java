package org.tejido.reference;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Whether an empty database receives the reference data (the 2016–2018 sites and agendas). Off for
 * an installation that starts with only its own sites.
 */
@ConfigurationProperties("tejido.reference-data")
record ReferenceDataProperties(@DefaultValue("true") boolean enabled) {}
