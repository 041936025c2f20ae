package io.quickrpc.transport;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

/**
 * Records what a transport delivers, by peer: the events in order, the whole messages (each
 * ending with a newline, which it consumes), and what it left unconsumed last. Counts callbacks
 * for one peer that overlap, and callbacks that come after {@link #stopReturned()}.
 * <p>
 * Told to {@linkplain #pauseAt(String, Transport) pause at a message}, it pauses the peer when
 * that message arrives and, as an endpoint whose queue is full does, stops in the middle of what
 * it was given: it consumes nothing more from that peer until {@link #resume(String)}.
 */
final class RecordingListener implements Transport.Listener {

	private final List<String> connected = new CopyOnWriteArrayList<>();

	private final Map<String, List<String>> events = new ConcurrentHashMap<>();

	private final Map<String, List<String>> messages = new ConcurrentHashMap<>();

	private final Map<String, String> unconsumed = new ConcurrentHashMap<>();

	private final Map<String, AtomicInteger> inCallback = new ConcurrentHashMap<>();

	private final AtomicInteger overlapping = new AtomicInteger();

	private final List<String> afterStop = new CopyOnWriteArrayList<>();

	private volatile boolean stopped;

	private volatile @Nullable String pauseAt;

	private volatile @Nullable Transport pausing;

	private final Map<String, Boolean> paused = new ConcurrentHashMap<>();

	@Override
	public void peerConnected(String peer) {
		record(peer, "connected", () -> this.connected.add(peer));
	}

	@Override
	public void received(String peer, ByteBuffer data) {
		record(peer, "received", () -> {
			int start = data.position();
			for (int i = start; i < data.limit() && !this.paused.containsKey(peer); i++) {
				if (data.get(i) == '\n') {
					byte[] message = new byte[i - data.position()];
					data.get(message);
					data.get(); // the newline
					String text = new String(message, StandardCharsets.UTF_8);
					Transport transport = this.pausing;
					if (transport != null && text.equals(this.pauseAt)) {
						this.paused.put(peer, transport.pauseReading(peer));
					}
					list(this.messages, peer).add(text);
				}
			}
			byte[] rest = new byte[data.remaining()];
			data.duplicate().get(rest);
			this.unconsumed.put(peer, new String(rest, StandardCharsets.UTF_8));
		});
	}

	@Override
	public void peerDisconnected(String peer) {
		record(peer, "disconnected", () -> {
		});
	}

	private void record(String peer, String event, Runnable action) {
		if (this.stopped) {
			this.afterStop.add(event + " " + peer + " on " + Thread.currentThread().getName());
		}
		AtomicInteger running = this.inCallback.computeIfAbsent(peer, (name) -> new AtomicInteger());
		if (running.incrementAndGet() > 1) {
			this.overlapping.incrementAndGet();
		}
		try {
			list(this.events, peer).add(event);
			action.run();
		}
		finally {
			running.decrementAndGet();
		}
	}

	private static List<String> list(Map<String, List<String>> lists, String peer) {
		return lists.computeIfAbsent(peer, (name) -> new CopyOnWriteArrayList<>());
	}

	/**
	 * Pauses a peer, from within the callback, when the given message arrives from it; from then
	 * on consumes nothing from that peer until {@link #resume(String)}.
	 */
	void pauseAt(String message, Transport transport) {
		this.pauseAt = message;
		this.pausing = transport;
	}

	/** Whether this listener paused the peer, and is waiting to be told to resume it. */
	boolean isPaused(String peer) {
		return this.paused.containsKey(peer);
	}

	/** Consumes again from the peer, and resumes it on the transport. */
	void resume(String peer) {
		Transport transport = this.pausing;
		this.paused.remove(peer);
		if (transport != null) {
			transport.resumeReading(peer);
		}
	}

	/** Marks the moment the transport's stop() returned: any callback from now on is recorded. */
	void stopReturned() {
		this.stopped = true;
	}

	List<String> connectedPeers() {
		return new ArrayList<>(this.connected);
	}

	List<String> events(String peer) {
		return new ArrayList<>(list(this.events, peer));
	}

	List<String> messages(String peer) {
		return new ArrayList<>(list(this.messages, peer));
	}

	String unconsumed(String peer) {
		return this.unconsumed.getOrDefault(peer, "");
	}

	int overlapping() {
		return this.overlapping.get();
	}

	List<String> afterStop() {
		return new ArrayList<>(this.afterStop);
	}

}
