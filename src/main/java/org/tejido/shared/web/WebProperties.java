package org.tejido.shared.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits on what a client may send: ordinary requests, and multipart uploads (a file of up to
 * {@code tejido.fieldwork.max-upload-size} plus the form around it).
 */
@ConfigurationProperties("tejido.web")
public record WebProperties(
    @DefaultValue("1MB") DataSize maxRequestSize,
    @DefaultValue("21MB") DataSize maxUploadRequestSize) {}
