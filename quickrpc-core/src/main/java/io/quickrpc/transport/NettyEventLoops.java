package io.quickrpc.transport;

import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;

/**
 * The one event-loop group all network transports of this process share, created for the first
 * running transport and shut down when the last one stops. Its threads are daemons.
 */
final class NettyEventLoops {

	private static final Object LOCK = new Object();

	private static int users;

	private static @Nullable EventLoopGroup group;

	private NettyEventLoops() {
	}

	static EventLoopGroup acquire() {
		synchronized (LOCK) {
			EventLoopGroup current = group;
			if (current == null) {
				current = new MultiThreadIoEventLoopGroup(0, new DefaultThreadFactory("quickrpc-netty", true),
						NioIoHandler.newFactory());
				group = current;
			}
			users++;
			return current;
		}
	}

	static void release() {
		EventLoopGroup stopping;
		synchronized (LOCK) {
			if (--users > 0 || group == null) {
				return;
			}
			stopping = group;
			group = null;
		}
		stopping.shutdownGracefully(0, 5, TimeUnit.SECONDS);
		for (EventExecutor loop : stopping) {
			if (loop.inEventLoop()) {
				// a loop cannot wait for its own end; the pending tasks still run before it ends
				return;
			}
		}
		stopping.terminationFuture().awaitUninterruptibly(10, TimeUnit.SECONDS);
	}

}
