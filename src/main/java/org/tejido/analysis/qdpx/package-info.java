/**
 * REFI-QDA project exchange: {@link org.tejido.analysis.qdpx.QdpxReader} reads a {@code .qdpx}
 * archive into an immutable {@link org.tejido.analysis.qdpx.QdpxProject}, {@link
 * org.tejido.analysis.qdpx.QdpxWriter} writes one back. Plain Java: no Spring, no database, no file
 * written anywhere; what was not read is listed in {@link org.tejido.analysis.qdpx.ImportReport}.
 */
package org.tejido.analysis.qdpx;
