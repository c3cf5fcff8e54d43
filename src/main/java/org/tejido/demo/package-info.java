/**
 * Demo data: the four real sites and the three Local Human Security Agendas published in 2018,
 * loaded once into an empty database so that a new installation has something true to show.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Demo data")
package org.tejido.demo;
