package io.quickrpc.transport.composite;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.quickrpc.transport.Transport;
import io.quickrpc.transport.TransportException;

/**
 * Keeps a transport running: starts it, and starts it again when it has stopped or failed to
 * start, after delays that {@link RestartOptions} set; while it runs, checks it every initial
 * delay. It is running while the transport it keeps is: a client between connections is not.
 * Starting the kept transport happens on a thread of its own and holds no lock that
 * {@link #isRunning()} or {@link #send} take, so neither waits for a slow connection attempt.
 */
final class RestartTransport implements Transport {

	private static final Logger logger = LoggerFactory.getLogger(RestartTransport.class);

	private final RestartOptions options;

	private final Transport inner;

	/** The executor of the checks while started; {@code null} while stopped. Guarded by this. */
	private @Nullable ScheduledThreadPoolExecutor checker;

	private @Nullable Listener listener;

	private volatile boolean started;

	private volatile @Nullable String lastFailure;

	/** The delay after the next failure; used on the checker thread only. */
	private Duration delay;

	RestartTransport(RestartOptions options, Transport inner) {
		this.options = options;
		this.inner = inner;
		this.delay = options.initialDelay();
	}

	/**
	 * Starts the checks. The first attempt runs at once, in the background: its failure is
	 * logged and retried, not thrown, unless the options fail fast.
	 */
	@Override
	public synchronized void start(Listener listener) {
		if (this.checker != null) {
			return;
		}
		if (this.options.failFast()) {
			this.inner.start(listener);
		}
		this.listener = listener;
		this.delay = this.options.initialDelay();
		this.lastFailure = null;
		ScheduledThreadPoolExecutor started = new ScheduledThreadPoolExecutor(1, (task) -> {
			Thread thread = new Thread(task, "quickrpc-restart-" + this.inner);
			thread.setDaemon(true);
			return thread;
		});
		this.checker = started;
		this.started = true;
		started.schedule(this::check, this.options.failFast() ? this.options.initialDelay().toMillis() : 0,
				TimeUnit.MILLISECONDS);
	}

	private void check() {
		ScheduledThreadPoolExecutor executor;
		Listener current;
		synchronized (this) {
			executor = this.checker;
			current = this.listener;
		}
		if (executor == null || current == null) {
			return;
		}
		Duration next = this.options.initialDelay();
		if (!this.inner.isRunning()) {
			try {
				this.inner.start(current);
				this.lastFailure = null;
				this.delay = this.options.initialDelay();
				logger.info("{} started", this.inner);
			}
			catch (RuntimeException ex) {
				next = this.delay;
				this.delay = this.options.next(this.delay);
				String failure = String.valueOf(ex.getMessage());
				if (!failure.equals(this.lastFailure)) {
					logger.warn("{} did not start, retrying {}: {}", this.inner, retrying(next), failure);
				}
				this.lastFailure = failure;
			}
		}
		try {
			executor.schedule(this::check, next.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (RejectedExecutionException ex) {
			// stopped meanwhile
		}
	}

	private String retrying(Duration next) {
		return this.options.isFixed() ? "every " + next.toMillis() + " ms"
				: "in " + next.toMillis() + " ms, then up to every " + this.options.maxDelay().toMillis() + " ms";
	}

	/**
	 * Stops the checks, waits for an attempt under way to end, then stops the kept transport, so
	 * that no callback follows.
	 */
	@Override
	public void stop() {
		ScheduledThreadPoolExecutor stopping;
		synchronized (this) {
			stopping = this.checker;
			this.checker = null;
			this.listener = null;
			this.started = false;
			if (stopping == null) {
				return;
			}
		}
		stopping.shutdownNow();
		try {
			stopping.awaitTermination(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.inner.stop();
	}

	/** Whether it is started and the transport it keeps runs now. */
	@Override
	public boolean isRunning() {
		return this.started && this.inner.isRunning();
	}

	@Override
	public void send(byte[] data, @Nullable Collection<String> receivers) {
		if (!this.started) {
			throw new TransportException("Cannot send on " + this + ": it is not running; start it first");
		}
		if (!this.inner.isRunning()) {
			String failure = this.lastFailure;
			throw new TransportException("Cannot send on " + this + ": " + this.inner + " is not running now"
					+ ((failure != null) ? " (" + failure + ")" : "") + "; it is restarted "
					+ (this.options.isFixed() ? "every " + this.options.initialDelay().toMillis() + " ms"
							: "with backoff up to every " + this.options.maxDelay().toMillis() + " ms")
					+ ", try again then");
		}
		this.inner.send(data, receivers);
	}

	@Override
	public Set<String> peers() {
		return this.inner.peers();
	}

	@Override
	public @Nullable String peerIdentity(String peer) {
		return this.inner.peerIdentity(peer);
	}

	@Override
	public Map<String, String> peerSecurityInfo(String peer) {
		return this.inner.peerSecurityInfo(peer);
	}

	@Override
	public boolean pauseReading(String peer) {
		return this.inner.pauseReading(peer);
	}

	@Override
	public void resumeReading(String peer) {
		this.inner.resumeReading(peer);
	}

	@Override
	public @Nullable InetSocketAddress localAddress() {
		return this.inner.localAddress();
	}

	@Override
	public String toString() {
		if (this.options.isFixed()) {
			return "restart:" + (this.options.initialDelay().toMillis() / 1000.0) + ":(" + this.inner + ")";
		}
		return "restart[" + seconds(this.options.initialDelay()) + ".." + seconds(this.options.maxDelay()) + " x"
				+ this.options.multiplier() + "]:(" + this.inner + ")";
	}

	private static String seconds(Duration duration) {
		return (duration.toMillis() / 1000.0) + "s";
	}

}
