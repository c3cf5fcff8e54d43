/**
 * The public site's shell: home page, site pages, national principles, the staff dashboard, the
 * sitemap, and what every page's layout needs (language switch, who is signed in).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Web shell")
package org.tejido.web;
