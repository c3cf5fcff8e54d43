package org.tejido.safety;

import java.util.Locale;
import java.util.Optional;

/**
 * Where a member's phone said she was when she raised a panic alert, if she chose to send it: WGS
 * 84 degrees and the phone's own accuracy estimate in metres. Never precise GPS unless she opts in
 * for that alert; sealed at rest and shown to the site's coordinators only.
 */
public record LastKnownLocation(double latitude, double longitude, int accuracyMetres) {

  public LastKnownLocation {
    if (!(latitude >= -90 && latitude <= 90)
        || !(longitude >= -180 && longitude <= 180)
        || accuracyMetres < 0
        || accuracyMetres > 1_000_000) {
      throw new IllegalArgumentException("Not a location");
    }
  }

  /**
   * The location the panic form sent, if it sent a usable one. A panic alert is never refused for
   * its location: anything missing or malformed means "no location", and the alert still goes.
   */
  public static Optional<LastKnownLocation> fromForm(String lat, String lon, String accuracy) {
    if (lat == null || lon == null || lat.isBlank() || lon.isBlank()) {
      return Optional.empty();
    }
    try {
      double acc = accuracy == null || accuracy.isBlank() ? 0 : Double.parseDouble(accuracy);
      if (!Double.isFinite(acc)) {
        return Optional.empty();
      }
      return Optional.of(
          new LastKnownLocation(
              Double.parseDouble(lat.strip()),
              Double.parseDouble(lon.strip()),
              (int) Math.min(Math.round(Math.max(acc, 0)), 1_000_000)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** The stored form: {@code lat,lon,accuracy}, five decimals (about a metre). */
  public String encoded() {
    return String.format(Locale.ROOT, "%.5f,%.5f,%d", latitude, longitude, accuracyMetres);
  }

  public static LastKnownLocation decode(String text) {
    String[] p = text.split(",", 3);
    return new LastKnownLocation(
        Double.parseDouble(p[0]), Double.parseDouble(p[1]), Integer.parseInt(p[2]));
  }

  /** A {@code geo:} URI (RFC 5870): opens the phone's own map app, telling no web service. */
  public String geoUri() {
    return String.format(
        Locale.ROOT, "geo:%.5f,%.5f;u=%d", latitude, longitude, Math.max(accuracyMetres, 1));
  }

  /** Degrees as a person reads them. */
  public String coordinates() {
    return String.format(Locale.ROOT, "%.5f, %.5f", latitude, longitude);
  }
}
