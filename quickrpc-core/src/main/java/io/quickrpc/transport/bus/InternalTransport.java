package io.quickrpc.transport.bus;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.quickrpc.transport.ServingThreads;
import io.quickrpc.transport.Transport;
import io.quickrpc.transport.TransportException;
import io.quickrpc.transport.network.NetworkOptions;

/**
 * A member of an {@link InternalBus}. What others send it is delivered in order on its own
 * delivery thread, never on the sender's. What one sender sends it is bounded apart from what
 * others send, and a sender that the member's listener {@linkplain #pauseReading pauses} is held
 * back alone. A member that sends another more than the maximum
 * frame size without completing a message is put off the bus, as a network peer is
 * disconnected: every member sees it leave, and it sees every member leave.
 */
final class InternalTransport implements Transport {

	private static final AtomicInteger NAMES = new AtomicInteger();

	private static final byte[] NO_BYTES = {};

	private static final Logger logger = LoggerFactory.getLogger(InternalTransport.class);

	private final InternalBuses buses;

	private final String busName;

	private final @Nullable String requestedName;

	private final int maxFrameSize;

	private volatile @Nullable Member member;

	InternalTransport(InternalBuses buses, String busName, @Nullable String requestedName, int maxFrameSize) {
		this.buses = buses;
		this.busName = busName;
		this.requestedName = requestedName;
		this.maxFrameSize = maxFrameSize;
	}

	@Override
	public synchronized void start(Listener listener) {
		if (this.member != null) {
			return;
		}
		String name = (this.requestedName != null) ? this.requestedName : "internal-" + NAMES.incrementAndGet();
		Member starting = new Member(name, listener, this.maxFrameSize);
		this.member = starting;
		try {
			starting.bus = this.buses.join(this.busName, name, this);
		}
		catch (RuntimeException ex) {
			this.member = null;
			starting.shutdown();
			throw ex;
		}
	}

	@Override
	public void stop() {
		Member stopping;
		synchronized (this) {
			stopping = this.member;
			if (stopping == null) {
				return;
			}
			this.member = null;
			// before a start can come in: it may take the same name on the same bus
			InternalBus bus = stopping.bus;
			if (bus != null) {
				bus.leave(stopping.name);
			}
		}
		stopping.shutdown();
	}

	/**
	 * Puts this member off its bus because it sent another member too much without completing a
	 * message; called on that member's delivery thread. Tells this member's listener that every
	 * peer left, then ends its delivery thread.
	 */
	void dropFromBus(String receiver) {
		Member dropped;
		List<String> others = new ArrayList<>();
		synchronized (this) {
			dropped = this.member;
			if (dropped == null) {
				return;
			}
			this.member = null;
			InternalBus bus = dropped.bus;
			if (bus != null) {
				others.addAll(bus.members.keySet());
				others.remove(dropped.name);
				bus.leave(dropped.name);
			}
		}
		for (String other : others) {
			dropped.execute(() -> dropped.listener.peerDisconnected(other));
		}
		dropped.endAfterQueued();
		logger.debug("'{}' on {} was dropped by '{}'", dropped.name, this, receiver);
	}

	@Override
	public boolean isRunning() {
		return this.member != null;
	}

	@Override
	public void send(byte[] data, @Nullable Collection<String> receivers) {
		Member sender = this.member;
		InternalBus bus = (sender != null) ? sender.bus : null;
		if (sender == null || bus == null) {
			throw new TransportException("Cannot send on " + this + ": it is not running; start it first");
		}
		List<InternalTransport> targets = new ArrayList<>();
		if (receivers == null) {
			bus.members.forEach((name, target) -> {
				if (!name.equals(sender.name)) {
					targets.add(target);
				}
			});
		}
		else {
			for (String receiver : receivers) {
				InternalTransport target = bus.members.get(receiver);
				if (target == null || receiver.equals(sender.name)) {
					throw new TransportException("Unknown receiver '" + receiver + "' on internal bus '" + this.busName
							+ "'; connected peers: " + peers());
				}
				targets.add(target);
			}
		}
		for (InternalTransport target : targets) {
			target.deliverData(sender.name, data);
		}
	}

	/** Holds back what a peer sends this member, on the delivery thread, until resumed. */
	@Override
	public boolean pauseReading(String peer) {
		Member current = this.member;
		InternalBus bus = (current != null) ? current.bus : null;
		if (current == null || bus == null || peer.equals(current.name) || !bus.members.containsKey(peer)) {
			return false;
		}
		current.paused.add(peer);
		return true;
	}

