package io.quickrpc;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

import io.netty.util.Timer;

/**
 * The threads an endpoint uses while it runs: the shared reply timer and, unless the user
 * gave an executor, the threads that run handlers.
 */
final class EndpointThreads {

	private final Timer timer = ReplyTimers.acquire();

	private final @Nullable ExecutorService ownHandlerThreads;

	private final FairExecutor handlers;

	private final String handlerThreadPrefix;

	EndpointThreads(String endpointName, @Nullable Executor userExecutor, int concurrency) {
		this.handlerThreadPrefix = "quickrpc-" + endpointName + "-handler-";
		if (userExecutor == null) {
			// FairExecutor bounds the concurrency; the pool must not refuse a drain that starts
			// while the previous one's thread is still on its way back to the pool
			this.ownHandlerThreads = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS,
					new SynchronousQueue<>(), daemonThreads(this.handlerThreadPrefix));
			this.handlers = new FairExecutor(this.ownHandlerThreads, concurrency);
		}
		else {
			this.ownHandlerThreads = null;
			this.handlers = new FairExecutor(userExecutor, concurrency);
		}
	}

	Timer timer() {
		return this.timer;
	}

	FairExecutor handlers() {
		return this.handlers;
	}

	/** Lets running handlers finish, for at most {@code grace}, then stops the threads. */
	void shutdown(Duration grace) {
		ReplyTimers.release();
		ExecutorService own = this.ownHandlerThreads;
		if (own != null) {
			own.shutdown();
			if (Thread.currentThread().getName().startsWith(this.handlerThreadPrefix)) {
				// a handler stops its own endpoint: it cannot wait for itself to finish
				return;
			}
			try {
				if (!own.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
					own.shutdownNow();
				}
			}
			catch (InterruptedException ex) {
				own.shutdownNow();
				Thread.currentThread().interrupt();
			}
		}
	}

	private static ThreadFactory daemonThreads(String prefix) {
		AtomicInteger count = new AtomicInteger();
		return (task) -> {
			Thread thread = new Thread(task, prefix + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

}
