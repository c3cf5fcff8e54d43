package org.tejido.backup.internal;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;

/**
 * The decrypted contents of a backup, in order: a header, then one section per table (its name,
 * columns, COPY's binary output in {@link Frames}, its row count) or one {@code pg_dump} archive,
 * then the schema's sequences, then an end mark with the totals. Reading stops with an error at
 * anything else, so a file that is not a whole backup is never taken for one.
 */
final class Contents {

  static final String MAGIC = "tejido-backup-contents/1";
  static final String COPY = "copy";
  static final String PG_DUMP = "pg_dump";

  static final byte TABLE = 'T';
  static final byte ARCHIVE = 'P';
  static final byte SEQUENCE = 'S';
  static final byte END = 'E';

  private Contents() {}

  /** What a backup says about itself before its data. */
  record Header(String method, String schemaVersion, String createdAt, int serverMajor) {

    void write(DataOutputStream out) throws IOException {
      out.writeUTF(MAGIC);
      out.writeUTF(method);
      out.writeUTF(schemaVersion);
      out.writeUTF(createdAt);
      out.writeInt(serverMajor);
    }

    static Header read(DataInputStream in) throws IOException {
      String magic = in.readUTF();
      if (!MAGIC.equals(magic)) {
        throw new Malformed("unknown contents " + magic);
      }
      Header header = new Header(in.readUTF(), in.readUTF(), in.readUTF(), in.readInt());
      if (!COPY.equals(header.method()) && !PG_DUMP.equals(header.method())) {
        throw new Malformed("unknown method " + header.method());
      }
      return header;
    }
  }

  /** One table as it is in the backup. */
  record Table(String name, List<String> columns, long rows) {}

  /** The totals at the end: a check that every table was read. */
  record End(int tables, long rows) {}

  /** The contents are not what a backup writes, although they were decrypted intact. */
  static final class Malformed extends IOException {
    Malformed(String why) {
      super("The backup's contents are not readable by this version of Tejido: " + why + ".");
    }
  }
}
