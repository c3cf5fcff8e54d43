package org.tejido;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;

/**
 * The application context of {@code tejido indicators ...}: the database (external or embedded,
 * migrated as the server would) and the indicators module, nothing else. An import of a full
 * municipal history takes seconds; starting every module of the server for it (its schedulers, its
 * templates, its warm-ups) took about as long again, and a command has no business starting
 * schedulers that could run the server's jobs.
 *
 * <p>Deliberately not a {@code @Configuration}: the server's own component scan must not pick it
 * up. Given to the application builder as its source, its annotations are read all the same.
 */
@ImportAutoConfiguration({
  PropertyPlaceholderAutoConfiguration.class,
  ConfigurationPropertiesAutoConfiguration.class,
  FlywayAutoConfiguration.class,
  JdbcTemplateAutoConfiguration.class,
  JdbcClientAutoConfiguration.class,
  DataSourceTransactionManagerAutoConfiguration.class
})
@ComponentScan(
    basePackages = {"org.tejido.shared.db", "org.tejido.shared.cli", "org.tejido.indicators"},
    excludeFilters =
        @ComponentScan.Filter(
            type = FilterType.REGEX,
            pattern = "org\\.tejido\\.indicators\\.internal\\.web\\..*"))
@ConfigurationPropertiesScan({"org.tejido.shared.db", "org.tejido.indicators"})
class IndicatorsCommandContext {

  /** The command word this context serves. */
  static final String NAME = "indicators";
}
