package io.quickrpc.transport;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;

/**
 * A member of an {@link InternalBus}. What others send it is delivered in order on its own
 * delivery thread, never on the sender's.
 */
final class InternalTransport implements Transport {

	private static final AtomicInteger NAMES = new AtomicInteger();

	private final String busName;

	private final @Nullable String requestedName;

	private volatile @Nullable Member member;

	InternalTransport(String busName, @Nullable String requestedName) {
		this.busName = busName;
		this.requestedName = requestedName;
	}

	@Override
	public synchronized void start(Listener listener) {
		if (this.member != null) {
			return;
		}
		String name = (this.requestedName != null) ? this.requestedName : "internal-" + NAMES.incrementAndGet();
		Member starting = new Member(name, listener);
		this.member = starting;
		try {
			starting.bus = InternalBus.join(this.busName, name, this);
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
		}
		InternalBus bus = stopping.bus;
		if (bus != null) {
			bus.leave(stopping.name);
		}
		stopping.shutdown();
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
				current.listener.peerDisconnected(peer);
			});
		}
	}

	private void deliverData(String peer, byte[] data) {
		Member current = this.member;
		if (current != null) {
			current.awaitRoom(peer);
			current.queued.addAndGet(data.length);
			current.execute(() -> {
				try {
					current.received(peer, data);
				}
				finally {
					current.taken(data.length);
				}
			});
		}
	}

	@Override
	public String toString() {
		return "internal:" + this.busName + ((this.requestedName != null) ? ":" + this.requestedName : "");
	}

	/** One run of the transport, from start to stop. */
	private static final class Member {

		final String name;

		final Listener listener;

		volatile @Nullable InternalBus bus;

		/** Unconsumed bytes by sender; touched only on the delivery thread. */
		final Map<String, ByteBuffer> remainders = new HashMap<>();

		private final ThreadPoolExecutor delivery;

		private volatile boolean open = true;

		/** Bytes sent to this member and not yet delivered. */
		final AtomicLong queued = new AtomicLong();

		private volatile int waiting;

		Member(String name, Listener listener) {
			this.name = name;
			this.listener = listener;
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
		 * Holds a sender back while more than the default maximum of queued bytes waits for this
		 * member, as a TCP peer that reads slowly would; delivery threads, which must not wait
		 * for each other, never wait.
		 */
		void awaitRoom(String sender) {
			if (this.queued.get() <= NetworkOptions.DEFAULT_MAX_QUEUED_BYTES
					|| Thread.currentThread() instanceof DeliveryThread) {
				return;
			}
			long timeout = NetworkOptions.DEFAULT_SLOW_PEER_TIMEOUT.toNanos();
			long deadline = System.nanoTime() + timeout;
			synchronized (this) {
				this.waiting++;
				try {
					while (this.open && this.queued.get() > NetworkOptions.DEFAULT_MAX_QUEUED_BYTES) {
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
		}

		void taken(int bytes) {
			if (this.queued.addAndGet(-bytes) <= NetworkOptions.DEFAULT_MAX_QUEUED_BYTES / 2 && this.waiting > 0) {
				synchronized (this) {
					notifyAll();
				}
			}
		}

		void received(String peer, byte[] data) {
			ByteBuffer previous = this.remainders.remove(peer);
			ByteBuffer buffer;
			if (previous == null) {
				buffer = ByteBuffer.wrap(data).asReadOnlyBuffer();
			}
			else {
				buffer = ByteBuffer.allocate(previous.remaining() + data.length).put(previous).put(data).flip();
			}
			this.listener.received(peer, buffer);
			if (buffer.hasRemaining()) {
				this.remainders.put(peer, ByteBuffer.allocate(buffer.remaining()).put(buffer).flip());
			}
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
