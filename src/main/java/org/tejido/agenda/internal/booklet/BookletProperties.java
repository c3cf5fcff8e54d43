package org.tejido.agenda.internal.booklet;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The printable booklets of published agendas.
 *
 * @param prerender render a newly published version's booklets (both languages, both papers) in the
 *     background, so the first reader does not wait
 * @param cacheSize how many bytes of rendered booklets are kept in memory (least recently used go
 *     first; a booklet evicted is rendered again on its next request)
 */
@ConfigurationProperties("tejido.agenda.booklet")
public record BookletProperties(
    @DefaultValue("true") boolean prerender, @DefaultValue("64MB") DataSize cacheSize) {}
