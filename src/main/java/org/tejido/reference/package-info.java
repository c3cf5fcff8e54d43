/**
 * Reference data: the four real sites and the three Local Human Security Agendas published in 2018,
 * with the principles of the National Agenda, loaded once into an empty database so that a new
 * installation starts with something true to show. Entry point: {@code ReferenceDataLoader}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Reference data")
package org.tejido.reference;
