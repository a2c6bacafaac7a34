/**
 * TLS client settings of prometheus.yml's {@code tls_config}: the {@link javax.net.ssl.SSLContext}
 * that scrapes, HTTP discovery, remote write and Alertmanager clients use, built from PEM files.
 */
@NullMarked
package io.moraine.server.tls;

import org.jspecify.annotations.NullMarked;
