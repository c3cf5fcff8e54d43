package org.tejido.shared.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.ReloadableResourceBundleMessageSource;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.support.RequestContextUtils;
import org.tejido.shared.BadRequest;
import org.tejido.shared.LocalizedText;

/**
 * Spanish by default; the browser's Accept-Language on a first visit; {@code ?lang=es|en} switches
 * and is remembered in a cookie. An unsupported {@code lang} is a clear 400, not a silent fallback.
 */
@Configuration(proxyBeanMethods = false)
class LocaleConfiguration implements WebMvcConfigurer {

  static final String COOKIE = "tejido-lang";

  @Bean
  MessageSource messageSource() {
    ReloadableResourceBundleMessageSource source = new ReloadableResourceBundleMessageSource();
    source.setBasename("classpath:i18n/messages");
    source.setDefaultEncoding("UTF-8");
    source.setFallbackToSystemLocale(false);
    source.setDefaultLocale(LocalizedText.SPANISH);
    source.setCacheSeconds(-1);
    return source;
  }

  @Bean
  LocaleResolver localeResolver() {
    CookieLocaleResolver resolver = new CookieLocaleResolver(COOKIE);
    resolver.setCookieMaxAge(Duration.ofDays(365));
    resolver.setCookieSameSite("Lax");
    resolver.setDefaultLocaleFunction(Languages::forFirstVisit);
    return resolver;
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(new LangParameterInterceptor());
  }

  static final class LangParameterInterceptor implements HandlerInterceptor {
    @Override
    public boolean preHandle(
        HttpServletRequest request, HttpServletResponse response, Object handler) {
      String lang = request.getParameter("lang");
      // Public reads settled their language (and rejected a bad one) in PublicReadsFilter, and
      // must not set the page cookie, even on the error page they forward to.
      if (lang == null || PublicReads.isPublicRead(request)) {
        return true;
      }
      Locale locale = Languages.parse(lang).orElseThrow(() -> new BadRequest("lang.invalid", lang));
      LocaleResolver resolver = RequestContextUtils.getLocaleResolver(request);
      if (resolver != null && !request.getRequestURI().startsWith("/api/")) {
        resolver.setLocale(request, response, locale);
      }
      return true;
    }
  }
}
