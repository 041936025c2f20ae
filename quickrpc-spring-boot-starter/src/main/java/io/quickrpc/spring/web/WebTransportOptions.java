package io.quickrpc.spring.web;

import java.time.Duration;
import java.util.List;

/**
 * What a {@code web:} transport needs besides its path: the web server's paths it joins, the
 * origins whose pages may open a WebSocket or post from a browser, and how long an HTTP
 * {@code POST} waits for its reply. The starter hands it to each endpoint's transport registry.
 *
 * @param paths the application's web paths
 * @param allowedOrigins origins allowed besides the application's own, such as
 * {@code https://example.com}; {@code *} for any
 * @param replyTimeout how long an HTTP {@code POST} waits for its reply before it is answered
 * with status 504
 */
public record WebTransportOptions(WebPaths paths, List<String> allowedOrigins, Duration replyTimeout) {

	/**
	 * Creates the options.
	 */
	public WebTransportOptions {
		allowedOrigins = List.copyOf(allowedOrigins);
	}

}
