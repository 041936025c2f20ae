package io.quickrpc.benchmarks;

import java.util.concurrent.CompletableFuture;

import io.quickrpc.Incoming;
import io.quickrpc.RemoteApi;

/**
 * What the quickrpc benchmark server offers: an echo, a one-way message it counts, and what the
 * client asks to report the figures.
 */
@RemoteApi("bench")
public interface BenchApi {

	/**
	 * Returns the text.
	 * @param text any text
	 * @return the same text
	 */
	@Incoming
	CompletableFuture<String> echo(String text);

	/**
	 * Counts a one-way message.
	 * @param text any text
	 */
	@Incoming
	void note(String text);

	/**
	 * Returns how many one-way messages arrived so far; handled after every message sent before.
	 * @return the count
	 */
	@Incoming
	CompletableFuture<Long> received();

	/**
	 * Returns how many peers are connected to the server.
	 * @return the count
	 */
	@Incoming
	CompletableFuture<Integer> connections();

	/**
	 * Collects garbage and returns the heap in use.
	 * @return used heap bytes
	 */
	@Incoming
	CompletableFuture<Long> heapAfterGc();

}
