package org.tejido.analysis.qdpx;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * The entries of a {@code .qdpx} in memory, unpacked under {@link Limits} and refused whole on an
 * unsafe name. Nothing is ever written to disk, so a hostile name could do no harm here; it is
 * refused anyway because it marks the file as crafted, and whoever unpacks it next may trust it.
 */
final class Archive {

  private static final long RATIO_CHECKED_AFTER = 1024 * 1024;

  private final Map<String, byte[]> entries;
  private final Map<String, String> byLowerCase = new LinkedHashMap<>();

  private Archive(Map<String, byte[]> entries) {
    this.entries = entries;
    entries.keySet().forEach(name -> byLowerCase.putIfAbsent(name.toLowerCase(Locale.ROOT), name));
  }

  static Archive read(InputStream in, Limits limits) {
    CountingStream counted = new CountingStream(in);
    Map<String, byte[]> entries = new LinkedHashMap<>();
    long total = 0;
    try (ZipInputStream zip = new ZipInputStream(counted)) {
      ZipEntry entry;
      byte[] buffer = new byte[64 * 1024];
      while ((entry = zip.getNextEntry()) != null) {
        String name = entry.getName();
        checkName(name);
        if (entries.size() >= limits.maxEntries()) {
          throw new QdpxException(
              "qdpx.too-many-entries", "more than " + limits.maxEntries() + " entries");
        }
        var bytes = new java.io.ByteArrayOutputStream();
        int n;
        while ((n = zip.read(buffer)) > 0) {
          total += n;
          if (total > limits.maxTotalBytes()) {
            throw new QdpxException(
                "qdpx.too-large", "unpacks to more than " + limits.maxTotalBytes() + " bytes");
          }
          if (total > RATIO_CHECKED_AFTER
              && total > (long) limits.maxCompressionRatio() * Math.max(1, counted.count)) {
            throw new QdpxException(
                "qdpx.compression-ratio",
                "unpacks to more than " + limits.maxCompressionRatio() + " times its size");
          }
          if (!entry.isDirectory()) {
            bytes.write(buffer, 0, n);
          }
        }
        if (entry.isDirectory()) {
          continue;
        }
        if (entries.putIfAbsent(name, bytes.toByteArray()) != null) {
          throw new QdpxException("qdpx.duplicate-entry", "two entries named " + name);
        }
      }
    } catch (ZipException | EOFException e) {
      throw new QdpxException("qdpx.not-a-zip", "not a readable zip archive: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new QdpxException("qdpx.read-failed", "could not read the archive", e);
    } catch (IllegalArgumentException e) {
      // ZipInputStream reports a name that is not valid UTF-8 this way
      throw new QdpxException("qdpx.not-a-zip", "not a readable zip archive: " + e.getMessage(), e);
    }
    if (entries.isEmpty()) {
      throw new QdpxException("qdpx.not-a-zip", "not a zip archive, or an empty one");
    }
    return new Archive(entries);
  }

  private static void checkName(String name) {
    boolean unsafe =
        name.isEmpty()
            || name.startsWith("/")
            || name.indexOf('\\') >= 0
            || name.indexOf('\0') >= 0
            || name.matches("^[A-Za-z]:.*")
            || ("/" + name + "/").contains("/../")
            || ("/" + name + "/").contains("/./");
    if (unsafe) {
      throw new QdpxException(
          "qdpx.unsafe-entry-name", "entry name not allowed: " + printable(name));
    }
  }

  private static String printable(String name) {
    return name.replaceAll("\\p{Cntrl}", "?");
  }

  /** The entry of exactly this name, else of this name in another letter case, else null. */
  byte[] get(String name) {
    byte[] exact = entries.get(name);
    if (exact != null) {
      return exact;
    }
    String other = byLowerCase.get(name.toLowerCase(Locale.ROOT));
    return other == null ? null : entries.get(other);
  }

  private static final class CountingStream extends FilterInputStream {
    long count;

    CountingStream(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long skipped = super.skip(n);
      count += skipped;
      return skipped;
    }
  }
}
