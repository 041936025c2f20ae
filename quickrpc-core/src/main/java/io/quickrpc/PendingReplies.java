package io.quickrpc;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import io.netty.util.Timer;

import io.quickrpc.codec.Message;
import io.quickrpc.codec.RequestId;
import io.quickrpc.codec.Value;
import io.quickrpc.codec.ValueReader;

/**
 * The requests of one endpoint that wait for a reply, by id. Bounded: past the bound a new
 * request fails at once. Every entry leaves exactly once: on its reply, its timeout, its peer's
 * departure, or the endpoint's stop.
 */
final class PendingReplies {

	/** How many requests have a slot of their own, at most. */
	private static final int MAX_SLOTS = 512;

	/**
	 * The waiting requests, each in the slot its id names, ids being consecutive: a look-up is
	 * one read, and adding and removing one compare-and-set each.
	 */
	private final AtomicReferenceArray<@Nullable Pending> slots;

	private final int slotMask;

	/** The requests whose slot was taken by an older one that still waits, by id. */
	private final Map<Long, Pending> overflow = new ConcurrentHashMap<>();

	private final AtomicLong ids = new AtomicLong();

	private final AtomicInteger count = new AtomicInteger();

	private final int limit;

	private final Duration timeout;

	/**
	 * How often waiting requests are checked for their timeout: a fiftieth of the shortest
	 * timeout, within 10 to 200 ms.
	 */
	private final long sweepInterval;

	private final AtomicBoolean sweeping = new AtomicBoolean();

	private final ReplyErrors errors;

	private final CallReporter reporter;

	/**
	 * @param timeout how long a request waits for its reply, unless its method has a timeout of
	 * its own
	 * @param shortestTimeout the shortest timeout of any method
	 * @param errors what error replies become
	 * @param reporter told of each request that ended
	 */
	PendingReplies(int limit, Duration timeout, Duration shortestTimeout, ReplyErrors errors, CallReporter reporter) {
		this.errors = errors;
		this.reporter = reporter;
		int wanted = Math.min(MAX_SLOTS, limit);
		int slotCount = (wanted <= 1) ? 1 : Integer.highestOneBit(wanted - 1) << 1;
		this.slots = new AtomicReferenceArray<>(slotCount);
		this.slotMask = slotCount - 1;
		this.limit = limit;
		this.timeout = timeout;
		this.sweepInterval = Math.max(TimeUnit.MILLISECONDS.toNanos(10),
				Math.min(shortestTimeout.toNanos() / 50, TimeUnit.MILLISECONDS.toNanos(200)));
	}

	/** How long a request of a method waits for its reply. */
	Duration timeout(MethodModel method) {
		return method.replyTimeout(this.timeout);
	}

	/**
	 * Registers a request to a peer and returns its entry, whose future the reply completes.
	 * @throws RpcException if the bound is reached
	 */
	Pending register(MethodModel method, String peer, Timer timer) {
		if (this.count.incrementAndGet() > this.limit) {
			this.count.decrementAndGet();
			throw new RpcException("Cannot call " + method.description + ": " + this.limit + " requests already wait "
					+ "for replies, the most this endpoint allows; wait for replies, or raise maxPendingReplies");
		}
		long id = this.ids.incrementAndGet();
		Pending entry = new Pending(id, method, peer, this.reporter.start());
		if (!this.slots.compareAndSet(slot(id), null, entry)) {
			this.overflow.put(id, entry);
		}
		if (!this.sweeping.get() && this.sweeping.compareAndSet(false, true)) {
			scheduleSweep(timer);
		}
		return entry;
	}

	/**
	 * Times out what waits too long: one task for all requests, every {@link #sweepInterval}
	 * while any wait, costs less than a timeout scheduled and cancelled for every request.
	 * <p>
	 * A request's deadline is set by the first sweep that sees it, from that sweep's clock: the
	 * request was sent at most one interval before, so it never times out early, and at most two
	 * sweeps late (each sweep may itself come up to a tick of the timer late). Sending a request
	 * reads no clock, which costs as much as a small call's own work on some machines.
	 */
	private void sweep(Timer timer) {
		long now = System.nanoTime();
		for (Pending entry : entries()) {
			if (!entry.seen) {
				entry.seen = true;
				entry.deadline = now + timeout(entry.method).toNanos();
			}
			else if (now - entry.deadline >= 0) {
				expire(entry);
			}
		}
		if (this.count.get() > 0) {
			scheduleSweep(timer);
			return;
		}
		this.sweeping.set(false);
		if (this.count.get() > 0 && this.sweeping.compareAndSet(false, true)) {
			scheduleSweep(timer); // a request came in between
		}
	}

	private void scheduleSweep(Timer timer) {
		try {
			timer.newTimeout((timeout) -> sweep(timer), this.sweepInterval, TimeUnit.NANOSECONDS);
		}
		catch (IllegalStateException ex) {
			// the timer stopped with the endpoint, which fails what is pending
			this.sweeping.set(false);
		}
	}

	/**
	 * Completes the request a reply answers.
	 * @return {@code null} if done, else why the reply was not expected
	 */
	@Nullable String complete(String peer, Message reply) {
		return complete(peer, reply, null);
	}

