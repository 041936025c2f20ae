package io.quickrpc.transport.composite;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.quickrpc.transport.Transport;
import io.quickrpc.transport.TransportException;

/**
 * Keeps a transport running: checks it at a fixed interval and starts it again when it has
 * stopped. It is running while the transport it keeps is: a client between connections is not.
 */
final class RestartTransport implements Transport {

	private static final Logger logger = LoggerFactory.getLogger(RestartTransport.class);

	private final Duration interval;

	private final Transport inner;

	private @Nullable ScheduledThreadPoolExecutor checker;

	private @Nullable Listener listener;

	private volatile @Nullable String lastFailure;

	RestartTransport(Duration interval, Transport inner) {
		this.interval = interval;
		this.inner = inner;
	}

	/** Starts the checks; a first failure to start is logged, and retried, not thrown. */
	@Override
	public synchronized void start(Listener listener) {
		if (this.checker != null) {
			return;
		}
		this.listener = listener;
		ScheduledThreadPoolExecutor started = new ScheduledThreadPoolExecutor(1, (task) -> {
			Thread thread = new Thread(task, "quickrpc-restart-" + this.inner);
			thread.setDaemon(true);
			return thread;
		});
		this.checker = started;
		started.scheduleWithFixedDelay(this::check, 0, this.interval.toMillis(), TimeUnit.MILLISECONDS);
	}

	private void check() {
		Listener current;
		synchronized (this) {
			current = this.listener;
			if (this.checker == null || current == null || this.inner.isRunning()) {
				return;
			}
			try {
				this.inner.start(current);
				this.lastFailure = null;
				logger.info("{} started", this.inner);
			}
			catch (RuntimeException ex) {
				if (!String.valueOf(ex.getMessage()).equals(this.lastFailure)) {
					logger.warn("{} did not start, retrying every {} ms: {}", this.inner, this.interval.toMillis(),
							ex.getMessage());
				}
				this.lastFailure = String.valueOf(ex.getMessage());
			}
		}
	}

	@Override
	public void stop() {
		ScheduledThreadPoolExecutor stopping;
		synchronized (this) {
			stopping = this.checker;
			this.checker = null;
			this.listener = null;
			if (stopping == null) {
				return;
			}
			this.inner.stop();
		}
		stopping.shutdownNow();
		try {
			stopping.awaitTermination(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** Whether it is started and the transport it keeps runs now. */
	@Override
	public boolean isRunning() {
		synchronized (this) {
			if (this.checker == null) {
				return false;
			}
		}
		return this.inner.isRunning();
	}

	@Override
	public void send(byte[] data, @Nullable Collection<String> receivers) {
		synchronized (this) {
			if (this.checker == null) {
				throw new TransportException("Cannot send on " + this + ": it is not running; start it first");
			}
		}
		if (!this.inner.isRunning()) {
			throw new TransportException("Cannot send on " + this + ": " + this.inner + " is not running now"
					+ ((this.lastFailure != null) ? " (" + this.lastFailure + ")" : "") + "; it is restarted every "
					+ this.interval.toMillis() + " ms, try again then");
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
		return "restart:" + (this.interval.toMillis() / 1000.0) + ":(" + this.inner + ")";
	}

}
