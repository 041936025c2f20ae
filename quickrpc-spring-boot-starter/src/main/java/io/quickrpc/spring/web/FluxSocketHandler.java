package io.quickrpc.spring.web;

import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Optional;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;

import reactor.core.publisher.Mono;

/**
 * Reports the WebSocket sessions of one {@code web:} path in a WebFlux application to its
 * transport: each session is a peer, each text message one frame. A paused peer's messages are
 * not requested from the session, so the server stops reading them.
 */
final class FluxSocketHandler implements WebSocketHandler {

	private final WebTransport transport;

	FluxSocketHandler(WebTransport transport) {
		this.transport = transport;
	}

	@Override
	public Mono<Void> handle(WebSocketSession session) {
		return session.getHandshakeInfo().getPrincipal().map(Optional::of).defaultIfEmpty(Optional.empty())
			.flatMap((principal) -> serve(session, principal.orElse(null)));
	}

	private Mono<Void> serve(WebSocketSession session, Principal principal) {
		FluxSocketPeer peer = new FluxSocketPeer(session, principal, this.transport.networkOptions());
		String name = this.transport.connected(peer, "ws");
		if (name == null) {
			return session.close(CloseStatus.SERVICE_OVERLOAD.withReason("too many sessions, or the API is not running"));
		}
		Mono<Void> input = session.receive()
			.map(FluxSocketHandler::incoming)
			.concatMap((message) -> peer.whenReading().then(Mono.fromRunnable(() -> deliver(peer, name, message))), 1)
			.then()
			.doFinally((signal) -> peer.complete());
		// one message per send, so that a message counts as queued until the server has written it
		Mono<Void> output = peer.frames()
			.concatMap((frame) -> session.send(Mono.just(session.textMessage(new String(frame, StandardCharsets.UTF_8))))
				.doFinally((signal) -> peer.written(frame)))
			.onErrorComplete()
			.then();
		return Mono.when(input, output).doFinally((signal) -> this.transport.disconnected(name));
	}

	private void deliver(FluxSocketPeer peer, String name, Incoming message) {
		if (message.text()) {
			this.transport.received(name, message.bytes());
		}
		else {
			peer.close(CloseStatus.NOT_ACCEPTABLE.getCode(), "send messages as text, not binary");
		}
	}

	/** Copies a message's payload before the server releases it. */
	private static Incoming incoming(WebSocketMessage message) {
		DataBuffer payload = message.getPayload();
		byte[] bytes = new byte[payload.readableByteCount()];
		payload.read(bytes);
		return new Incoming(message.getType() == WebSocketMessage.Type.TEXT, bytes);
	}

	/** One received message. */
	private record Incoming(boolean text, byte[] bytes) {
	}

}
