package org.tejido.vault.internal;

import com.google.crypto.tink.HybridDecrypt;
import com.google.crypto.tink.HybridEncrypt;
import com.google.crypto.tink.KeysetHandle;
import java.security.Provider;
import java.security.Security;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The vault's two costly operations, each with the native implementation Tejido uses where it loads
 * and with the Java one it falls back to (decision 0004): sealing a 32-byte data key with HPKE
 * (X25519; Conscrypt or Tink's Java curve), opening it, and deriving a wrapping key from a
 * passphrase with Argon2id at the vault's default cost (19 MiB, 2 passes, 1 lane; libargon2 or
 * Bouncy Castle).
 *
 * <p>Run with {@code bench/jmh.sh VaultCryptoBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class VaultCryptoBenchmark {

  private static final VaultCrypto.KdfParams VAULT_DEFAULT =
      new VaultCrypto.KdfParams(19_456, 2, 1);
  private static final byte[] CONTEXT = VaultCrypto.utf8("source_key:benchmark");
  private static final String PASSPHRASE = "la frase larga de la coordinadora";

  private final byte[] dataKey = VaultCrypto.randomBytes(32);
  private final byte[] salt = VaultCrypto.randomBytes(16);
  private HybridEncrypt nativeSealer;
  private HybridEncrypt javaSealer;
  private HybridDecrypt nativeOpener;
  private HybridDecrypt javaOpener;
  private byte[] sealed;

  @Setup
  public void keys() throws Exception {
    KeysetHandle keys = VaultCrypto.newKeyPair();
    byte[] publicKeyset = VaultCrypto.publicKeyset(keys);
    if (!VaultCrypto.nativeX25519() || !VaultCrypto.nativeArgon2()) {
      throw new IllegalStateException("the native libraries did not load on this machine");
    }
    // Tink picks its X25519 when a primitive is made: without the provider, its Java curve.
    Provider conscrypt = Security.getProvider("Conscrypt");
    Security.removeProvider("Conscrypt");
    try {
      javaSealer = VaultCrypto.newEncrypter(publicKeyset);
      javaOpener = VaultCrypto.decrypter(keys);
    } finally {
      Security.addProvider(conscrypt);
    }
    nativeSealer = VaultCrypto.newEncrypter(publicKeyset);
    nativeOpener = VaultCrypto.decrypter(keys);
    sealed = nativeSealer.encrypt(dataKey, CONTEXT);
  }

  @Benchmark
  public byte[] sealNative() throws Exception {
    return nativeSealer.encrypt(dataKey, CONTEXT);
  }

  @Benchmark
  public byte[] sealJava() throws Exception {
    return javaSealer.encrypt(dataKey, CONTEXT);
  }

  @Benchmark
  public byte[] openNative() throws Exception {
    return nativeOpener.decrypt(sealed, CONTEXT);
  }

  @Benchmark
  public byte[] openJava() throws Exception {
    return javaOpener.decrypt(sealed, CONTEXT);
  }

  @Benchmark
  public byte[] argon2Native() {
    return VaultCrypto.deriveKey(PASSPHRASE, salt, VAULT_DEFAULT);
  }

  @Benchmark
  public byte[] argon2BouncyCastle() {
    return VaultCrypto.javaArgon2(VaultCrypto.utf8(PASSPHRASE), salt, VAULT_DEFAULT);
  }
}