	@Override
	public void resumeReading(String peer) {
		Member current = this.member;
		if (current != null && current.paused.remove(peer)) {
			current.execute(() -> current.deliverHeld(peer));
		}
	}

	@Override
	public Set<String> peers() {
		Member current = this.member;
		InternalBus bus = (current != null) ? current.bus : null;
		Set<String> peers = new TreeSet<>();
		if (current != null && bus != null) {
			peers.addAll(bus.members.keySet());
			peers.remove(current.name);
		}
		return peers;
	}

	String name() {
		Member current = this.member;
		return (current != null) ? current.name : String.valueOf(this.requestedName);
	}

	void deliverConnected(String peer) {
		Member current = this.member;
		if (current != null) {
			current.execute(() -> current.listener.peerConnected(peer));
		}
	}

	void deliverDisconnected(String peer) {
		Member current = this.member;
		if (current != null) {
			current.execute(() -> {
				current.remainders.remove(peer);
				current.dropped.remove(peer);
				current.forget(peer);
				current.listener.peerDisconnected(peer);
			});
		}
	}

	private void deliverData(String peer, byte[] data) {
		Member current = this.member;
		if (current != null) {
			AtomicLong queued = current.awaitRoom(peer);
			queued.addAndGet(data.length);
			current.execute(() -> current.arrived(peer, data, queued));
		}
	}

	@Override
	public String toString() {
		return "internal:" + this.busName + ((this.requestedName != null) ? ":" + this.requestedName : "");
	}

	/** One run of the transport, from start to stop. */
	private final class Member {

		final String name;

		final Listener listener;

		private final int maxFrameSize;

		/** Senders this member dropped, whose leaving it has not yet been told; delivery thread only. */
		final Set<String> dropped = new HashSet<>();

		volatile @Nullable InternalBus bus;

		/** Unconsumed bytes by sender; touched only on the delivery thread. */
		final Map<String, ByteBuffer> remainders = new HashMap<>();

		private final ThreadPoolExecutor delivery;

		private volatile boolean open = true;

		/** Bytes sent to this member and not yet delivered, by sender, each bounded on its own. */
		private final Map<String, AtomicLong> queued = new ConcurrentHashMap<>();

		/** Senders whose messages are held back, as the listener asked. */
		final Set<String> paused = ConcurrentHashMap.newKeySet();

		/** Messages held back, by sender, in order; delivery thread only. */
		private final Map<String, ArrayDeque<byte[]>> held = new HashMap<>();

		private volatile int waiting;

		Member(String name, Listener listener, int maxFrameSize) {
			this.name = name;
			this.listener = listener;
			this.maxFrameSize = maxFrameSize;
			this.delivery = new ThreadPoolExecutor(1, 1, 10, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
					(task) -> new DeliveryThread(task, "quickrpc-internal-" + name));
			this.delivery.allowCoreThreadTimeOut(true);
		}

		void execute(Runnable task) {
			if (!this.open) {
				return;
			}
			this.delivery.execute(() -> {
				if (this.open) {
					task.run();
				}
			});
		}

		/**
		 * Holds a sender back while more than the default maximum of queued bytes from it waits
		 * for this member, as a TCP peer that reads slowly would; other senders are not held back
		 * with it. Threads that serve many peers (delivery threads, handler threads) never wait:
		 * past twice the bound their send fails.
		 * @return the sender's count of queued bytes
		 */
		AtomicLong awaitRoom(String sender) {
			AtomicLong queued = this.queued.computeIfAbsent(sender, (key) -> new AtomicLong());
			long max = NetworkOptions.DEFAULT_MAX_QUEUED_BYTES;
			if (queued.get() <= max) {
				return queued;
			}
			if (Thread.currentThread() instanceof DeliveryThread || ServingThreads.isCurrent()) {
				if (queued.get() > 2 * max) {
					throw new TransportException("'" + this.name + "' has " + queued.get() + " bytes from '" + sender
							+ "' it has not taken, more than twice the bound of " + max + "; the message was not sent");
				}
				return queued;
			}
			long timeout = NetworkOptions.DEFAULT_SLOW_PEER_TIMEOUT.toNanos();
			long deadline = System.nanoTime() + timeout;
			synchronized (this) {
				this.waiting++;
				try {
					while (this.open && queued.get() > max) {
						long remaining = deadline - System.nanoTime();
						if (remaining <= 0) {
							throw new TransportException("'" + this.name + "' has not taken what '" + sender
									+ "' sent it within " + NetworkOptions.DEFAULT_SLOW_PEER_TIMEOUT.toSeconds()
									+ " s; it is stuck, or far slower than its senders");
						}
						TimeUnit.NANOSECONDS.timedWait(this, remaining);
					}
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new TransportException("Interrupted while waiting for '" + this.name + "' to take what was "
							+ "sent to it; the message was not sent", ex);
				}
				finally {
					this.waiting--;
				}
			}
			return queued;
		}

