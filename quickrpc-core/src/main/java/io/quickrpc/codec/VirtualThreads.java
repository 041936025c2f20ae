package io.quickrpc.codec;

import org.jspecify.annotations.Nullable;

/**
 * Tells virtual threads (Java 21 and later) from platform threads, for what is cached per
 * thread: a virtual thread usually runs one task, so a cache of its own is built for nothing.
 */
final class VirtualThreads {

	private static final @Nullable Class<?> VIRTUAL = load();

	private VirtualThreads() {
	}

	static boolean isCurrent() {
		return VIRTUAL != null && VIRTUAL.isInstance(Thread.currentThread());
	}

	private static @Nullable Class<?> load() {
		try {
			return Class.forName("java.lang.VirtualThread");
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return null; // before Java 21: there are none
		}
	}

}
