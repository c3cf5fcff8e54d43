package org.tejido.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;

/** Spanish first, English too: every key in both bundles, every template key in them. */
class MessageBundlesTest {

  private static Properties load(String name) throws IOException {
    Properties p = new Properties();
    try (Reader r =
        new InputStreamReader(
            new ClassPathResource("i18n/" + name).getInputStream(), StandardCharsets.UTF_8)) {
      p.load(r);
    }
    return p;
  }

  @Test
  void bothBundlesHaveExactlyTheSameKeys() throws IOException {
    Set<String> es = new TreeSet<>(load("messages_es.properties").stringPropertyNames());
    Set<String> en = new TreeSet<>(load("messages_en.properties").stringPropertyNames());
    Set<String> missingInEnglish = new TreeSet<>(es);
    missingInEnglish.removeAll(en);
    Set<String> missingInSpanish = new TreeSet<>(en);
    missingInSpanish.removeAll(es);
    assertThat(missingInEnglish).as("keys missing in messages_en").isEmpty();
    assertThat(missingInSpanish).as("keys missing in messages_es").isEmpty();
  }

  @Test
  void noMessageIsEmpty() throws IOException {
    for (String bundle : new String[] {"messages_es.properties", "messages_en.properties"}) {
      Properties p = load(bundle);
      for (String key : p.stringPropertyNames()) {
        assertThat(p.getProperty(key)).as(bundle + " " + key).isNotBlank();
      }
    }
  }

  @Test
  void everyLiteralKeyInTheTemplatesExists() throws IOException {
    Properties es = load("messages_es.properties");
    Pattern literal = Pattern.compile("#\\{([a-z][a-z0-9._-]+)");
    Set<String> missing = new TreeSet<>();
    try (Stream<Path> files = Files.walk(Path.of("src/main/resources/templates"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".html")).toList()) {
        Matcher m = literal.matcher(Files.readString(file));
        while (m.find()) {
          if (!es.containsKey(m.group(1))) {
            missing.add(file.getFileName() + ": " + m.group(1));
          }
        }
      }
    }
    assertThat(missing).isEmpty();
  }

  @Test
  void everyErrorCodeThrownInTheCodeHasAMessage() throws IOException {
    Properties es = load("messages_es.properties");
    Pattern thrown =
        Pattern.compile(
            "new (?:NotFound|BadRequest|Forbidden|Conflict)\\(\\s*\"([a-z][a-z0-9.-]+)\"");
    Set<String> missing = new TreeSet<>();
    try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        Matcher m = thrown.matcher(Files.readString(file));
        while (m.find()) {
          if (!es.containsKey("error." + m.group(1))) {
            missing.add(file.getFileName() + ": error." + m.group(1));
          }
        }
      }
    }
    assertThat(missing).isEmpty();
  }
}
