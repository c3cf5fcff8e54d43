package org.tejido.crypto.internal;

import java.util.concurrent.Callable;
import org.springframework.stereotype.Component;
import org.tejido.shared.cli.AdminCommand;
import picocli.CommandLine.Command;

/** {@code tejido keys rotate-master}. */
@Component
@Command(
    name = "keys",
    mixinStandardHelpOptions = true,
    description = "Manage encryption keys.",
    subcommands = {KeysCommand.RotateMaster.class})
class KeysCommand implements AdminCommand {

  private final MasterKeyRotation rotation;

  KeysCommand(MasterKeyRotation rotation) {
    this.rotation = rotation;
  }

  @Command(
      name = "rotate-master",
      mixinStandardHelpOptions = true,
      description =
          "Replace the master key in the key file and re-wrap every site's data key with it."
              + " Back up the new key file afterwards; the old one no longer opens anything.")
  static final class RotateMaster implements Callable<Integer> {
    @picocli.CommandLine.ParentCommand KeysCommand parent;

    @Override
    public Integer call() throws Exception {
      try {
        MasterKeyRotation.Rotated done = parent.rotation.rotate();
        System.out.printf(
            "Master key rotated: %d site key sets re-wrapped under key %d.%n"
                + "Back up the key file now, apart from the database.%n",
            done.siteKeys(), done.newKeyId());
        return 0;
      } catch (IllegalStateException e) {
        System.err.println(e.getMessage());
        return 1;
      }
    }
  }
}
