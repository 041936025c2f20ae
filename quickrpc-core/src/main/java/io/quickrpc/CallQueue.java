package io.quickrpc;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.quickrpc.codec.Message;
import io.quickrpc.security.SecurityInfo;
import io.quickrpc.transport.ServingThreads;
import io.quickrpc.transport.Transport;

/**
 * Queues received calls for the handler threads, one lane per peer, the peers taking turns, and
 * bounds what waits: per peer (calls and bytes) and in all. A peer past a bound is held back:
 * the transport stops reading from it until its calls drain to half the bound, and TCP then
 * slows its sender down, so nothing it sent is lost. Where the transport cannot hold a peer back
 * (datagrams, a broker), a call past a bound is dropped instead: a request is answered
 * at once with error -32002 (overloaded), and drops are counted per peer and logged at most once
 * a second. A call that arrives while the endpoint stops is answered with -32603.
 * <p>
 * An endpoint whose handlers run on the receiving thread queues nothing: each call runs at once,
 * on the thread that decoded it, and no bound applies, as nothing waits.
 */
final class CallQueue {

	private static final Logger logger = LoggerFactory.getLogger(RpcEndpoint.class);

	private final Supplier<FairExecutor> executor;

	private final Supplier<Transport> transport;

	private final MethodInvoker invoker;

	private final Replies replies;

	private final CallStatistics statistics;

	private final Limits limits;

	/** Whether calls run at once on the receiving thread instead of being queued. */
	private final boolean runAtOnce;

	private final String endpoint;

	/** The lanes whose peers are held back, to be let go once there is room again. */
	private final Set<FairExecutor.Lane> paused = ConcurrentHashMap.newKeySet();

	private final LogBudget dropLog = new LogBudget(1);

	/**
	 * @param executor the running endpoint's handler executor; throws
	 * {@link RejectedExecutionException} while the endpoint is stopped
	 * @param transport the transport the endpoint receives on now
	 * @param runAtOnce whether calls run at once on the receiving thread instead of being queued
	 */
	CallQueue(String endpoint, Supplier<FairExecutor> executor, Supplier<Transport> transport, MethodInvoker invoker,
			Replies replies, CallStatistics statistics, Limits limits, boolean runAtOnce) {
		this.endpoint = endpoint;
		this.runAtOnce = runAtOnce;
		this.executor = executor;
		this.transport = transport;
		this.invoker = invoker;
		this.replies = replies;
		this.statistics = statistics;
		this.limits = limits;
	}

	/**
	 * Queues a call, or answers it at once if it cannot be queued, or runs it at once if calls
	 * run on the receiving thread.
	 * @param batch where the reply goes if the call came in a batch, else {@code null}
	 * @param bytes the size of the call as received
	 * @return the executor the call was queued on, to be started, or {@code null}
	 */
	@Nullable FairExecutor enqueue(String peer, Message.Call call, SecurityInfo securityInfo,
			@Nullable BatchReplies batch, int bytes) {
		FairExecutor executor;
		try {
			executor = this.executor.get();
		}
		catch (RejectedExecutionException ex) {
			this.replies.reject(peer, batch, call.id(), RemoteException.INTERNAL_ERROR,
					new RpcException("Cannot handle " + call.method() + ": the endpoint is stopping", ex));
			return null;
		}
		if (this.runAtOnce) {
			ServingThreads.run(() -> this.invoker.invoke(peer, call, securityInfo, batch));
			return null;
		}
		FairExecutor.Lane lane = executor.lane(peer);
		if (!lane.paused && isFull(executor, lane) && !holdBack(lane)) {
			drop(peer, call, batch, executor, lane);
			return null;
		}
		lane.bytes.addAndGet(bytes);
		lane.enqueue(() -> {
			dequeued(executor, lane, bytes);
			this.invoker.invoke(peer, call, securityInfo, batch);
		});
		return executor;
	}

	/** Forgets what was held back for a peer that is gone. */
	void peerGone(String peer) {
		this.paused.removeIf((lane) -> lane.peer.equals(peer));
	}

	/** Forgets every peer held back: the endpoint starts again, with new lanes. */
	void reset() {
		this.paused.clear();
	}

	private boolean isFull(FairExecutor executor, FairExecutor.Lane lane) {
		return lane.size() >= this.limits.callsPerPeer || lane.bytes.get() >= this.limits.bytesPerPeer
				|| executor.queued() >= this.limits.calls;
	}

	private boolean hasRoom(FairExecutor executor, FairExecutor.Lane lane) {
		return lane.size() <= this.limits.callsPerPeer / 2 && lane.bytes.get() <= this.limits.bytesPerPeer / 2
				&& executor.queued() <= this.limits.calls / 2;
	}

	/** Asks the transport to stop reading from the lane's peer; returns whether it does. */
	private boolean holdBack(FairExecutor.Lane lane) {
		synchronized (lane) {
			if (!lane.paused && this.transport.get().pauseReading(lane.peer)) {
				lane.paused = true;
				this.paused.add(lane);
				this.statistics.readPaused();
			}
			return lane.paused;
		}
	}

	private void dequeued(FairExecutor executor, FairExecutor.Lane lane, int bytes) {
		lane.bytes.addAndGet(-bytes);
		if (!this.paused.isEmpty()) {
			for (FairExecutor.Lane held : this.paused) {
				if (hasRoom(executor, held)) {
					letGo(held);
				}
			}
		}
	}

	private void letGo(FairExecutor.Lane lane) {
		synchronized (lane) {
			if (lane.paused) {
				lane.paused = false;
				this.paused.remove(lane);
				this.transport.get().resumeReading(lane.peer);
			}
		}
	}

	private void drop(String peer, Message.Call call, @Nullable BatchReplies batch, FairExecutor executor,
			FairExecutor.Lane lane) {
		this.statistics.dropped(peer);
		String reason = (executor.queued() >= this.limits.calls)
				? executor.queued() + " received calls wait for handlers, the most this endpoint allows (maxQueuedCalls)"
				: "peer '" + peer + "' has " + lane.size() + " calls (" + lane.bytes.get() + " bytes) waiting for "
						+ "handlers, the most one peer may have (maxQueuedCallsPerPeer " + this.limits.callsPerPeer
						+ ", maxQueuedCallBytesPerPeer " + this.limits.bytesPerPeer + ")";
		String message = "Cannot handle " + call.method() + " now: " + reason + ", and this transport cannot slow a "
				+ "peer down; send more slowly, or raise the bound or handlerConcurrency";
		if (call.id() != null) {
			this.replies.refuse(peer, batch, call.id(), RemoteException.OVERLOADED, message);
		}
		long left = this.dropLog.admit(System.nanoTime());
		if (left >= 0) {
			logger.warn("Endpoint '{}' dropped a call from '{}': {}{}", this.endpoint, peer, message,
					(left > 0) ? " (and " + left + " more dropped calls in the last second)" : "");
		}
	}

	/** The bounds of what waits for handlers. */
	record Limits(int calls, int callsPerPeer, long bytesPerPeer) {
	}

}
