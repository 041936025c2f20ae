package io.quickrpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.Set;
import java.util.TreeSet;

/**
 * Checks that stopped endpoints and transports leave no threads of theirs behind.
 */
public final class QuickrpcThreads {

	private QuickrpcThreads() {
	}

	/**
	 * Waits until no quickrpc or Netty thread is alive, failing if some stay.
	 */
	public static void awaitNoneLeft() {
		await().untilAsserted(() -> assertThat(running()).as("quickrpc threads still alive").isEmpty());
	}

	static Set<String> running() {
		Set<String> names = new TreeSet<>();
		for (Thread thread : Thread.getAllStackTraces().keySet()) {
			String name = thread.getName();
			if (thread.isAlive() && (name.startsWith("quickrpc-") || name.toLowerCase().contains("netty")
					|| name.startsWith("globalEventExecutor"))) {
				names.add(thread.getName());
			}
		}
		return names;
	}

}
