/**
 * Identity: staff accounts, roles held per site, sign-in and the platform administrator. Other
 * modules ask {@link org.tejido.identity.Team} who the current person is and what they may do at a
 * site.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Identity and roles")
package org.tejido.identity;
