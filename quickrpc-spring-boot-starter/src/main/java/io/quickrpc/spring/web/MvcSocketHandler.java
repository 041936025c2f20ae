package io.quickrpc.spring.web;

import org.jspecify.annotations.Nullable;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;

/**
 * Reports the WebSocket sessions of one {@code web:} path in a Spring MVC application to its
 * transport: each session is a peer, each text message one frame.
 */
final class MvcSocketHandler extends AbstractWebSocketHandler {

	private static final String PEER = MvcSocketHandler.class.getName() + ".peer";

	private final WebTransport transport;

	MvcSocketHandler(WebTransport transport) {
		this.transport = transport;
	}

	@Override
	public void afterConnectionEstablished(WebSocketSession session) throws Exception {
		int max = this.transport.networkOptions().maxFrameSize();
		// the container closes a session with 1009 when a message exceeds its buffer
		session.setTextMessageSizeLimit(max);
		session.setBinaryMessageSizeLimit(max);
		String name = this.transport.connected(new MvcSocketPeer(session, this.transport.networkOptions()), "ws");
		if (name == null) {
			session.close(CloseStatus.SERVICE_OVERLOAD.withReason("too many sessions, or the API is not running"));
			return;
		}
		session.getAttributes().put(PEER, name);
	}

	@Override
	protected void handleTextMessage(WebSocketSession session, TextMessage message) {
		String name = peer(session);
		if (name != null) {
			this.transport.received(name, message.asBytes());
		}
	}

	@Override
	protected void handleBinaryMessage(WebSocketSession session, BinaryMessage message) throws Exception {
		session.close(CloseStatus.NOT_ACCEPTABLE.withReason("send messages as text, not binary"));
	}

	@Override
	public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
		String name = peer(session);
		if (name != null) {
			this.transport.disconnected(name);
		}
	}

	private static @Nullable String peer(WebSocketSession session) {
		return (String) session.getAttributes().get(PEER);
	}

}