		private void taken(AtomicLong queued, int bytes) {
			if (queued.addAndGet(-bytes) <= NetworkOptions.DEFAULT_MAX_QUEUED_BYTES / 2 && this.waiting > 0) {
				synchronized (this) {
					notifyAll();
				}
			}
		}

		/** Delivers a message, or holds it back behind its sender's held messages; delivery thread only. */
		void arrived(String peer, byte[] data, AtomicLong queued) {
			ArrayDeque<byte[]> heldBack = this.held.get(peer);
			if (heldBack != null || this.paused.contains(peer)) {
				if (heldBack == null) {
					heldBack = new ArrayDeque<>();
					this.held.put(peer, heldBack);
				}
				heldBack.add(data);
				return;
			}
			try {
				received(peer, data);
			}
			finally {
				taken(queued, data.length);
			}
		}

		/** Delivers what was held back from a sender, until it is paused again; delivery thread only. */
		void deliverHeld(String peer) {
			if (!this.paused.contains(peer) && this.remainders.containsKey(peer)) {
				// what the listener left when it paused comes first, even if nothing more arrives
				received(peer, NO_BYTES);
			}
			ArrayDeque<byte[]> heldBack = this.held.get(peer);
			AtomicLong queued = this.queued.get(peer);
			while (heldBack != null && !heldBack.isEmpty() && !this.paused.contains(peer)) {
				byte[] data = heldBack.poll();
				try {
					received(peer, data);
				}
				finally {
					if (queued != null) {
						taken(queued, data.length);
					}
				}
			}
			if (heldBack != null && heldBack.isEmpty()) {
				this.held.remove(peer);
			}
		}

		/** Forgets a sender that left; delivery thread only. */
		void forget(String peer) {
			this.held.remove(peer);
			this.paused.remove(peer);
			this.queued.remove(peer);
		}

		void received(String peer, byte[] data) {
			if (this.dropped.contains(peer)) {
				return; // sent before it was dropped
			}
			ByteBuffer previous = this.remainders.remove(peer);
			ByteBuffer buffer;
			if (previous == null) {
				buffer = ByteBuffer.wrap(data).asReadOnlyBuffer();
			}
			else {
				buffer = ByteBuffer.allocate(previous.remaining() + data.length).put(previous).put(data).flip();
			}
			this.listener.received(peer, buffer);
			if (buffer.remaining() > this.maxFrameSize) {
				logger.warn("Dropping peer '{}' on {}: it sent {} bytes without completing a message, more than the "
						+ "maximum frame size of {} bytes", peer, InternalTransport.this, buffer.remaining(),
						this.maxFrameSize);
				this.dropped.add(peer);
				InternalBus current = this.bus;
				InternalTransport sender = (current != null) ? current.members.get(peer) : null;
				if (sender != null) {
					sender.dropFromBus(this.name);
				}
			}
			else if (buffer.hasRemaining()) {
				this.remainders.put(peer, ByteBuffer.allocate(buffer.remaining()).put(buffer).flip());
			}
		}

		/** Ends the delivery thread once what is queued for it, such as the peers leaving, is delivered. */
		void endAfterQueued() {
			this.delivery.shutdown();
		}

		void shutdown() {
			this.open = false;
			synchronized (this) {
				notifyAll();
			}
			ExecutorService executor = this.delivery;
			executor.shutdownNow();
			if (!Thread.currentThread().getName().equals("quickrpc-internal-" + this.name)) {
				try {
					executor.awaitTermination(5, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
		}

	}

	/** The thread that delivers to one member. */
	private static final class DeliveryThread extends Thread {

		DeliveryThread(Runnable task, String name) {
			super(task, name);
			setDaemon(true);
		}

	}

}
