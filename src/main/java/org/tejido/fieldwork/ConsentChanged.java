package org.tejido.fieldwork;

import org.tejido.sites.SiteId;

/**
 * A participant's consent changed at a site: a new consent record, or a withdrawal. What may be
 * quoted in a published agenda can change with it, so public pages rendered before it are stale.
 * Published inside the transaction that made the change.
 */
public record ConsentChanged(SiteId site) {}
