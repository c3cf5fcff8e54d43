package org.tejido.crypto.internal;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.tejido.crypto.CryptoProperties;
import org.tejido.shared.PrivateFiles;

/**
 * The key-encryption key. Loaded once; it never leaves memory except into its own key file, and
 * changes only through {@link MasterKeyRotation}.
 */
@Component
public class MasterKey {

  private static final Logger log = LoggerFactory.getLogger(MasterKey.class);
  private final CryptoProperties properties;
  private volatile KeysetHandle handle;
  private volatile Aead aead;

  MasterKey(CryptoProperties properties) throws GeneralSecurityException, IOException {
    AeadConfig.register();
    this.properties = properties;
    KeysetHandle handle;
    if (properties.masterKey() != null && !properties.masterKey().isBlank()) {
      handle =
          TinkJsonProtoKeysetFormat.parseKeyset(
              properties.masterKey(), InsecureSecretKeyAccess.get());
    } else {
      handle = loadOrCreate(properties.masterKeyFile());
    }
    use(handle);
  }

  /** The master key's AEAD, for wrapping other keys within this module only. */
  public Aead aead() {
    return aead;
  }

  /** The master key's keyset, to tell which master key wrapped a key. */
  public KeysetHandle handle() {
    return handle;
  }

  boolean fromEnvironment() {
    return properties.masterKey() != null && !properties.masterKey().isBlank();
  }

  Path file() {
    return properties.masterKeyFile();
  }

  void use(KeysetHandle next) throws GeneralSecurityException {
    this.aead = next.getPrimitive(RegistryConfiguration.get(), Aead.class);
    this.handle = next;
  }

  /** Writes a keyset to the key file atomically, readable by its owner only. */
  static void write(Path file, KeysetHandle handle) throws GeneralSecurityException, IOException {
    PrivateFiles.directory(file.toAbsolutePath().getParent());
    String json = TinkJsonProtoKeysetFormat.serializeKeyset(handle, InsecureSecretKeyAccess.get());
    Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), "master", ".tmp");
    try {
      Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException ignored) {
      // Not a POSIX file system; the operator protects the directory instead.
    }
    Files.writeString(tmp, json, StandardCharsets.UTF_8);
    Files.move(
        tmp,
        file,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  private static KeysetHandle loadOrCreate(Path file) throws GeneralSecurityException, IOException {
    // The key directory is the owner's alone, also when an older version created it 0755.
    PrivateFiles.directory(file.toAbsolutePath().getParent());
    if (Files.exists(file)) {
      return TinkJsonProtoKeysetFormat.parseKeyset(
          Files.readString(file, StandardCharsets.UTF_8), InsecureSecretKeyAccess.get());
    }
    KeysetHandle handle = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
    write(file, handle);
    log.warn(
        "Generated a new master key in {}. Back it up apart from the database: without it, "
            + "encrypted data cannot be read.",
        file.toAbsolutePath());
    return handle;
  }
}
