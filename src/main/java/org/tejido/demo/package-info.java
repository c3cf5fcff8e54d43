/**
 * The demonstration: with {@code --demo} (or {@code TEJIDO_DEMO=true}) a visibly fictional site
 * with made-up fieldwork and its own vault, for trying Tejido without real people's data. It never
 * touches the real sites. Entry point: {@code DemoSite}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Demo site")
package org.tejido.demo;
