package org.tejido.shared.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/** Limits on what a client may send. */
@ConfigurationProperties("tejido.web")
public record WebProperties(@DefaultValue("1MB") DataSize maxRequestSize) {}
