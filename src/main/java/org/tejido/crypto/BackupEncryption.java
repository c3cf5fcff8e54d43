package org.tejido.crypto;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.StreamingAead;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.proto.EncryptedKeyset;
import com.google.crypto.tink.streamingaead.PredefinedStreamingAeadParameters;
import com.google.crypto.tink.streamingaead.StreamingAeadConfig;
import com.google.protobuf.ExtensionRegistryLite;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import org.springframework.stereotype.Service;
import org.tejido.crypto.internal.MasterKey;

/**
 * Encrypts backup files so that they can be read only with the master key, which is never inside
 * them. Each file gets a fresh streaming key set (Tink {@code AES256_GCM_HKDF_1MB}: authenticated
 * segments of 1 MB, so a file of any size is encrypted and checked while streaming); that key set,
 * wrapped by the master key, travels in the file's header, and the whole header is authenticated
 * with the contents.
 *
 * <p>A file is: {@code TEJIDO-BACKUP\n}, a format byte, the length and bytes of the wrapped key
 * set, then the streaming ciphertext. A file that was cut short, had a byte changed anywhere, or
 * had its header swapped with another backup's fails to read with {@link Damaged}.
 */
@Service
public class BackupEncryption {

  private static final byte[] MAGIC = "TEJIDO-BACKUP\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte FORMAT = 1;
  private static final byte[] KEYSET_CONTEXT =
      "tejido backup key set, format 1".getBytes(StandardCharsets.US_ASCII);
  private static final int MAX_WRAPPED = 64 * 1024;

  private final MasterKey master;

  BackupEncryption(MasterKey master) throws GeneralSecurityException {
    StreamingAeadConfig.register();
    this.master = master;
  }

  /**
   * Writes the header to {@code file} and returns a stream that encrypts what is written to it.
   * Closing the returned stream writes the last segment and closes {@code file}: a backup is
   * complete only once it is closed.
   */
  public OutputStream encrypting(OutputStream file) throws IOException {
    try {
      KeysetHandle keys =
          KeysetHandle.generateNew(PredefinedStreamingAeadParameters.AES256_GCM_HKDF_1MB);
      byte[] wrapped =
          TinkProtoKeysetFormat.serializeEncryptedKeyset(keys, master.aead(), KEYSET_CONTEXT);
      byte[] header = header(wrapped);
      file.write(header);
      return keys.getPrimitive(RegistryConfiguration.get(), StreamingAead.class)
          .newEncryptingStream(file, header);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Could not set up the backup's encryption", e);
    }
  }

  /**
   * Reads the header of {@code file} and returns a stream of the decrypted contents. Every segment
   * is authenticated as it is read, and the end of the file only when it is read to the end: the
   * caller must read until {@code -1} before trusting anything it read.
   *
   * @throws NotABackup when the file does not start as a Tejido backup does
   * @throws WrongMasterKey when its key set was wrapped by a master key this instance does not have
   * @throws Damaged when it cannot be read back exactly as written (also thrown while reading)
   */
  public InputStream decrypting(InputStream file) throws IOException {
    DataInputStream in = new DataInputStream(file);
    byte[] magic = new byte[MAGIC.length];
    int format;
    byte[] wrapped;
    try {
      in.readFully(magic);
      if (!Arrays.equals(magic, MAGIC)) {
        throw new NotABackup("it does not start as a Tejido backup does");
      }
      format = in.readUnsignedByte();
      if (format != FORMAT) {
        throw new NotABackup("its format (" + format + ") is not one this version of Tejido reads");
      }
      int length = in.readInt();
      if (length <= 0 || length > MAX_WRAPPED) {
        throw new Damaged("its header is damaged", null);
      }
      wrapped = new byte[length];
      in.readFully(wrapped);
    } catch (EOFException e) {
      throw new NotABackup("it is too short to be a Tejido backup");
    }
    KeysetHandle keys;
    try {
      keys = TinkProtoKeysetFormat.parseEncryptedKeyset(wrapped, master.aead(), KEYSET_CONTEXT);
    } catch (GeneralSecurityException e) {
      if (!wrappedByThisMasterKey(wrapped)) {
        throw new WrongMasterKey();
      }
      throw new Damaged("its key could not be opened although the master key is the right one", e);
    }
    try {
      InputStream plain =
          keys.getPrimitive(RegistryConfiguration.get(), StreamingAead.class)
              .newDecryptingStream(file, header(wrapped));
      return new FilterInputStream(plain) {
        @Override
        public int read() throws IOException {
          try {
            return super.read();
          } catch (Damaged e) {
            throw e;
          } catch (IOException e) {
            throw new Damaged("it was cut short or altered", e);
          }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
          try {
            return super.read(b, off, len);
          } catch (Damaged e) {
            throw e;
          } catch (IOException e) {
            throw new Damaged("it was cut short or altered", e);
          }
        }
      };
    } catch (GeneralSecurityException e) {
      throw new Damaged("its key is not a backup key", e);
    }
  }

  /** Whether the master key that wrapped this key set is one of ours (by Tink's key id prefix). */
  private boolean wrappedByThisMasterKey(byte[] wrapped) {
    try {
      byte[] ciphertext =
          EncryptedKeyset.parseFrom(wrapped, ExtensionRegistryLite.getEmptyRegistry())
              .getEncryptedKeyset()
              .toByteArray();
      if (ciphertext.length < 5 || ciphertext[0] != 1) {
        return false;
      }
      int id = ByteBuffer.wrap(ciphertext, 1, 4).getInt();
      KeysetHandle ours = master.handle();
      for (int i = 0; i < ours.size(); i++) {
        if (ours.getAt(i).getId() == id) {
          return true;
        }
      }
      return false;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private static byte[] header(byte[] wrapped) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.write(MAGIC);
    out.writeByte(FORMAT);
    out.writeInt(wrapped.length);
    out.write(wrapped);
    out.flush();
    return bytes.toByteArray();
  }

  /** The file is not a Tejido backup (or one of a format this version does not know). */
  public static final class NotABackup extends IOException {
    NotABackup(String why) {
      super("This file is not a Tejido backup: " + why + ".");
    }
  }

  /** The backup was encrypted under another master key (another instance, or before a rotation). */
  public static final class WrongMasterKey extends IOException {
    WrongMasterKey() {
      super(
          "This backup was made with another master key (or its header is damaged). Restore it"
              + " with the master key that was in use when it was made (TEJIDO_CRYPTO_MASTER_KEY"
              + " or the key file).");
    }
  }

  /** The backup cannot be read back exactly as it was written. */
  public static final class Damaged extends IOException {
    Damaged(String why, Throwable cause) {
      super("This backup is damaged and cannot be trusted: " + why + ".", cause);
    }
  }
}
