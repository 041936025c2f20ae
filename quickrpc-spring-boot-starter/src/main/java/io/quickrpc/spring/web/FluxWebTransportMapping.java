package io.quickrpc.spring.web;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.core.Ordered;
import org.springframework.web.reactive.handler.AbstractHandlerMapping;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;

/**
 * Maps the paths of running {@code web:} transports to their handlers in a WebFlux application,
 * ahead of the application's controllers.
 */
final class FluxWebTransportMapping extends AbstractHandlerMapping {

	private final WebPaths paths;

	private final Map<WebTransport, FluxWebHandler> handlers = new ConcurrentHashMap<>();

	FluxWebTransportMapping(WebPaths paths) {
		this.paths = paths;
		setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
	}

	@Override
	protected Mono<?> getHandlerInternal(ServerWebExchange exchange) {
		WebTransport transport = this.paths.find(exchange.getRequest().getPath().pathWithinApplication().value());
		if (transport == null) {
			return Mono.empty();
		}
		return Mono.just(this.handlers.computeIfAbsent(transport, FluxWebHandler::new));
	}

}
