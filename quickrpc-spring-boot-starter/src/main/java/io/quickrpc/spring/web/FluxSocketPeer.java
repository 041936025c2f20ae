package io.quickrpc.spring.web;

import java.security.Principal;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketSession;

import io.quickrpc.transport.TransportException;
import io.quickrpc.transport.network.NetworkOptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * A WebSocket session of a WebFlux application as a peer. What is sent to it waits in a sink of
 * its own, bounded by the maximum of queued bytes, which the session writes one message at a time
 * as the browser reads; a thread that sends never waits. Past the bound the session is closed.
 */
final class FluxSocketPeer implements WebPeer {

	private static final Logger logger = LoggerFactory.getLogger(FluxSocketPeer.class);

	private final WebSocketSession session;

	private final @Nullable Principal principal;

	private final QueuedBytes queued;

	private final Sinks.Many<byte[]> outgoing = Sinks.many().unicast().onBackpressureBuffer();

	/** Serializes the threads that emit to the sink, which takes one at a time. */
	private final Object emitting = new Object();

	private volatile Sinks.@Nullable One<Void> paused;

	FluxSocketPeer(WebSocketSession session, @Nullable Principal principal, NetworkOptions options) {
		this.session = session;
		this.principal = principal;
		this.queued = new QueuedBytes(options.maxQueuedBytes());
	}

	/** Returns the frames to write, in order. */
	Flux<byte[]> frames() {
		return this.outgoing.asFlux();
	}

	/** Counts a frame written, or given up on. */
	void written(byte[] frame) {
		this.queued.taken(frame.length);
	}

	/** Returns a signal that completes once the peer may be read from. */
	Mono<Void> whenReading() {
		Sinks.One<Void> gate = this.paused;
		return (gate != null) ? gate.asMono() : Mono.empty();
	}

	/** Ends the outbound messages, once the session's input ended. */
	void complete() {
		synchronized (this.emitting) {
			this.outgoing.tryEmitComplete();
		}
		resumeReading();
	}

	@Override
	public void send(List<byte[]> frames, boolean addressed) {
		this.queued.add(frames, this.session.getId(), this.session.isOpen(), this);
		synchronized (this.emitting) {
			for (byte[] frame : frames) {
				if (this.outgoing.tryEmitNext(frame).isFailure()) {
					throw new TransportException("The WebSocket session " + this.session.getId() + " is closing; "
							+ "the message was not sent");
				}
			}
		}
	}

	@Override
	public void close(int code, String reason) {
		this.session.close(new CloseStatus(code, reason)).subscribe(null,
				(ex) -> logger.debug("Could not close WebSocket session {}: {}", this.session.getId(), ex.toString()));
		// what waits for the session is dropped: a browser that reads nothing would hold it forever
		synchronized (this.emitting) {
			this.outgoing.tryEmitError(new TransportException("The WebSocket session " + this.session.getId()
					+ " was closed: " + reason));
		}
	}

	@Override
	public @Nullable Principal principal() {
		return this.principal;
	}

	@Override
	public boolean pauseReading() {
		synchronized (this) {
			if (this.paused == null) {
				this.paused = Sinks.one();
			}
		}
		return true;
	}

	@Override
	public void resumeReading() {
		Sinks.One<Void> gate;
		synchronized (this) {
			gate = this.paused;
			this.paused = null;
		}
		if (gate != null) {
			gate.tryEmitEmpty();
		}
	}

}
