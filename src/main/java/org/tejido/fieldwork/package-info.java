/** Fieldwork evidence: activities, participants, consent and sources. */
@org.springframework.modulith.ApplicationModule(displayName = "Fieldwork")
package org.tejido.fieldwork;
