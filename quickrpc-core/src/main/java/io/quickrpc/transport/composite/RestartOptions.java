package io.quickrpc.transport.composite;

import java.time.Duration;

/**
 * How a restarting transport paces its attempts to start the transport it keeps: the first
 * attempt at once, then, after each failure, a delay that grows from {@link #initialDelay()} by
 * {@link #multiplier()} up to {@link #maxDelay()}, back to the initial delay after a success.
 * While the kept transport runs, it is checked every initial delay. With {@link #failFast()},
 * the first attempt runs on the thread that starts the restarting transport, and its failure is
 * thrown. Create restarting transports with {@link CompositeTransports#restart}; the
 * {@code restart:SECONDS:T} expression uses a fixed delay.
 * <p>
 * Instances are immutable.
 */
public final class RestartOptions {

	/** The default delay after a first failure: 500 ms. */
	public static final Duration DEFAULT_INITIAL_DELAY = Duration.ofMillis(500);

	/** The default longest delay between attempts: 30 s. */
	public static final Duration DEFAULT_MAX_DELAY = Duration.ofSeconds(30);

	/** The default factor by which the delay grows after each failure: 2. */
	public static final double DEFAULT_MULTIPLIER = 2.0;

	private final Duration initialDelay;

	private final Duration maxDelay;

	private final double multiplier;

	private final boolean failFast;

	private RestartOptions(Builder builder) {
		this.initialDelay = builder.initialDelay;
		this.maxDelay = builder.maxDelay;
		this.multiplier = builder.multiplier;
		this.failFast = builder.failFast;
		if (this.maxDelay.compareTo(this.initialDelay) < 0) {
			throw new IllegalArgumentException("maxDelay (" + this.maxDelay + ") must not be shorter than initialDelay ("
					+ this.initialDelay + ")");
		}
	}

	/**
	 * Starts options from the defaults: 500 ms, doubling up to 30 s, first attempt in the
	 * background.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Returns options with the same delay after every failure, as {@code restart:SECONDS:T} has.
	 * @param interval the delay, positive
	 * @return the options
	 */
	public static RestartOptions fixed(Duration interval) {
		return builder().initialDelay(interval).maxDelay(interval).multiplier(1).build();
	}

	/**
	 * Returns the delay after a first failure, and between checks of a running transport.
	 * @return the initial delay
	 */
	public Duration initialDelay() {
		return this.initialDelay;
	}

	/**
	 * Returns the longest delay between attempts.
	 * @return the maximum delay
	 */
	public Duration maxDelay() {
		return this.maxDelay;
	}

	/**
	 * Returns the factor by which the delay grows after each failure.
	 * @return the multiplier, 1 or more
	 */
	public double multiplier() {
		return this.multiplier;
	}

	/**
	 * Returns whether the first attempt runs on the starting thread and its failure is thrown.
	 * @return whether to fail fast
	 */
	public boolean failFast() {
		return this.failFast;
	}

	/**
	 * Returns whether the delay is the same after every failure.
	 * @return whether the delay is fixed
	 */
	boolean isFixed() {
		return this.multiplier == 1 && this.initialDelay.equals(this.maxDelay);
	}

	/**
	 * Returns the delay that follows one of the given length after another failure.
	 * @param delay the delay before the attempt that failed
	 * @return the next delay
	 */
	Duration next(Duration delay) {
		double millis = Math.min(delay.toMillis() * this.multiplier, this.maxDelay.toMillis());
		return Duration.ofMillis(Math.max(1, (long) millis));
	}

	@Override
	public String toString() {
		return "RestartOptions[initialDelay=" + this.initialDelay + ", maxDelay=" + this.maxDelay + ", multiplier="
				+ this.multiplier + ", failFast=" + this.failFast + "]";
	}

	/**
	 * Builds {@link RestartOptions}.
	 */
	public static final class Builder {

		private Duration initialDelay = DEFAULT_INITIAL_DELAY;

		private Duration maxDelay = DEFAULT_MAX_DELAY;

		private double multiplier = DEFAULT_MULTIPLIER;

		private boolean failFast;

		private Builder() {
		}

		/**
		 * Sets the delay after a first failure, and between checks of a running transport.
		 * Default: 500 ms.
		 * @param initialDelay the delay, at least 1 ms
		 * @return this builder
		 */
		public Builder initialDelay(Duration initialDelay) {
			if (initialDelay.toMillis() < 1) {
				throw new IllegalArgumentException("initialDelay must be at least 1 ms, not " + initialDelay);
			}
			this.initialDelay = initialDelay;
			return this;
		}

		/**
		 * Sets the longest delay between attempts. Default: 30 s.
		 * @param maxDelay the delay, not shorter than the initial delay
		 * @return this builder
		 */
		public Builder maxDelay(Duration maxDelay) {
			this.maxDelay = maxDelay;
			return this;
		}

		/**
		 * Sets the factor by which the delay grows after each failure. Default: 2.
		 * @param multiplier the factor, 1 or more
		 * @return this builder
		 */
		public Builder multiplier(double multiplier) {
			if (!(multiplier >= 1) || Double.isInfinite(multiplier)) {
				throw new IllegalArgumentException("multiplier must be a number of at least 1, not " + multiplier);
			}
			this.multiplier = multiplier;
			return this;
		}

		/**
		 * Sets whether the first attempt runs on the thread that starts the restarting
		 * transport, which then throws what it threw. Default: {@code false}: the first attempt
		 * runs in the background, and a failure is logged and retried.
		 * @param failFast whether to fail fast
		 * @return this builder
		 */
		public Builder failFast(boolean failFast) {
			this.failFast = failFast;
			return this;
		}

		/**
		 * Creates the options.
		 * @return the options
		 * @throws IllegalArgumentException if the maximum delay is shorter than the initial one
		 */
		public RestartOptions build() {
			return new RestartOptions(this);
		}

	}

}
