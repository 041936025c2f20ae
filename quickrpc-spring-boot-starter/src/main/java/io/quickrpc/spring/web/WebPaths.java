package io.quickrpc.spring.web;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import io.quickrpc.transport.TransportException;

/**
 * The paths on which the application's web server serves running {@code web:} transports. The
 * web stack's handler mapping looks a request's path up here; a transport adds itself when it
 * starts and removes itself when it stops.
 */
public final class WebPaths {

	private final Map<String, WebTransport> transports = new ConcurrentHashMap<>();

	WebPaths() {
	}

	void add(WebTransport transport) {
		WebTransport other = this.transports.putIfAbsent(transport.path(), transport);
		if (other != null && other != transport) {
			throw new TransportException("Cannot serve " + transport + ": another API's transport already serves the "
					+ "path " + transport.path() + "; give each API a path of its own");
		}
	}

	void remove(WebTransport transport) {
		this.transports.remove(transport.path(), transport);
	}

	@Nullable WebTransport find(String path) {
		return this.transports.get(path);
	}

}
