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
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.util.concurrent.ScheduledFuture;
import io.netty.util.internal.PlatformDependent;

import io.quickrpc.transport.ServingThreads;
import io.quickrpc.transport.TransportException;

/**
 * One connected peer of a network transport: its channel, its verified identity, and the
 * messages waiting to be written to it.
 * <p>
 * Messages are queued, from any thread, and written by one task on the channel's event loop:
 * everything queued by then goes out as one buffer with one flush. Written one by one, each
 * message would cost a task, a buffer and a pass through the pipeline, more than encoding it.
 * <p>
 * A peer that does not read never holds back a {@linkplain ServingThreads serving thread}: once
 * more than {@code maxQueuedBytes} wait for it, here and in the channel, such a thread still
 * queues, up to twice the bound, then drops the peer. Other threads wait for room, and drop the
 * peer if it does not read within the slow peer timeout. A peer that stays over the bound, until
 * it reads down to half of it, for longer than that timeout is dropped by a timer on its event
 * loop, even if nothing more is sent to it; meanwhile its {@link ConnectionHandler} does not read
 * from it.
 */
final class PeerChannel {

	private static final Logger logger = LoggerFactory.getLogger(PeerChannel.class);

	private static final RateLimitedWarning droppedSlow = new RateLimitedWarning(logger);

	/** The most bytes copied into one buffer for one write. */
	private static final int MAX_BATCH_BYTES = 64 * 1024;

	final String name;

	final Channel channel;

	final @Nullable String identity;

	private final NetworkOptions options;

	private final String transport;

	private final ConnectionHandler reader;

	private final Writer writer;

	// grows 64 entries at a time: an idle peer holds a few hundred bytes, not Netty's default 4 KiB chunk
	private final Queue<byte[]> queue = PlatformDependent.newMpscQueue(64, 1 << 30);

	private final AtomicLong queuedBytes = new AtomicLong();

	private final AtomicBoolean writeScheduled = new AtomicBoolean();

	private final Runnable writeQueued = this::writeQueued;

	/** Used only on the event loop, by {@link #writeQueued()}. */
	private final List<byte[]> batch = new ArrayList<>();

	private volatile int waiting;

	private boolean dropping;

	/** Whether more than maxQueuedBytes wait in the channel, until under half: on the event loop. */
	private boolean over;

	/**
	 * Since when {@link #over} holds and the peer has read nothing, in {@link System#nanoTime()}:
	 * on the event loop.
	 */
	private long overSince;

	/** The bytes handed to the channel so far: on the event loop. */
	private long handed;

	/** The bytes the peer had read when {@link #overSince} was last set: on the event loop. */
	private long readAtOverSince;

	/** The one timer that drops the peer if it stays over for the slow peer timeout: on the event loop. */
	private @Nullable ScheduledFuture<?> overTimer;

	PeerChannel(String name, Channel channel, @Nullable String identity, NetworkOptions options, String transport,
			ConnectionHandler reader, Writer writer) {
		this.name = name;
		this.channel = channel;
		this.identity = identity;
		this.options = options;
		this.transport = transport;
		this.reader = reader;
		this.writer = writer;
	}

