package org.tejido.observatory.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * An evidence photo is stored without what the phone wrote into it: a community assessment's photo
 * on the public tracker must not carry the place where its author stood.
 */
class EvidenceFilesTest {

  private static final String WHERE = "GPS 19.0866 N 102.3501 W Maria Lopez";

  @Test
  void aJpegLosesItsExifWithTheGpsPositionAndKeepsItsPicture() throws Exception {
    byte[] plain = image("jpeg", 40, 30);
    // An APP1 "Exif" segment right after the start-of-image marker, as phones write it.
    byte[] payload = ("Exif\0\0" + WHERE).getBytes(StandardCharsets.ISO_8859_1);
    ByteBuffer withExif = ByteBuffer.allocate(plain.length + 4 + payload.length);
    withExif.put(plain, 0, 2).put((byte) 0xFF).put((byte) 0xE1);
    withExif.putShort((short) (payload.length + 2)).put(payload);
    withExif.put(plain, 2, plain.length - 2);
    byte[] uploaded = withExif.array();
    assertThat(text(uploaded)).contains(WHERE);
    assertThat(ImageIO.read(new ByteArrayInputStream(uploaded))).isNotNull();

    byte[] stored = EvidenceFiles.withoutMetadata(uploaded, "image/jpeg");

    assertThat(text(stored)).doesNotContain("Exif").doesNotContain("19.0866");
    assertThat(EvidenceFiles.type(stored)).isEqualTo("image/jpeg");
    BufferedImage picture = ImageIO.read(new ByteArrayInputStream(stored));
    assertThat(picture.getWidth()).isEqualTo(40);
    assertThat(picture.getHeight()).isEqualTo(30);
  }

  @Test
  void aPhotoThePhoneMarkedToBeTurnedIsStoredTurnedSinceTheMarkGoes() throws Exception {
    // Stored as the sensor saw it, 40 wide and 30 high, red in its top-left corner; EXIF
    // orientation 6: "turn 90° clockwise to show".
    BufferedImage sensor = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
    for (int x = 0; x < 40; x++) {
      for (int y = 0; y < 30; y++) {
        sensor.setRGB(x, y, x < 10 && y < 10 ? 0xFF0000 : 0x0000FF);
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(sensor, "jpeg", out);
    byte[] plain = out.toByteArray();
    ByteBuffer tiff = ByteBuffer.allocate(6 + 8 + 2 + 12 + 4);
    tiff.put("Exif\0\0".getBytes(StandardCharsets.US_ASCII));
    tiff.put((byte) 'M').put((byte) 'M').putShort((short) 42).putInt(8);
    tiff.putShort((short) 1).putShort((short) 0x0112).putShort((short) 3).putInt(1);
    tiff.putShort((short) 6).putShort((short) 0).putInt(0);
    byte[] payload = tiff.array();
    ByteBuffer withExif = ByteBuffer.allocate(plain.length + 4 + payload.length);
    withExif.put(plain, 0, 2).put((byte) 0xFF).put((byte) 0xE1);
    withExif.putShort((short) (payload.length + 2)).put(payload);
    withExif.put(plain, 2, plain.length - 2);
    assertThat(EvidenceFiles.jpegOrientation(withExif.array())).isEqualTo(6);

    byte[] stored = EvidenceFiles.withoutMetadata(withExif.array(), "image/jpeg");

    assertThat(EvidenceFiles.jpegOrientation(stored)).isEqualTo(1);
    BufferedImage shown = ImageIO.read(new ByteArrayInputStream(stored));
    assertThat(shown.getWidth()).isEqualTo(30);
    assertThat(shown.getHeight()).isEqualTo(40);
    // the red corner is now top right
    assertThat(shown.getRGB(25, 4) >> 16 & 0xFF).isGreaterThan(200);
    assertThat(shown.getRGB(4, 4) >> 16 & 0xFF).isLessThan(60);
  }

  @Test
  void aPngLosesItsTextChunks() throws Exception {
    byte[] plain = image("png", 12, 8);
    byte[] uploaded =
        withChunk(plain, "tEXt", ("Comment\0" + WHERE).getBytes(StandardCharsets.ISO_8859_1));
    assertThat(ImageIO.read(new ByteArrayInputStream(uploaded))).isNotNull();
    assertThat(text(uploaded)).contains(WHERE);

    byte[] stored = EvidenceFiles.withoutMetadata(uploaded, "image/png");

    assertThat(text(stored)).doesNotContain("19.0866").doesNotContain("tEXt");
    assertThat(ImageIO.read(new ByteArrayInputStream(stored)).getWidth()).isEqualTo(12);
  }

  @Test
  void aSmallFileClaimingAHugePictureIsRefusedWithoutDecodingIt() throws Exception {
    byte[] png = image("png", 4, 4);
    // IHDR starts at byte 8: length (4), "IHDR" (4), width (4), height (4) ... CRC over type+data.
    ByteBuffer b = ByteBuffer.wrap(png);
    b.putInt(16, 40_000).putInt(20, 40_000);
    CRC32 crc = new CRC32();
    crc.update(png, 12, 4 + 13);
    b.putInt(12 + 4 + 13, (int) crc.getValue());

    assertThat(EvidenceFiles.withoutMetadata(png, "image/png")).isNull();
  }

  @Test
  void bytesThatOnlyStartLikeAnImageAreRefusedAndAPdfPassesAsItIs() {
    byte[] fake = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 1, 2, 3, 4};
    assertThat(EvidenceFiles.type(fake)).isEqualTo("image/jpeg");
    assertThat(EvidenceFiles.withoutMetadata(fake, "image/jpeg")).isNull();

    byte[] pdf = "%PDF-1.4 informe".getBytes(StandardCharsets.US_ASCII);
    assertThat(EvidenceFiles.withoutMetadata(pdf, "application/pdf")).isSameAs(pdf);
  }

  private static byte[] image(String format, int width, int height) throws Exception {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    for (int x = 0; x < width; x++) {
      image.setRGB(x, x % height, 0x3366CC);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThat(ImageIO.write(image, format, out)).isTrue();
    return out.toByteArray();
  }

  /** The PNG with one more chunk before its last (IEND), its CRC computed as PNG defines it. */
  private static byte[] withChunk(byte[] png, String type, byte[] data) {
    int iend = png.length - 12;
    byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
    CRC32 crc = new CRC32();
    crc.update(typeBytes);
    crc.update(data);
    ByteBuffer b = ByteBuffer.allocate(png.length + 12 + data.length);
    b.put(png, 0, iend).putInt(data.length).put(typeBytes).put(data).putInt((int) crc.getValue());
    b.put(png, iend, 12);
    return b.array();
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.ISO_8859_1);
  }
}
