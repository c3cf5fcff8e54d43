/**
 * The shared kernel: typed errors, bilingual text, the database and locale plumbing every module
 * relies on. Open to all modules; it depends on none of them.
 */
@org.springframework.modulith.ApplicationModule(
    displayName = "Shared kernel",
    type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package org.tejido.shared;
