package io.quickrpc.spring.web;

import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;
import org.springframework.web.reactive.socket.server.upgrade.ReactorNettyRequestUpgradeStrategy;

import reactor.netty.http.server.WebsocketServerSpec;

/**
 * The WebSocket service of a WebFlux application on Reactor Netty, whose frame limit (64 KiB by
 * default) is raised to the API's maximum frame size; a larger message closes its session with
 * status 1009. Loaded only when Reactor Netty is on the class path.
 */
final class ReactorNettyFrames {

	private ReactorNettyFrames() {
	}

	static WebSocketService webSocketService(int maxFrameSize) {
		return new HandshakeWebSocketService(new ReactorNettyRequestUpgradeStrategy(
				() -> WebsocketServerSpec.builder().maxFramePayloadLength(maxFrameSize)));
	}

}
