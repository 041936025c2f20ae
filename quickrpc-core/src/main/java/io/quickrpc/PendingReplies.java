package io.quickrpc;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import io.netty.util.Timeout;
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

	private final Map<Long, Pending> pending = new ConcurrentHashMap<>();

	private final AtomicLong ids = new AtomicLong();

	private final AtomicInteger count = new AtomicInteger();

	private final int limit;

	private final Duration timeout;

	PendingReplies(int limit, Duration timeout) {
		this.limit = limit;
		this.timeout = timeout;
	}

	/** How long a request waits for its reply. */
	Duration timeout() {
		return this.timeout;
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
		Pending entry = new Pending(id, method, peer);
		this.pending.put(id, entry);
		entry.timeout = timer.newTimeout((timeout) -> expire(id), this.timeout.toNanos(), TimeUnit.NANOSECONDS);
		return entry;
	}

	/**
	 * Completes the request a reply answers.
	 * @return {@code null} if done, else why the reply was not expected
	 */
	@Nullable String complete(String peer, Message reply) {
		RequestId id = (reply instanceof Message.Reply success) ? success.id() : ((Message.ErrorReply) reply).id();
		Pending entry = id.isLong() ? this.pending.get(id.longValue()) : null;
		if (entry == null) {
			return "a reply to request " + id + ", which is not pending (it timed out, or was never sent)";
		}
		if (!entry.peer.equals(peer)) {
			return "a reply to request " + id + ", which was sent to '" + entry.peer + "', not to this peer";
		}
		if (remove(entry)) {
			if (reply instanceof Message.Reply success) {
				try {
					entry.future.complete(resultOf(entry, success.result()));
				}
				catch (RpcException ex) {
					entry.future.completeExceptionally(ex);
				}
			}
			else {
				Message.ErrorReply error = (Message.ErrorReply) reply;
				entry.future.completeExceptionally(new RemoteException(error.code(), error.message(),
						ErrorData.valueOf(error.data())));
			}
		}
		return null;
	}

	/**
	 * Returns how to read the result of a reply: into the declared reply type of the request it
	 * answers, or not at all if no such request waits.
	 */
	ValueReader resultReader(RequestId id) {
		Pending entry = id.isLong() ? this.pending.get(id.longValue()) : null;
		return (entry != null) ? entry.method.binding.resultReader : MethodBinding.SKIP;
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
			entry.future.completeExceptionally(error);
		}
	}

	/** Fails every request to a peer that is gone. */
	void failPeer(String peer) {
		for (Pending entry : this.pending.values()) {
			if (entry.peer.equals(peer)) {
				fail(entry, new RpcException("Peer '" + peer + "' disconnected before replying to "
						+ entry.method.description + "; call again when it is back"));
			}
		}
	}

	/** Fails every request: the endpoint stops. */
	void failAll(String reason) {
		for (Pending entry : this.pending.values()) {
			fail(entry, new RpcException("No reply to " + entry.method.description + ": " + reason));
		}
	}

	/** Fails every request, as its peer is gone, with the reason for its peer. */
	void failAll(Function<String, String> reasonForPeer) {
		for (Pending entry : this.pending.values()) {
			fail(entry, new RpcException(reasonForPeer.apply(entry.peer) + " (" + entry.method.description + ")"));
		}
	}

	int size() {
		return this.count.get();
	}

	private void expire(long id) {
		Pending entry = this.pending.get(id);
		if (entry != null && remove(entry)) {
			entry.future.completeExceptionally(new ReplyTimeoutException("No reply to " + entry.method.description
					+ " from '" + entry.peer + "' within " + this.timeout.toMillis() + " ms; check that the peer "
					+ "handles it, or raise the reply timeout"));
		}
	}

	private boolean remove(Pending entry) {
		if (!this.pending.remove(entry.id, entry)) {
			return false;
		}
		this.count.decrementAndGet();
		Timeout timeout = entry.timeout;
		if (timeout != null) {
			timeout.cancel();
		}
		return true;
	}

	/** One request waiting for its reply. */
	static final class Pending {

		final long id;

		final MethodModel method;

		final String peer;

		final CompletableFuture<@Nullable Object> future = new CompletableFuture<>();

		volatile @Nullable Timeout timeout;

		Pending(long id, MethodModel method, String peer) {
			this.id = id;
			this.method = method;
			this.peer = peer;
		}

	}

}
