package org.tejido.indicators;

/**
 * Semáforo Delictivo's rule: a month against the average of the same month over the three years
 * before it. Green when at least 25 % below that average, yellow when 0–25 % below (or equal), red
 * when above.
 */
public enum Semaforo {
  GREEN,
  YELLOW,
  RED
}
