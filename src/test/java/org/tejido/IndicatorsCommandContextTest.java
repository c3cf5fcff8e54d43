package org.tejido;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.tejido.indicators.IndicatorImports;
import org.tejido.shared.cli.AdminCommand;
import org.tejido.shared.cli.CommandLineEntry;
import org.tejido.support.TejidoTest;

/**
 * {@code tejido indicators ...} runs in a context of its own: the database and the indicators
 * module, against the same database the server uses, and none of the server's other modules.
 */
@TejidoTest
class IndicatorsCommandContextTest {

  @Autowired DataSource dataSource;
  @Autowired IndicatorImports imports;

  @Test
  void theIndicatorsCommandsStartOnlyTheDatabaseAndTheirModule() throws Exception {
    imports.load(Path.of("src/test/resources/indicators/sesnsp_estatal_excerpt.csv"), null);
    HikariDataSource pool = dataSource.unwrap(HikariDataSource.class);
    String[] args = {
      "indicators", "query", "--state", "16", "--subtype", "homicidio DOLOSO", "--year", "2021"
    };
    try (ConfigurableApplicationContext context =
        TejidoApplication.commandApplication(args)
            .run(
                "--tejido.db.url=" + pool.getJdbcUrl(),
                "--tejido.db.user=" + pool.getUsername(),
                "--tejido.db.password=" + pool.getPassword(),
                "--tejido.data-dir=target/test-data/cli-" + UUID.randomUUID())) {
      assertThat(context.getBeansOfType(AdminCommand.class)).hasSize(1);
      assertThat(Arrays.stream(context.getBeanDefinitionNames()))
          .as("nothing of the server's other modules, nor their schedulers")
          .noneMatch(name -> name.toLowerCase().contains("scheduler"))
          .noneMatch(name -> name.toLowerCase().contains("observatory"))
          .noneMatch(name -> name.toLowerCase().contains("vault"));

      PrintStream original = System.out;
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      int exit;
      try {
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        exit = context.getBean(CommandLineEntry.class).execute(args);
      } finally {
        System.setOut(original);
      }
      assertThat(exit).isZero();
      assertThat(out.toString(StandardCharsets.UTF_8))
          .contains("Homicidio doloso")
          .containsPattern("count: \\d+ crimes");
    }
  }
}
