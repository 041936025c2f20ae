package io.quickrpc.benchmarks;

import java.time.Duration;

/**
 * A system under measurement, connected and ready: the client side of one connection.
 */
interface Target extends AutoCloseable {

	/** The name in the table. */
	String name();

	/** W1: one call at a time; returns each measured call's latency in nanoseconds. */
	long[] sequential(int warmup, int measured) throws Exception;

	/** W2: calls with up to {@code window} outstanding; returns calls per second while measured. */
	double pipelined(Duration warmup, Duration measure, int window) throws Exception;

	/** W3: one-way messages as fast as the client sends them; returns messages per second received. */
	double oneWay(Duration duration) throws Exception;

}
