package io.quickrpc.transport.network;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;

import io.quickrpc.transport.ServingThreads;
import io.quickrpc.transport.TransportException;

/**
 * The threads that network transports ({@code tcp}, {@code tcpserv}, {@code udp}, WebSocket) run on: a
 * Netty event-loop group, created when the first transport using it starts and shut down when the last
 * one stops, so that no thread is left while no transport runs.
 * <p>
 * Transports use {@link #shared()} unless {@link NetworkOptions.Builder#eventLoops(EventLoops)}
 * names another; an application or a test that wants its own threads, named or counted its own
 * way, creates an instance with {@link #create(ThreadFactory)} and closes it when done.
 * Instances are safe for concurrent use.
 * <p>
 * Their threads are {@linkplain ServingThreads serving threads}: a send on one of them, to any
 * peer of any network transport, never waits for that peer.
 */
public final class EventLoops implements AutoCloseable {

	private static final EventLoops SHARED = new EventLoops("shared",
			new DefaultThreadFactory("quickrpc-netty", true));

	private final String name;

	private final ThreadFactory threads;

	private int users;

	private @Nullable EventLoopGroup group;

	private boolean closed;

	private EventLoops(String name, ThreadFactory threads) {
		this.name = name;
		this.threads = threads;
	}

	/**
	 * Returns the event loops that network transports use by default: daemon threads named
	 * {@code quickrpc-netty-*}, one group for the whole process. It cannot be closed.
	 * @return the shared event loops
	 */
	public static EventLoops shared() {
		return SHARED;
	}

	/**
	 * Creates event loops of their own, whose threads come from the given factory (make them
	 * daemons unless they should keep the JVM alive).
	 * @param threads creates the event-loop threads
	 * @return new event loops, which create no thread before a transport starts on them
	 */
	public static EventLoops create(ThreadFactory threads) {
		return new EventLoops("own", threads);
	}

	/** Returns the group for a transport that starts, creating it if none runs now. */
	synchronized EventLoopGroup acquire() {
		if (this.closed) {
			throw new TransportException("Cannot start a network transport on " + this
					+ ": these event loops are closed; create new ones, or use EventLoops.shared()");
		}
		EventLoopGroup current = this.group;
		if (current == null) {
			// every event-loop thread serves many peers: a send on one never waits for its peer
			ThreadFactory serving = (task) -> this.threads.newThread(() -> ServingThreads.run(task));
			current = new MultiThreadIoEventLoopGroup(0, serving, NioIoHandler.newFactory());
			this.group = current;
		}
		this.users++;
		return current;
	}

	/**
	 * Counts a transport out once its channels are closed; the last one out shuts the group down
	 * and, unless it runs on the group itself, waits until the threads end.
	 */
	void release() {
		EventLoopGroup stopping;
		synchronized (this) {
			if (this.users == 0 || --this.users > 0 || this.group == null) {
				return;
			}
			stopping = this.group;
			this.group = null;
		}
		shutDown(stopping);
	}

	/**
	 * Shuts the threads down now, closing whatever channels still use them; later starts fail.
	 * The shared event loops cannot be closed: this throws for them.
	 */
	@Override
	public void close() {
		if (this == SHARED) {
			throw new UnsupportedOperationException("The shared event loops end when the last transport using them "
					+ "stops, and cannot be closed; close event loops made with EventLoops.create instead");
		}
		EventLoopGroup stopping;
		synchronized (this) {
			this.closed = true;
			this.users = 0;
			stopping = this.group;
			this.group = null;
		}
		if (stopping != null) {
			shutDown(stopping);
		}
	}

	private static void shutDown(EventLoopGroup group) {
		group.shutdownGracefully(0, 5, TimeUnit.SECONDS);
		for (EventExecutor loop : group) {
			if (loop.inEventLoop()) {
				// a loop cannot wait for its own end; the tasks queued before now still run
				return;
			}
		}
		group.terminationFuture().awaitUninterruptibly(10, TimeUnit.SECONDS);
	}

	@Override
	public synchronized String toString() {
		return "EventLoops[" + this.name + ", " + this.users + " transports" + (this.closed ? ", closed" : "") + "]";
	}

}