	/**
	 * Queues a message for the peer. While too much waits for it already, a serving thread queues
	 * up to twice the bound and beyond drops the peer; any other thread first waits for room, and
	 * drops the peer if it does not read in time. A dropped peer is not sent the message.
	 * @throws TransportException if interrupted while waiting
	 */
	void send(byte[] data) {
		if (!this.channel.isActive()) {
			return; // closing: what is sent now would never be written
		}
		int maxQueued = this.options.maxQueuedBytes();
		long pending = pendingBytes();
		if (pending >= maxQueued) {
			if (isServing()) {
				if (pending + data.length > 2L * maxQueued) {
					dropOverfull(pending + data.length);
					return;
				}
			}
			else if (!awaitRoom()) {
				dropSlow();
				return;
			}
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

	/** Whether the current thread must not wait for this peer: it serves others too. */
	private boolean isServing() {
		return ServingThreads.isCurrent() || this.channel.eventLoop().inEventLoop();
	}

	/** Waits for room; returns whether there is room, or {@code false} to drop the peer. */
	private boolean awaitRoom() {
		int maxQueued = this.options.maxQueuedBytes();
		long timeout = this.options.slowPeerTimeout().toNanos();
		long deadline = System.nanoTime() + timeout;
		boolean room;
		synchronized (this) {
			this.waiting++;
			try {
				long remaining = timeout;
				while (!(room = pendingBytes() < maxQueued) && this.channel.isActive() && remaining > 0) {
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
		// the room seen once decides: the estimate moves as the channel's writability flips
		return room && this.channel.isActive();
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
		this.handed += this.writer.write(this.channel, this.batch, size);
		this.batch.clear();
	}

	/** Writes a batch as one stretch of a byte stream: one buffer, one write. */
	static int writeStream(Channel channel, List<byte[]> batch, int size) {
		// a direct buffer, as the socket needs one: the channel would otherwise copy a heap buffer again
		ByteBuf buffer = channel.alloc().directBuffer(size);
		for (byte[] data : batch) {
			buffer.writeBytes(data);
		}
		channel.write(buffer, channel.voidPromise());
		return size;
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

	/**
	 * Hears, on the event loop, that more than {@code maxQueuedBytes} wait in the channel, or that
	 * they fell under half of it; while over, a timer drops the peer once it has read nothing for
	 * the slow peer timeout. A peer that reads, however slowly, is not dropped: senders that may
	 * wait are held back by it instead. The timer is armed once and re-arms itself for what is left, so going over and under
	 * many times costs no more than one task per timeout.
	 */
	void outboundFull(boolean full) {
		if (!full) {
			this.over = false;
			return;
		}
		if (!this.over) {
			this.over = true;
			this.overSince = System.nanoTime();
			this.readAtOverSince = readByPeer();
		}
		if (this.overTimer == null) {
			armOverTimer(this.options.slowPeerTimeout().toNanos());
		}
	}

	private void armOverTimer(long delay) {
		this.overTimer = this.channel.eventLoop().schedule(this::checkOver, delay, TimeUnit.NANOSECONDS);
	}

	private void checkOver() {
		this.overTimer = null;
		if (!this.over || !this.channel.isActive()) {
			return;
		}
		long read = readByPeer();
		if (read > this.readAtOverSince) {
			// slow, but reading: the timeout counts from its last progress
			this.overSince = System.nanoTime();
			this.readAtOverSince = read;
		}
		long left = this.overSince + this.options.slowPeerTimeout().toNanos() - System.nanoTime();
		if (left > 0) {
			armOverTimer(left);
		}
		else if (claimDrop()) {
			droppedSlow.warn("Dropping peer '{}' on {}: more than {} bytes have waited to be sent to it for {} ms and "
					+ "it has not read them down to half of that; raise maxQueuedBytes or slowPeerTimeout if it is "
					+ "merely slow", this.name, this.transport, this.options.maxQueuedBytes(),
					this.options.slowPeerTimeout().toMillis());
			this.channel.close();
		}
	}

	/** The bytes the socket has taken so far: handed to the channel, less what still waits in it. */
	private long readByPeer() {
		ChannelOutboundBuffer pending = this.channel.unsafe().outboundBuffer();
		return this.handed - ((pending != null) ? pending.totalPendingWriteBytes() : 0);
	}

	/** Lets go of the timer and wakes waiting senders: the channel closed. On the event loop. */
	void closed() {
		ScheduledFuture<?> timer = this.overTimer;
		if (timer != null) {
			timer.cancel(false);
			this.overTimer = null;
		}
		this.over = false;
		wake();
	}

	/** Stops reading from the peer until {@link #resumeReading()}: the endpoint's reason. */
	void pauseReading() {
		this.reader.pauseReading();
	}

	/** Reads from the peer again, unless it does not read what it is sent. */
	void resumeReading() {
		this.reader.resumeReading();
	}

	/** Disconnects a peer that does not read what it is sent, after a sender waited for it; logs once. */
	private void dropSlow() {
		if (claimDrop()) {
			droppedSlow.warn("Dropping peer '{}' on {}: more than {} bytes wait to be sent to it and it has not read "
					+ "them within {} ms; raise maxQueuedBytes or slowPeerTimeout if it is merely slow", this.name,
					this.transport, this.options.maxQueuedBytes(), this.options.slowPeerTimeout().toMillis());
			this.channel.close();
		}
	}

	/** Disconnects a peer that a serving thread, which cannot wait, would queue too much for; logs once. */
	private void dropOverfull(long pending) {
		if (claimDrop()) {
			droppedSlow.warn("Dropping peer '{}' on {}: {} bytes would wait to be sent to it, more than twice "
					+ "maxQueuedBytes ({}), and a thread that serves other peers cannot wait for it to read them; "
					+ "raise maxQueuedBytes if it is merely slow", this.name, this.transport, pending,
					this.options.maxQueuedBytes());
			this.channel.close();
		}
	}

	/**
	 * Puts a batch of queued messages into the channel, without flushing: on the event loop. A
	 * byte stream ({@link PeerChannel#writeStream}) joins them; a message protocol writes each
	 * frame as a message of its own.
	 */
	@FunctionalInterface
	interface Writer {

		/**
		 * Writes the messages, in order.
		 * @param channel the peer's channel
		 * @param batch what was queued, in order
		 * @param size the bytes of the batch
		 * @return the bytes handed to the channel, as far as the writer knows them
		 */
		int write(Channel channel, List<byte[]> batch, int size);

	}

	/** Returns whether this call is the first to drop the peer, which is still connected. */
	private boolean claimDrop() {
		synchronized (this) {
			if (this.dropping) {
				return false;
			}
			this.dropping = true;
		}
		return this.channel.isActive();
	}

}
