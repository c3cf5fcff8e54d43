/**
 * Open data for consumers: the data page ({@code /datos}), the API index ({@code /api/v1}), the
 * human-readable API documentation, the DCAT-AP catalogue ({@code /api/v1/catalog}) that data
 * portals harvest, and the OpenAPI document's contract (its errors, headers, metadata and the data
 * licence). The data itself is served by {@code sites} and {@code agenda}; the licence is {@link
 * org.tejido.shared.OpenDataProperties}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Open data")
package org.tejido.opendata;
