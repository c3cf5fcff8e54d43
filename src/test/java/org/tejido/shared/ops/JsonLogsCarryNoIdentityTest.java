package org.tejido.shared.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.util.FileSystemUtils;
import org.tejido.TejidoApplication;
import org.tejido.fieldwork.Identity;
import org.tejido.fieldwork.NewParticipant;
import org.tejido.fieldwork.NewSource;
import org.tejido.fieldwork.Participant;
import org.tejido.fieldwork.Participants;
import org.tejido.fieldwork.Sources;
import org.tejido.identity.SiteRole;
import org.tejido.identity.UserAccounts;
import org.tejido.identity.UserId;
import org.tejido.shared.LocalizedText;
import org.tejido.sites.NewSite;
import org.tejido.sites.Site;
import org.tejido.sites.SiteStatus;
import org.tejido.sites.Sites;
import org.tejido.vault.Vaults;

/**
 * With {@code TEJIDO_LOG_FORMAT=json} every console line is a JSON object, and a team's ordinary
 * work — a vault created and unlocked, a participant registered with a name and a contact, a source
 * with testimony stored and read back — leaves none of those words in the log, nor the passphrase
 * or the recovery key. Debug logging is on for Tejido's own code, so a careless log statement
 * anywhere on that path shows up here.
 */
@ExtendWith(OutputCaptureExtension.class)
class JsonLogsCarryNoIdentityTest {

  private static final String NAME = "Zenaida Quiroz Betancourt";
  private static final String ALIAS = "la Zopilota";
  private static final String CONTACT = "zenaida.quiroz@correo.example";
  private static final String TESTIMONY =
      "Los del taller mecánico de la esquina cobran la cuota cada viernes";
  private static final String PASSPHRASE = "una frase de paso para la bóveda de prueba";

  private final Path dataDir = Path.of("target", "json-logs-" + UUID.randomUUID()).toAbsolutePath();

  @AfterEach
  void clean() throws Exception {
    SecurityContextHolder.clearContext();
    FileSystemUtils.deleteRecursively(dataDir);
  }

  @Test
  void aTeamsWorkLeavesNoIdentityTestimonyOrKeyInTheJsonLog(CapturedOutput output)
      throws Exception {
    // Logback is configured once per JVM while any application context is open; the suite's
    // shared context may be. Forget that configuration so that this start configures it (as JSON),
    // as a fresh JVM would. Contexts started afterwards configure it again as they are told.
    LoggingSystem.get(getClass().getClassLoader()).cleanUp();
    String recoveryKey;
    try (ConfigurableApplicationContext app =
        new SpringApplicationBuilder(TejidoApplication.class)
            .run(
                "--TEJIDO_LOG_FORMAT=json",
                "--TEJIDO_DATA_DIR=" + dataDir,
                "--server.port=0",
                "--management.server.port=0",
                "--tejido.db.url=",
                "--tejido.crypto.master-key=",
                "--tejido.db.embedded.fsync=false",
                "--logging.level.org.tejido=DEBUG")) {
      Sites sites = app.getBean(Sites.class);
      UserAccounts accounts = app.getBean(UserAccounts.class);
      Site site =
          sites.register(
              new NewSite(
                  "bitacora",
                  "Apatzingán",
                  "Michoacán",
                  "16006",
                  "Colonia de la bitácora",
                  SiteStatus.ACTIVE,
                  null,
                  new LocalizedText(null, null)));
      UserId coordinator =
          accounts.create("coordina-logs", "Coordinadora", "una contraseña bastante larga", false);
      accounts.assign(coordinator, site.id(), SiteRole.COORDINATOR);
      UserDetails details =
          app.getBean(UserDetailsService.class).loadUserByUsername("coordina-logs");
      SecurityContextHolder.getContext()
          .setAuthentication(
              new UsernamePasswordAuthenticationToken(details, null, details.getAuthorities()));

      Vaults vaults = app.getBean(Vaults.class);
      recoveryKey = vaults.create(site, PASSPHRASE);
      vaults.lock(site);
      assertThatThrownBy(() -> vaults.unlock(site, "not the passphrase at all"))
          .hasMessageNotContaining(PASSPHRASE);
      vaults.unlock(site, PASSPHRASE);

      Participants participants = app.getBean(Participants.class);
      Participant person =
          participants.register(
              site,
              new NewParticipant(
                  "women",
                  "woman",
                  "30_44",
                  "not_stated",
                  "Centro",
                  new Identity(NAME, ALIAS, CONTACT)));
      Sources sources = app.getBean(Sources.class);
      UUID source =
          sources.add(
              site,
              new NewSource(
                  null,
                  "transcript",
                  "Entrevista de prueba",
                  "Facilitadora: ¿Qué pasa en la colonia?\n"
                      + person.code()
                      + ": "
                      + TESTIMONY
                      + ". Me llamo "
                      + NAME
                      + ", escríbanme a "
                      + CONTACT
                      + ".",
                  "typed"));
      assertThat(participants.identity(site, person.id()).orElseThrow().name()).isEqualTo(NAME);
      assertThat(sources.raw(site, source))
          .anySatisfy(turn -> assertThat(turn.text()).contains(TESTIMONY));
      vaults.lock(site);
      vaults.unlockWithRecoveryKey(site, recoveryKey);
    }

    List<String> lines = output.getAll().lines().filter(l -> !l.isBlank()).toList();
    assertThat(lines).as("the application logged while it worked").hasSizeGreaterThan(5);
    assertThat(lines)
        .filteredOn(l -> l.contains("org.tejido"))
        .as("Tejido's own lines are there, as JSON")
        .isNotEmpty()
        .allSatisfy(l -> assertThat(l).startsWith("{").endsWith("}").contains("\"@timestamp\""));
    String all = output.getAll();
    String compactKey = recoveryKey.replace("-", "");
    for (String secret :
        List.of(
            NAME,
            "Zenaida",
            "Quiroz",
            ALIAS,
            CONTACT,
            TESTIMONY,
            "cobran la cuota",
            PASSPHRASE,
            recoveryKey,
            compactKey,
            recoveryKey.substring(0, 14))) {
      assertThat(all).as("the log holds no trace of %s", secret).doesNotContain(secret);
    }
  }
}
