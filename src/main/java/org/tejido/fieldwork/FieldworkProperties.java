package org.tejido.fieldwork;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/** Limits of fieldwork uploads (transcripts, documents, media). */
@ConfigurationProperties("tejido.fieldwork")
public record FieldworkProperties(@DefaultValue("20MB") DataSize maxUploadSize) {}
