package io.quickrpc.spring.web;

import org.springframework.http.HttpMethod;
import org.springframework.web.cors.CorsConfiguration;

/**
 * The CORS rules of a {@code web:} path: pages of the application's own origin may open a
 * WebSocket and post; pages of other origins only if {@code allowed-origins} names them.
 */
final class WebCors {

	private WebCors() {
	}

	static CorsConfiguration of(WebTransport transport) {
		CorsConfiguration cors = new CorsConfiguration();
		cors.setAllowedOriginPatterns(transport.options().allowedOrigins());
		cors.addAllowedMethod(HttpMethod.GET);
		cors.addAllowedMethod(HttpMethod.POST);
		cors.addAllowedHeader(CorsConfiguration.ALL);
		cors.setAllowCredentials(true);
		return cors;
	}

}
