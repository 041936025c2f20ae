package io.quickrpc.transport.network;

import java.util.Arrays;
import java.util.function.LongSupplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;

/**
 * One cause of WARN lines that a remote peer can trigger over and over, such as a frame too
 * large: written at most once a second, so that a peer, or a thousand, cannot flood the log. What
 * it leaves out, it counts and tells at the end of the next line it writes: "(and 37 more like it
 * in the last 2 s)". Safe for concurrent use.
 */
final class RateLimitedWarning {

	private static final long SECOND = 1_000_000_000L;

	private final Logger logger;

	private final LongSupplier nanoTime;

	private boolean written;

	private long lastLine;

	private long suppressed;

	RateLimitedWarning(Logger logger) {
		this(logger, System::nanoTime);
	}

	RateLimitedWarning(Logger logger, LongSupplier nanoTime) {
		this.logger = logger;
		this.nanoTime = nanoTime;
	}

	/**
	 * Writes a WARN line, unless one of this cause was written less than a second ago.
	 * @param format the SLF4J message format
	 * @param arguments its arguments, with no throwable at the end
	 */
	void warn(String format, Object... arguments) {
		String more = admit();
		if (more == null || !this.logger.isWarnEnabled()) {
			return;
		}
		Object[] withMore = Arrays.copyOf(arguments, arguments.length + 1);
		withMore[arguments.length] = more;
		this.logger.warn(format + "{}", withMore);
	}

	/**
	 * Decides whether a line is written now.
	 * @return {@code null} to leave it out, else what to add to it: empty, or how many lines were
	 * left out since the last one
	 */
	synchronized @Nullable String admit() {
		long now = this.nanoTime.getAsLong();
		if (this.written && now - this.lastLine < SECOND) {
			this.suppressed++;
			return null;
		}
		String more = (this.suppressed > 0) ? " (and " + this.suppressed + " more like it in the last "
				+ Math.max(1, Math.round((now - this.lastLine) / (double) SECOND)) + " s)" : "";
		this.written = true;
		this.lastLine = now;
		this.suppressed = 0;
		return more;
	}

}
