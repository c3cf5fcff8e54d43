package org.tejido.bench;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.tejido.analysis.qdpx.Limits;
import org.tejido.analysis.qdpx.QdpxProject;
import org.tejido.analysis.qdpx.QdpxReader;

/**
 * Reading a generated {@code .qdpx} with many codings, for the target in docs/benchmarks.md
 * (100,000 codings in ≤ 20 s). The file is written the way NVivo for Windows writes one (byte order
 * mark, CRLF, emoji, positions in UTF-16 units), so the convention detection runs in full. Plain
 * Java, no application context: {@code java -cp target/classes:target/test-classes
 * org.tejido.bench.QdpxImportBenchmark [codings] [runs]}.
 */
public final class QdpxImportBenchmark {

  private static final String[] WORDS = {
    "la",
    "colonia",
    "calle",
    "patrulla",
    "miedo",
    "escuela",
    "vecinas",
    "comité",
    "noche",
    "🚓",
    "agua",
    "luz",
    "extorsión",
    "mercado",
    "😟",
    "jóvenes"
  };

  private QdpxImportBenchmark() {}

  public static void main(String[] args) throws IOException {
    int codings = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    int perSource = 100;
    int sources = Math.max(1, codings / perSource);
    long t0 = System.nanoTime();
    byte[] archive = generate(sources, perSource, 60, new Random(8));
    System.out.printf(
        "generated %,d sources, %,d codings, 60 codes: %,d bytes in %.1f s%n",
        sources, sources * perSource, archive.length, (System.nanoTime() - t0) / 1e9);
    for (int run = 0; run <= runs; run++) {
      long start = System.nanoTime();
      QdpxProject project = QdpxReader.read(new ByteArrayInputStream(archive), Limits.defaults());
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf(
          "%s: %.2f s (%,d codings, %s)%n",
          run == 0 ? "warm-up" : "run " + run,
          seconds,
          project.codingCount(),
          project.report().convention().describe());
    }
  }

  static byte[] generate(int sources, int perSource, int codes, Random random) throws IOException {
    String[] codeGuids = new String[codes];
    StringBuilder qde = new StringBuilder(sources * perSource * 400);
    qde.append("<?xml version=\"1.0\" encoding=\"utf-8\"?>\r\n")
        .append("<Project name=\"bench\" origin=\"generator\" xmlns=\"urn:QDA-XML:project:1.0\">")
        .append("<Users><User guid=\"")
        .append(uuid(random))
        .append("\" name=\"coder\"/></Users><CodeBook><Codes>");
    for (int c = 0; c < codes; c++) {
      codeGuids[c] = uuid(random);
      qde.append("<Code guid=\"").append(codeGuids[c]).append("\" name=\"code ").append(c);
      qde.append("\" isCodable=\"true\"/>");
    }
    qde.append("</Codes></CodeBook><Sources>");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      for (int s = 0; s < sources; s++) {
        String guid = uuid(random);
        StringBuilder text = new StringBuilder();
        int[] starts = new int[perSource];
        int[] ends = new int[perSource];
        for (int k = 0; k < perSource; k++) {
          starts[k] = text.length(); // UTF-16 units, CRLF as 2, as NVivo counts
          int words = 3 + random.nextInt(12);
          for (int w = 0; w < words; w++) {
            text.append(w == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
          }
          ends[k] = text.length();
          text.append(".\r\n");
        }
        zip.putNextEntry(new ZipEntry("Sources/" + guid + ".txt"));
        zip.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        zip.write(text.toString().getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
        qde.append("<TextSource guid=\"").append(guid).append("\" name=\"source ").append(s);
        qde.append("\" plainTextPath=\"internal://").append(guid).append(".txt\">");
        for (int k = 0; k < perSource; k++) {
          qde.append("<PlainTextSelection guid=\"").append(uuid(random));
          qde.append("\" startPosition=\"").append(starts[k]);
          qde.append("\" endPosition=\"").append(ends[k]).append("\"><Coding guid=\"");
          qde.append(uuid(random)).append("\"><CodeRef targetGUID=\"");
          qde.append(codeGuids[random.nextInt(codes)]).append("\"/></Coding></PlainTextSelection>");
        }
        qde.append("</TextSource>");
      }
      qde.append("</Sources></Project>");
      zip.putNextEntry(new ZipEntry("project.qde"));
      zip.write(qde.toString().getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
    }
    return out.toByteArray();
  }

  private static String uuid(Random random) {
    return new UUID(random.nextLong(), random.nextLong()).toString();
  }
}
