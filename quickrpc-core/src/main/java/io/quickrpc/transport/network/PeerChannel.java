package io.quickrpc.transport.network;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.util.internal.PlatformDependent;

import io.quickrpc.transport.TransportException;

/**
 * One connected peer of a network transport: its channel, its verified identity, and the
 * messages waiting to be written to it.
 * <p>
 * Messages are queued, from any thread, and written by one task on the channel's event loop:
 * everything queued by then goes out as one buffer with one flush. Written one by one, each
 * message would cost a task, a buffer and a pass through the pipeline, more than encoding it.
 * <p>
 * A peer that does not read holds back its senders once more than {@code maxQueuedBytes} wait
 * for it, here and in the channel, and is dropped if it does not read within the slow peer
 * timeout. The event loop, which must not wait, goes on queueing up to twice the bound, then
 * drops the peer.
 */
final class PeerChannel {

	private static final Logger logger = LoggerFactory.getLogger(PeerChannel.class);

	/** The most bytes copied into one buffer for one write. */
	private static final int MAX_BATCH_BYTES = 64 * 1024;

	final String name;

	final Channel channel;

	final @Nullable String identity;

	private final NetworkOptions options;

	private final String transport;

	// grows 64 entries at a time: an idle peer holds a few hundred bytes, not Netty's default 4 KiB chunk
	private final Queue<byte[]> queue = PlatformDependent.newMpscQueue(64, 1 << 30);

	private final AtomicLong queuedBytes = new AtomicLong();

	private final AtomicBoolean writeScheduled = new AtomicBoolean();

	private final Runnable writeQueued = this::writeQueued;

	/** Used only on the event loop, by {@link #writeQueued()}. */
	private final List<byte[]> batch = new ArrayList<>();

	private volatile int waiting;

	private boolean dropping;

	PeerChannel(String name, Channel channel, @Nullable String identity, NetworkOptions options, String transport) {
		this.name = name;
		this.channel = channel;
		this.identity = identity;
		this.options = options;
		this.transport = transport;
	}

	/**
	 * Queues a message for the peer, first waiting while too much waits for it already. Drops the
	 * peer, and does not send, if it does not read in time.
	 * @throws TransportException if interrupted while waiting
	 */
	void send(byte[] data) {
		if (!this.channel.isActive()) {
			return; // closing: what is sent now would never be written
		}
		if (pendingBytes() >= this.options.maxQueuedBytes() && !awaitRoom()) {
			dropSlow();
			return;
		}
		this.queuedBytes.addAndGet(data.length);
		this.queue.add(data);
		if (this.writeScheduled.compareAndSet(false, true)) {
			try {
				this.channel.eventLoop().execute(this.writeQueued);
			}
			catch (RejectedExecutionException ex) {
				// the event loops ended under a send that raced with stop()
				discardQueued();
				throw new TransportException("Cannot send to '" + this.name + "' on " + this.transport
						+ ": the transport stopped while sending; start it again to send", ex);
			}
		}
	}

	/** The bytes waiting for the peer: queued here, and in the channel's outbound buffer. */
	private long pendingBytes() {
		long inChannel = this.channel.isWritable()
				? this.options.maxQueuedBytes() - this.channel.bytesBeforeUnwritable()
				: this.options.maxQueuedBytes() / 2 + this.channel.bytesBeforeWritable();
		return this.queuedBytes.get() + Math.max(inChannel, 0);
	}

	/** Waits for room; returns whether there is room, or {@code false} to drop the peer. */
	private boolean awaitRoom() {
		int maxQueued = this.options.maxQueuedBytes();
		if (this.channel.eventLoop().inEventLoop()) {
			return pendingBytes() < 2L * maxQueued;
		}
		long timeout = this.options.slowPeerTimeout().toNanos();
		long deadline = System.nanoTime() + timeout;
		synchronized (this) {
			this.waiting++;
			try {
				long remaining = timeout;
				while (pendingBytes() >= maxQueued && this.channel.isActive() && remaining > 0) {
					TimeUnit.NANOSECONDS.timedWait(this, remaining);
					remaining = deadline - System.nanoTime();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new TransportException("Interrupted while waiting for peer '" + this.name
						+ "' to read what was sent to it; the message was not sent", ex);
			}
			finally {
				this.waiting--;
			}
		}
		return this.channel.isActive() && pendingBytes() < maxQueued;
	}

	/** Writes everything queued, in batches of one buffer each, and flushes: on the event loop. */
	private void writeQueued() {
		this.writeScheduled.set(false);
		if (!this.channel.isActive()) {
			// closed: nothing queued can be written; senders see the channel closed and stop queueing
			discardQueued();
			return;
		}
		long written = 0;
		int batchBytes = 0;
		byte[] data;
		while ((data = this.queue.poll()) != null) {
			if (batchBytes > 0 && batchBytes + data.length > MAX_BATCH_BYTES) {
				writeBatch(batchBytes);
				batchBytes = 0;
			}
			this.batch.add(data);
			batchBytes += data.length;
			written += data.length;
		}
		if (batchBytes > 0) {
			writeBatch(batchBytes);
		}
		this.channel.flush();
		this.queuedBytes.addAndGet(-written);
		wake();
	}

	private void writeBatch(int size) {
		// a direct buffer, as the socket needs one: the channel would otherwise copy a heap buffer again
		ByteBuf buffer = this.channel.alloc().directBuffer(size);
		for (byte[] data : this.batch) {
			buffer.writeBytes(data);
		}
		this.batch.clear();
		this.channel.write(buffer, this.channel.voidPromise());
	}

	private void discardQueued() {
		long discarded = 0;
		byte[] data;
		while ((data = this.queue.poll()) != null) {
			discarded += data.length;
		}
		this.queuedBytes.addAndGet(-discarded);
		wake();
	}

	/** Wakes senders waiting for room: the channel became writable, wrote, or closed. */
	void wake() {
		if (this.waiting > 0) {
			synchronized (this) {
				notifyAll();
			}
		}
	}

	/** Disconnects a peer that does not read what it is sent; logs once. */
	private void dropSlow() {
		boolean first;
		synchronized (this) {
			first = !this.dropping;
			this.dropping = true;
		}
		if (first && this.channel.isActive()) {
			logger.warn("Dropping peer '{}' on {}: more than {} bytes wait to be sent to it and it has not read them "
					+ "within {} ms; raise maxQueuedBytes or slowPeerTimeout if it is merely slow", this.name,
					this.transport, this.options.maxQueuedBytes(), this.options.slowPeerTimeout().toMillis());
			this.channel.close();
		}
	}

}
