package io.quickrpc;

import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import io.quickrpc.codec.Message;
import io.quickrpc.security.SecurityInfo;

/**
 * Queues received calls for the handler threads, bounded: a call that finds the queue full is
 * answered at once with error -32002 (overloaded), one that arrives while the endpoint stops with
 * -32603. Queued calls start together, once per received buffer.
 */
final class CallQueue {

	private final Supplier<LimitedExecutor> executor;

	private final MethodInvoker invoker;

	private final Replies replies;

	/**
	 * @param executor the running endpoint's handler executor; throws
	 * {@link RejectedExecutionException} while the endpoint is stopped
	 */
	CallQueue(Supplier<LimitedExecutor> executor, MethodInvoker invoker, Replies replies) {
		this.executor = executor;
		this.invoker = invoker;
		this.replies = replies;
	}

	/**
	 * Queues a call, or answers it at once if it cannot be queued.
	 * @param batch where the reply goes if the call came in a batch, else {@code null}
	 * @return the executor the call was queued on, to be started, or {@code null}
	 */
	@Nullable LimitedExecutor enqueue(String peer, Message.Call call, SecurityInfo securityInfo,
			@Nullable BatchReplies batch) {
		try {
			LimitedExecutor executor = this.executor.get();
			executor.enqueue(() -> this.invoker.invoke(peer, call, securityInfo, batch));
			return executor;
		}
		catch (LimitedExecutor.QueueFullException ex) {
			this.replies.reject(peer, batch, call.id(), RemoteException.OVERLOADED,
					new RpcException("Cannot handle " + call.method() + " now: " + ex.getMessage(), ex));
		}
		catch (RejectedExecutionException ex) {
			this.replies.reject(peer, batch, call.id(), RemoteException.INTERNAL_ERROR,
					new RpcException("Cannot handle " + call.method() + ": the endpoint is stopping", ex));
		}
		return null;
	}

}
