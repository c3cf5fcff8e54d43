package org.tejido.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Whether an empty database receives the demo sites and agendas at start. */
@ConfigurationProperties("tejido.demo")
record DemoProperties(@DefaultValue("true") boolean enabled) {}
