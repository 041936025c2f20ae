package io.quickrpc.spring.web;

import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Optional;

import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.util.ClassUtils;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebHandler;

import reactor.core.publisher.Mono;

/**
 * Serves one {@code web:} path in a WebFlux application: a WebSocket handshake opens a session
 * that is a peer; a {@code POST} is a JSON-RPC call answered in its response.
 */
final class FluxWebHandler implements WebHandler, CorsConfigurationSource {

	private static final boolean REACTOR_NETTY = ClassUtils.isPresent(
			"org.springframework.web.reactive.socket.server.upgrade.ReactorNettyRequestUpgradeStrategy",
			FluxWebHandler.class.getClassLoader())
			&& ClassUtils.isPresent("reactor.netty.http.server.WebsocketServerSpec", FluxWebHandler.class.getClassLoader());

	private final WebTransport transport;

	private final WebSocketService webSocketService;

	private final FluxSocketHandler socketHandler;

	private final CorsConfiguration cors;

	FluxWebHandler(WebTransport transport) {
		this.transport = transport;
		this.webSocketService = REACTOR_NETTY
				? ReactorNettyFrames.webSocketService(transport.networkOptions().maxFrameSize())
				: new HandshakeWebSocketService();
		this.socketHandler = new FluxSocketHandler(transport);
		this.cors = WebCors.of(transport);
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange) {
		ServerHttpRequest request = exchange.getRequest();
		if (HttpMethod.GET.equals(request.getMethod())
				&& "websocket".equalsIgnoreCase(request.getHeaders().getFirst(HttpHeaders.UPGRADE))) {
			return this.webSocketService.handleRequest(exchange, this.socketHandler);
		}
		if (HttpMethod.POST.equals(request.getMethod())) {
			return post(exchange);
		}
		ServerHttpResponse response = exchange.getResponse();
		response.setStatusCode(HttpStatus.METHOD_NOT_ALLOWED);
		response.getHeaders().set(HttpHeaders.ALLOW, "GET, POST");
		byte[] text = (this.transport + " takes a WebSocket handshake (GET with Upgrade: websocket) or a JSON-RPC "
				+ "call (POST)").getBytes(StandardCharsets.UTF_8);
		return response.writeWith(Mono.just(response.bufferFactory().wrap(text)));
	}

	private Mono<Void> post(ServerWebExchange exchange) {
		int max = this.transport.networkOptions().maxFrameSize();
		Mono<byte[]> body = DataBufferUtils.join(exchange.getRequest().getBody(), max).map((buffer) -> {
			byte[] bytes = new byte[buffer.readableByteCount()];
			buffer.read(bytes);
			DataBufferUtils.release(buffer);
			return bytes;
		}).defaultIfEmpty(new byte[0]);
		Mono<Optional<Principal>> principal = exchange.getPrincipal().map(Optional::of).defaultIfEmpty(Optional.empty());
		Mono<HttpCall.Response> answer = Mono.zip(body, principal)
			.flatMap((posted) -> Mono.fromFuture(HttpCall.run(this.transport, posted.getT1(), posted.getT2().orElse(null))))
			.onErrorResume(DataBufferLimitException.class, (ex) -> Mono.just(HttpCall.tooLarge(this.transport)));
		return answer.flatMap((response) -> write(exchange.getResponse(), response));
	}

	private static Mono<Void> write(ServerHttpResponse response, HttpCall.Response answer) {
		response.setStatusCode(HttpStatus.valueOf(answer.status()));
		byte[] json = answer.body();
		if (json == null) {
			return response.setComplete();
		}
		response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
		return response.writeWith(Mono.just(response.bufferFactory().wrap(json)));
	}

	@Override
	public CorsConfiguration getCorsConfiguration(ServerWebExchange exchange) {
		return this.cors;
	}

}
