package io.quickrpc.spring.web;

import java.time.Duration;
import java.util.List;

/**
 * What a {@code web:} transport needs besides its path: the web server's paths it joins, the
 * origins whose pages may open a WebSocket or post from a browser, how long an HTTP {@code POST}
 * waits for its reply, and the API's codec, which decides whether {@code POST} is served. The
 * starter hands it to each endpoint's transport registry.
 *
 * @param paths the application's web paths
 * @param allowedOrigins origins allowed besides the application's own, such as
 * {@code https://example.com}; {@code *} for any
 * @param replyTimeout how long an HTTP {@code POST} waits for its reply before it is answered
 * with status 504
 * @param codec the API's codec expression, such as {@code jrpc} or {@code terse}: WebSocket
 * carries any codec, HTTP {@code POST} only {@code jrpc}
 */
public record WebTransportOptions(WebPaths paths, List<String> allowedOrigins, Duration replyTimeout, String codec) {

	/**
	 * Creates the options.
	 */
	public WebTransportOptions {
		allowedOrigins = List.copyOf(allowedOrigins);
	}

	/**
	 * Returns whether HTTP {@code POST} is served: its body is one JSON-RPC message or batch, and
	 * its response the reply, so only with the {@code jrpc} codec (any delimiter).
	 * @return whether the codec is {@code jrpc}
	 */
	public boolean servesPost() {
		String stripped = this.codec.strip();
		int colon = stripped.indexOf(':');
		return "jrpc".equals(((colon < 0) ? stripped : stripped.substring(0, colon)).strip());
	}

}
