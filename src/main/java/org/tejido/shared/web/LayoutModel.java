package org.tejido.shared.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import java.util.Map;

/**
 * Contributes what every page's layout needs (who is signed in, the language switch). Pages
 * rendered by controllers and error pages both ask it, so an error never looks signed out.
 */
public interface LayoutModel {

  void contribute(HttpServletRequest request, Locale locale, Map<String, Object> model);
}
