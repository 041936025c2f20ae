package io.quickrpc.spring.web;

import java.security.Principal;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import io.quickrpc.transport.Transport;
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

	/**
	 * Returns the principal the web server authenticated for a peer of a {@code web:} transport
	 * served here: the WebSocket handshake's for a session, the request's for an HTTP
	 * {@code POST}. With Spring Security it is the request's
	 * {@link org.springframework.security.core.Authentication}.
	 * @param transport an endpoint's transport
	 * @param peer the name of one of its peers
	 * @return the principal, or {@code null} if the transport is not a running {@code web:}
	 * transport of this application, the peer is not one of its peers, or was not authenticated
	 */
	public @Nullable Principal principal(Transport transport, String peer) {
		if (!(transport instanceof WebTransport web) || find(web.path()) != web) {
			return null;
		}
		return web.principal(peer);
	}

}
