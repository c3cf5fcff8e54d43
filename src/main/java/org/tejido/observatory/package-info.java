/**
 * The observatory: a site's directory of institutions and actors, the recommendations it tracks
 * from published proposals, the Mesa de Seguridad sessions with their commitments, and progress
 * updates from official reports beside the community's own assessment. Entry points: {@link
 * org.tejido.observatory.ObservatoryTracker} (read-only, what the public may see: never the
 * directory's contacts) and the event {@link org.tejido.observatory.ObservatoryChanged}, published
 * in the transaction of every change the public would see. The staff pages and the daily digest of
 * overdue commitments are internal.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Observatory")
package org.tejido.observatory;
