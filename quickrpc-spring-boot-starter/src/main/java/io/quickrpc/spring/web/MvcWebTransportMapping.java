package io.quickrpc.spring.web;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.handler.AbstractHandlerMapping;
import org.springframework.web.socket.server.support.DefaultHandshakeHandler;

/**
 * Maps the paths of running {@code web:} transports to their handlers in a Spring MVC
 * application, ahead of the application's controllers.
 */
final class MvcWebTransportMapping extends AbstractHandlerMapping {

	private final WebPaths paths;

	private final DefaultHandshakeHandler handshakeHandler = new DefaultHandshakeHandler();

	private final Map<WebTransport, MvcWebHandler> handlers = new ConcurrentHashMap<>();

	MvcWebTransportMapping(WebPaths paths) {
		this.paths = paths;
		setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
	}

	@Override
	protected @Nullable Object getHandlerInternal(HttpServletRequest request) {
		WebTransport transport = this.paths.find(initLookupPath(request));
		if (transport == null) {
			return null;
		}
		return this.handlers.computeIfAbsent(transport, (key) -> new MvcWebHandler(key, this.handshakeHandler));
	}

}