	/**
	 * Completes the request a reply answers, given the entry {@link #lookUp(RequestId)} found
	 * for its id while it was read, if any, to spare a second look-up.
	 * @return {@code null} if done, else why the reply was not expected
	 */
	@Nullable String complete(String peer, Message reply, @Nullable Pending found) {
		RequestId id = (reply instanceof Message.Reply success) ? success.id() : ((Message.ErrorReply) reply).id();
		Pending entry = (found != null && id.isLong() && found.id == id.longValue()) ? found : lookUp(id);
		if (entry == null) {
			return "a reply to request " + id + ", which is not pending (it timed out, or was never sent)";
		}
		if (!entry.peer.equals(peer)) {
			return "a reply to request " + id + ", which was sent to '" + entry.peer + "', not to this peer";
		}
		if (remove(entry)) {
			if (reply instanceof Message.Reply success) {
				Object result;
				try {
					result = resultOf(entry, success.result());
				}
				catch (RpcException ex) {
					failRemoved(entry, ex);
					return null;
				}
				this.reporter.ended(entry.method.name, false, CallObserver.Outcome.SUCCESS, entry.start);
				entry.future.complete(result);
			}
			else {
				Message.ErrorReply error = (Message.ErrorReply) reply;
				failRemoved(entry, this.errors.decode(entry.method, new RemoteException(error.code(), error.message(),
						ErrorData.valueOf(error.data()))));
			}
		}
		return null;
	}

	/**
	 * Returns the request with an id, if it waits: its result is read into its declared reply
	 * type, or not at all if no such request waits.
	 */
	@Nullable Pending lookUp(RequestId id) {
		if (!id.isLong()) {
			return null;
		}
		long value = id.longValue();
		Pending entry = this.slots.get(slot(value));
		if (entry != null && entry.id == value) {
			return entry;
		}
		return this.overflow.isEmpty() ? null : this.overflow.get(value);
	}

	private int slot(long id) {
		return (int) id & this.slotMask;
	}

	/** The requests that wait now, or waited a moment ago. */
	private List<Pending> entries() {
		List<Pending> entries = new ArrayList<>(this.overflow.values());
		for (int i = 0; i < this.slots.length(); i++) {
			Pending entry = this.slots.get(i);
			if (entry != null) {
				entries.add(entry);
			}
		}
		return entries;
	}

	private static @Nullable Object resultOf(Pending entry, Value result) {
		if (result instanceof MethodBinding.Result read) {
			return read.value();
		}
		throw new RpcException("The codec did not read the reply to " + entry.method.description + " with the reader "
				+ "its sink gave it; a codec must read every value with the reader the sink returns");
	}

	/** Fails a request that could not be sent. */
	void fail(Pending entry, RpcException error) {
		if (remove(entry)) {
			failRemoved(entry, error);
		}
	}

	/** Fails a request taken out of the table, and tells the reporter. */
	private void failRemoved(Pending entry, Throwable error) {
		this.reporter.ended(entry.method.name, false, CallReporter.outcome(error), entry.start);
		entry.future.completeExceptionally(error);
	}

	/** Fails every request to a peer that is gone. */
	void failPeer(String peer) {
		for (Pending entry : entries()) {
			if (entry.peer.equals(peer)) {
				fail(entry, new RpcException("Peer '" + peer + "' disconnected before replying to "
						+ entry.method.description + "; call again when it is back"));
			}
		}
	}

	/** Fails every request: the endpoint stops. */
	void failAll(String reason) {
		for (Pending entry : entries()) {
			fail(entry, new RpcException("No reply to " + entry.method.description + ": " + reason));
		}
	}

	/** Fails every request, as its peer is gone, with the reason for its peer. */
	void failAll(Function<String, String> reasonForPeer) {
		for (Pending entry : entries()) {
			fail(entry, new RpcException(reasonForPeer.apply(entry.peer) + " (" + entry.method.description + ")"));
		}
	}

	int size() {
		return this.count.get();
	}

	private void expire(Pending entry) {
		if (remove(entry)) {
			failRemoved(entry, new ReplyTimeoutException("No reply to " + entry.method.description
					+ " from '" + entry.peer + "' within " + timeout(entry.method).toMillis() + " ms; check that the "
					+ "peer handles it, or raise the reply timeout"));
		}
	}

	private boolean remove(Pending entry) {
		int slot = slot(entry.id);
		boolean removed = (this.slots.get(slot) == entry) ? this.slots.compareAndSet(slot, entry, null)
				: this.overflow.remove(entry.id, entry);
		if (!removed) {
			return false;
		}
		this.count.decrementAndGet();
		return true;
	}

	/** One request waiting for its reply. */
	static final class Pending {

		final long id;

		final MethodModel method;

		final String peer;

		final CompletableFuture<@Nullable Object> future = new CompletableFuture<>();

		/** Whether a sweep has seen it and set its deadline: only sweeps, one at a time, use it. */
		boolean seen;

		/** When it times out, in {@link System#nanoTime()}, once {@link #seen}. */
		long deadline;

		/** When it started, as {@link CallReporter#start()} tells. */
		final long start;

		Pending(long id, MethodModel method, String peer, long start) {
			this.id = id;
			this.method = method;
			this.peer = peer;
			this.start = start;
		}

	}

}
