package io.quickrpc;

import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

import io.netty.util.HashedWheelTimer;
import io.netty.util.Timer;

/**
 * The timer that times out replies, shared by the running endpoints and stopped with the last of
 * them: a hashed wheel with 10 ms ticks, on which each endpoint checks its waiting requests
 * while it has any.
 */
final class ReplyTimers {

	static final String THREAD_NAME = "quickrpc-reply-timer";

	private static @Nullable HashedWheelTimer timer;

	private static int users;

	private ReplyTimers() {
	}

	static synchronized Timer acquire() {
		HashedWheelTimer current = timer;
		if (current == null) {
			current = new HashedWheelTimer((task) -> {
				Thread thread = new Thread(task, THREAD_NAME);
				thread.setDaemon(true);
				return thread;
			}, 10, TimeUnit.MILLISECONDS);
			timer = current;
		}
		users++;
		return current;
	}

	static synchronized void release() {
		if (--users > 0 || timer == null) {
			return;
		}
		HashedWheelTimer stopping = timer;
		timer = null;
		if (Thread.currentThread().getName().equals(THREAD_NAME)) {
			// an endpoint stopped by code a timeout ran: the timer cannot wait for its own thread
			Thread stopper = new Thread(stopping::stop, THREAD_NAME + "-stop");
			stopper.setDaemon(true);
			stopper.start();
		}
		else {
			stopping.stop();
		}
	}

}
