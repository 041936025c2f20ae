package io.quickrpc.spring.web;

import java.io.IOException;
import java.security.Principal;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;

import io.quickrpc.transport.network.NetworkOptions;

/**
 * A WebSocket session of a Spring MVC application as a peer. What is sent to it waits in a queue
 * of its own, bounded by the maximum of queued bytes, and one task at a time writes it through the
 * container's concurrent session decorator, so that a slow browser never holds back the thread
 * that sends, nor other sessions. Past the bound the session is closed; a write that the browser
 * never reads ends by the container's send timeout, which closes the session too.
 */
final class MvcSocketPeer implements WebPeer {

	private static final Logger logger = LoggerFactory.getLogger(MvcSocketPeer.class);

	/** Writes to sessions; a thread is busy only while a write waits for a slow browser. */
	private static final Executor WRITERS = Executors.newCachedThreadPool((task) -> {
		Thread thread = new Thread(task, "quickrpc-web-send");
		thread.setDaemon(true);
		return thread;
	});

	private final WebSocketSession session;

	private final ConcurrentWebSocketSessionDecorator sender;

	private final QueuedBytes queued;

	private final Queue<TextMessage> queue = new ConcurrentLinkedQueue<>();

	private final AtomicBoolean writing = new AtomicBoolean();

	MvcSocketPeer(WebSocketSession session, NetworkOptions options) {
		this.session = session;
		this.queued = new QueuedBytes(options.maxQueuedBytes());
		this.sender = new ConcurrentWebSocketSessionDecorator(session,
				Math.toIntExact(Math.min(Integer.MAX_VALUE, options.slowPeerTimeout().toMillis())),
				Math.toIntExact(Math.min(Integer.MAX_VALUE, options.maxQueuedBytes())),
				ConcurrentWebSocketSessionDecorator.OverflowStrategy.TERMINATE);
	}

	@Override
	public void send(List<byte[]> frames, boolean addressed) {
		this.queued.add(frames, this.session.getId(), this.session.isOpen(), this);
		for (byte[] frame : frames) {
			this.queue.add(new TextMessage(frame));
		}
		if (this.writing.compareAndSet(false, true)) {
			WRITERS.execute(this::write);
		}
	}

	/** Writes what is queued, one write task per session at a time. */
	private void write() {
		while (true) {
			TextMessage message = this.queue.poll();
			if (message == null) {
				this.writing.set(false);
				if (this.queue.isEmpty() || !this.writing.compareAndSet(false, true)) {
					return;
				}
				continue;
			}
			try {
				this.sender.sendMessage(message);
			}
			catch (IOException | RuntimeException ex) {
				logger.debug("Could not write to WebSocket session {}: {}", this.session.getId(), ex.toString());
				this.queue.clear();
				close(CloseStatus.SESSION_NOT_RELIABLE.getCode(), "could not be written to");
			}
			finally {
				this.queued.taken(message.getPayloadLength());
			}
		}
	}

	@Override
	public void close(int code, String reason) {
		try {
			this.sender.close(new CloseStatus(code, reason));
		}
		catch (IOException ex) {
			logger.debug("Could not close WebSocket session {}: {}", this.session.getId(), ex.toString());
		}
	}

	@Override
	public @Nullable Principal principal() {
		return this.session.getPrincipal();
	}

}
