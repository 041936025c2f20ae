package io.quickrpc.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quickrpc.spi.Registry;
import io.quickrpc.transport.network.EventLoops;
import io.quickrpc.transport.network.NetworkOptions;

/**
 * What every transport does, whatever carries its bytes: each transport runs these checks
 * through a small subclass that says how to create it (the <em>subject</em>) and how a peer
 * reaches it (a {@link Remote}). A check that cannot apply to a transport is overridden by its
 * subclass with {@code @Disabled} and the reason, so that the report shows it.
 * <p>
 * Messages in these checks end with a newline; the listener consumes whole messages and leaves
 * the rest to the transport, as a codec does.
 */
public abstract class AbstractTransportTest {

	/** The frame limit the subjects get: small, so that a check can exceed it cheaply. */
	protected static final int MAX_FRAME_SIZE = 4096;

	/** Unique to one test, for names of buses, peers and threads. */
	protected final String unique = UUID.randomUUID().toString().substring(0, 8);

	/** The network transports' threads in this test, recorded as they are made. */
	protected final RecordingThreads netty = new RecordingThreads("test-netty-" + this.unique);

	/** The event loops the subject and its remotes run on, closed after the test. */
	protected final EventLoops eventLoops = EventLoops.create(this.netty);

	private final List<Transport> subjects = new CopyOnWriteArrayList<>();

	private final List<AutoCloseable> closeables = new CopyOnWriteArrayList<>();

	/**
	 * Creates the transport under test, not started.
	 * @param transports a registry whose network options carry {@link #MAX_FRAME_SIZE} and
	 * {@link #eventLoops}
	 * @return the subject
	 * @throws Exception if it cannot be created
	 */
	protected abstract Transport createSubject(Registry<Transport> transports) throws Exception;

	/**
	 * Connects a peer to the started subject (or, for a client, accepts its connection).
	 * @param subject the subject, started
	 * @return the peer, which the check closes
	 * @throws Exception if it cannot connect
	 */
	protected abstract Remote connect(Transport subject) throws Exception;

	/**
	 * Returns whether a thread is one of the subject's own, besides event-loop threads.
	 * @param thread a live thread
	 * @return whether it belongs to the subject
	 */
	protected boolean isSubjectThread(Thread thread) {
		return false;
	}

	/**
	 * Returns the options the subject's registry hands its factories; a subclass may add TLS.
	 * @return the options
	 */
	protected NetworkOptions.Builder options() {
		return NetworkOptions.builder().maxFrameSize(MAX_FRAME_SIZE).eventLoops(this.eventLoops);
	}

	/** Registers a transport to stop after the test, as the subjects are. */
	protected Transport stopAfter(Transport transport) {
		this.subjects.add(transport);
		return transport;
	}

	/** Registers something to close after the test, after the subjects stop. */
	protected <T extends AutoCloseable> T closeAfter(T closeable) {
		this.closeables.add(closeable);
		return closeable;
	}

	@AfterEach
	void stopEverything() throws Exception {
		this.subjects.forEach(Transport::stop);
		for (AutoCloseable closeable : this.closeables) {
			closeable.close();
		}
		this.eventLoops.close();
		await().untilAsserted(() -> assertThat(this.netty.alive()).as("event-loop threads alive after the test")
			.isEmpty());
	}

	/** Returns a new subject, stopped after the test. */
	protected Transport subject() throws Exception {
		return stopAfter(createSubject(Registry.transports().with(NetworkOptions.class, options().build())));
	}

	/** Starts the subject, connects a peer, and waits until the subject reports it. */
	private Remote startAndConnect(Transport subject, RecordingListener listener) throws Exception {
		int known = listener.connectedPeers().size();
		subject.start(listener);
		return connectTo(subject, listener, known);
	}

	/**
	 * Connects a peer, and waits until the subject reports it.
	 * @param known how many peers the subject had reported before it started: a client or a
	 * stream reports its one peer as it starts
	 */
	private Remote connectTo(Transport subject, RecordingListener listener, int known) throws Exception {
		Remote remote = closeAfter(connect(subject));
		if (remote.announces()) {
			remote.send(bytes("hello\n"));
		}
		await().until(() -> listener.connectedPeers().size() > known);
		remote.name = listener.connectedPeers().get(known);
		if (remote.announces()) {
			await().until(() -> listener.messages(remote.name).contains("hello"));
		}
		return remote;
	}

	@Test
	public void startAndStopAreIdempotent() throws Exception {
		Transport subject = subject();
		RecordingListener listener = new RecordingListener();

		subject.start(listener);
		subject.start(listener);
		Remote remote = connectTo(subject, listener, 0);
		await().until(subject::isRunning);
		remote.send(bytes("one\n"));
		await().until(() -> listener.messages(remote.name).contains("one"));
		subject.stop();
		subject.stop();

		assertThat(subject.isRunning()).isFalse();
		assertThat(subject.peers()).isEmpty();
		assertThat(listener.connectedPeers()).containsExactly(remote.name);
	}

	@Test
	public void concurrentStartsAndStopsLeaveAWorkingTransport() throws Exception {
		Transport subject = subject();
		RecordingListener listener = new RecordingListener();
		ExecutorService threads = Executors.newFixedThreadPool(8);
		try {
			CountDownLatch go = new CountDownLatch(1);
			List<Future<?>> calls = new ArrayList<>();
			for (int i = 0; i < 32; i++) {
				boolean start = i % 2 == 0;
				calls.add(threads.submit(() -> {
					go.await();
					if (start) {
						subject.start(listener);
					}
					else {
						subject.stop();
					}
					return null;
				}));
			}
			go.countDown();
			for (Future<?> call : calls) {
				call.get(30, TimeUnit.SECONDS);
			}
		}
		finally {
			threads.shutdownNow();
		}
		subject.stop();
		assertThat(subject.isRunning()).isFalse();
		awaitNoSubjectThreads();

		Remote remote = startAndConnect(subject, listener);
		remote.send(bytes("after the race\n"));

		await().until(() -> listener.messages(remote.name).contains("after the race"));
		assertThat(listener.overlapping()).as("callbacks that ran at the same time").isZero();
	}

	@Test
	public void nothingIsDeliveredAfterStopReturns() throws Exception {
		Transport subject = subject();
		RecordingListener listener = new RecordingListener();
		Remote remote = startAndConnect(subject, listener);
		AtomicBoolean sending = new AtomicBoolean(true);
		CompletableFuture<Void> sender = CompletableFuture.runAsync(() -> {
			while (sending.get()) {
				try {
					remote.send(bytes("busy\n"));
				}
				catch (Exception ex) {
					return; // the subject dropped the connection
				}
			}
		});
		await().until(() -> listener.messages(remote.name).size() > 10);

		subject.stop();
		listener.stopReturned();
		try {
			remote.send(bytes("too late\n"));
		}
		catch (Exception ex) {
			// the connection is closed already
		}
		int messages = listener.messages(remote.name).size();
		sending.set(false);
		sender.get(30, TimeUnit.SECONDS);

		await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(listener.afterStop()).as("callbacks after stop() returned").isEmpty());
		assertThat(listener.messages(remote.name)).hasSize(messages).doesNotContain("too late");
	}

	@Test
	public void peerEventsComeInOrder() throws Exception {
		Transport subject = subject();
		RecordingListener listener = new RecordingListener();
		Remote remote = startAndConnect(subject, listener);

		remote.send(bytes("one\ntwo\n"));
		await().until(() -> listener.messages(remote.name).contains("two"));
		remote.close();

		await().until(() -> listener.events(remote.name).contains("disconnected"));
		// a client that reconnects has a peer of the same name again: each connection is one run
		assertThat(String.join(" ", listener.events(remote.name)))
			.matches("(connected( received)+ disconnected ?)+(connected( received)*)?")
			.startsWith("connected received");
		assertThat(listener.overlapping()).as("callbacks that ran at the same time").isZero();
	}

	@Test
	public void bytesSplitAcrossReadsAreKeptUntilTheMessageIsWhole() throws Exception {
		Transport subject = subject();
		RecordingListener listener = new RecordingListener();
		Remote remote = startAndConnect(subject, listener);
		int before = listener.messages(remote.name).size();

		remote.send(bytes("hel"));
		await().until(() -> listener.unconsumed(remote.name).equals("hel"));
		remote.send(bytes("lo\nwor"));
		await().until(() -> listener.messages(remote.name).contains("hello"));
		await().until(() -> listener.unconsumed(remote.name).equals("wor"));
		remote.send(bytes("ld\n"));

		await().until(() -> listener.messages(remote.name).contains("world"));
		List<String> messages = listener.messages(remote.name);
		assertThat(messages.subList(before, messages.size())).containsExactly("hello", "world");
	}

	@Test
	public void aPeerPastTheFrameLimitIsDroppedAndTheTransportGoesOn() throws Exception {
		Transport subject = subject();
		RecordingListener listener = new RecordingListener();
		Remote remote = startAndConnect(subject, listener);
		int before = listener.messages(remote.name).size();

		remote.send(new byte[MAX_FRAME_SIZE + 1]);

		await().until(() -> listener.events(remote.name).contains("disconnected"));
		await().until(remote::closedBySubject);
		assertThat(subject.peers()).doesNotContain(remote.name);
		assertThat(listener.messages(remote.name)).hasSize(before);
	}

	@Test
	public void otherPeersGoOnWhenOneIsDropped() throws Exception {
		Transport subject = subject();
		RecordingListener listener = new RecordingListener();
		Remote dropped = startAndConnect(subject, listener);
		Remote other = connectTo(subject, listener, 1);

		dropped.send(new byte[MAX_FRAME_SIZE + 1]);
		await().until(() -> listener.events(dropped.name).contains("disconnected"));
		other.send(bytes("still here\n"));
		subject.send(bytes("and so am I\n"), List.of(other.name));

		await().until(() -> listener.messages(other.name).contains("still here"));
		assertThat(other.receive("and so am I\n".length())).isEqualTo("and so am I\n");
		assertThat(subject.isRunning()).isTrue();
	}

	@Test
	public void aPausedPeerDeliversNothingMoreUntilResumedThenEverythingInOrder() throws Exception {
		Transport subject = subject();
		RecordingListener listener = new RecordingListener();
		Remote remote = startAndConnect(subject, listener);
		assumePausable(subject, remote);
		listener.pauseAt("pause", subject);
		int before = listener.messages(remote.name).size();

		remote.send(bytes("pause\nkept\n"));
		await().until(() -> listener.isPaused(remote.name));
		for (int i = 1; i <= 20; i++) {
			remote.send(bytes("m" + i + "\n"));
		}

		await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
			assertThat(since(listener.messages(remote.name), before)).containsExactly("pause");
			assertThat(listener.unconsumed(remote.name)).as("what the paused peer's listener was offered")
				.doesNotContain("m");
		});
		listener.resume(remote.name);

		List<String> expected = Stream
			.concat(Stream.of("pause", "kept"), IntStream.rangeClosed(1, 20).mapToObj((i) -> "m" + i))
			.toList();
		await().untilAsserted(() -> assertThat(since(listener.messages(remote.name), before))
			.containsExactlyElementsOf(expected));
		assertThat(listener.overlapping()).as("callbacks that ran at the same time").isZero();
	}

	@Test
	public void whatTheListenerLeftWhenItPausedIsDeliveredOnResume() throws Exception {
		Transport subject = subject();
		RecordingListener listener = new RecordingListener();
		Remote remote = startAndConnect(subject, listener);
		assumePausable(subject, remote);
		listener.pauseAt("pause", subject);
		remote.send(bytes("pause\nkept\n"));
		await().until(() -> listener.isPaused(remote.name));

		listener.resume(remote.name);

		// nothing more comes from the peer: the transport hands back what the listener left
		await().until(() -> listener.messages(remote.name).contains("kept"));
		remote.send(bytes("after\n"));
		await().until(() -> listener.messages(remote.name).contains("after"));
		assertThat(listener.messages(remote.name)).containsSubsequence("pause", "kept", "after");
	}

	@Test
	public void pausingOrResumingAnUnknownPeerDoesNothing() throws Exception {
		Transport subject = subject();
		RecordingListener listener = new RecordingListener();
		Remote remote = startAndConnect(subject, listener);

		assertThat(subject.pauseReading("nobody-" + this.unique)).isFalse();
		subject.resumeReading("nobody-" + this.unique);

		remote.send(bytes("still read\n"));
		await().until(() -> listener.messages(remote.name).contains("still read"));
	}

	@Test
	public void pausingOrResumingAPeerThatLeftDoesNothing() throws Exception {
		Transport subject = subject();
		RecordingListener listener = new RecordingListener();
		Remote remote = startAndConnect(subject, listener);
		assumePausable(subject, remote);

		remote.close();
		await().until(() -> listener.events(remote.name).contains("disconnected"));

		assertThat(subject.pauseReading(remote.name)).isFalse();
		subject.resumeReading(remote.name);
		assertThat(listener.events(remote.name)).endsWith("disconnected");
	}

	/** Skips the check for a transport that cannot hold a peer back; else leaves the peer reading. */
	private static void assumePausable(Transport subject, Remote remote) {
		boolean pausable = subject.pauseReading(remote.name);
		subject.resumeReading(remote.name);
		assumeTrue(pausable, subject + " cannot hold a peer back: its endpoint drops what it has no room for");
	}

	private static List<String> since(List<String> messages, int from) {
		return messages.subList(from, messages.size());
	}

	@Test
	public void sendingToAnUnknownPeerIsAClearError() throws Exception {
		Transport subject = subject();
		subject.start(new RecordingListener());
		await().until(subject::isRunning);

		assertThatExceptionOfType(TransportException.class)
			.isThrownBy(() -> subject.send(bytes("lost\n"), List.of("nobody-" + this.unique)))
			.withMessageContaining("Unknown receiver 'nobody-" + this.unique + "'");
	}

	@Test
	public void sendingToAPeerThatLeftIsAClearError() throws Exception {
		Transport subject = subject();
		RecordingListener listener = new RecordingListener();
		Remote remote = startAndConnect(subject, listener);
		remote.close();
		await().until(() -> listener.events(remote.name).contains("disconnected"));

		assertThatExceptionOfType(TransportException.class)
			.isThrownBy(() -> subject.send(bytes("lost\n"), List.of(remote.name)))
			.withMessageContaining(remote.name);
	}

	@Test
	public void sendingOnAStoppedTransportIsAClearError() throws Exception {
		Transport subject = subject();
		assertThatExceptionOfType(TransportException.class).isThrownBy(() -> subject.send(bytes("early\n"), null))
			.withMessageContaining("start it first");

		RecordingListener listener = new RecordingListener();
		Remote remote = startAndConnect(subject, listener);
		subject.stop();

		assertThatExceptionOfType(TransportException.class).isThrownBy(() -> subject.send(bytes("late\n"), null))
			.withMessageContaining("start it first");
		assertThatExceptionOfType(TransportException.class)
			.isThrownBy(() -> subject.send(bytes("late\n"), List.of(remote.name)))
			.withMessageContaining(subject.toString());
	}

	@Test
	public void stoppingWhileAnotherThreadSendsEndsTheSenderCleanly() throws Exception {
		Transport subject = subject();
		RecordingListener listener = new RecordingListener();
		Remote remote = startAndConnect(subject, listener);
		AtomicInteger sent = new AtomicInteger();
		CompletableFuture<Throwable> sender = CompletableFuture.supplyAsync(() -> {
			byte[] message = bytes("from the subject\n");
			while (true) {
				try {
					subject.send(message, List.of(remote.name));
					sent.incrementAndGet();
				}
				catch (Throwable ex) {
					return ex;
				}
			}
		});
		await().until(() -> sent.get() > 10);

		subject.stop();

		Throwable ended = sender.get(30, TimeUnit.SECONDS);
		assertThat(ended).isInstanceOf(TransportException.class);
		assertThat(subject.isRunning()).isFalse();
	}

	@Test
	public void stopLeavesNoThreadOfTheTransport() throws Exception {
		Transport subject = subject();
		RecordingListener listener = new RecordingListener();
		Remote remote = startAndConnect(subject, listener);
		remote.send(bytes("some work\n"));
		await().until(() -> listener.messages(remote.name).contains("some work"));

		subject.stop();
		remote.close();

		awaitNoSubjectThreads();
	}

	private void awaitNoSubjectThreads() {
		await().untilAsserted(() -> {
			Set<Thread> threads = Thread.getAllStackTraces().keySet();
			assertThat(threads.stream().filter(Thread::isAlive).filter(this::isSubjectThread).map(Thread::getName))
				.as("threads of the transport alive after stop()").isEmpty();
			assertThat(this.netty.alive()).as("event-loop threads alive after stop()").isEmpty();
		});
	}

	/**
	 * Encodes text as UTF-8.
	 * @param text the text
	 * @return the bytes
	 */
	protected static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * The other end of the subject's connection: sends to the subject and reads what it sends.
	 */
	protected abstract static class Remote implements AutoCloseable {

		/** The name the subject gave this peer; known once the subject reports it. */
		volatile String name = "?";

		/**
		 * Returns whether the subject learns of this peer only when it sends (as over UDP): then
		 * connecting sends a first message, {@code hello}.
		 * @return whether the peer must send to be known
		 */
		protected boolean announces() {
			return false;
		}

		/**
		 * Sends bytes to the subject, as one write.
		 * @param data the bytes
		 * @throws Exception if the connection is gone
		 */
		protected abstract void send(byte[] data) throws Exception;

		/**
		 * Waits for bytes from the subject.
		 * @param length how many bytes
		 * @return them, as UTF-8 text
		 * @throws Exception if they do not come
		 */
		protected abstract String receive(int length) throws Exception;

		/**
		 * Returns whether the subject has closed this peer's connection.
		 * @return whether it is closed from the other side
		 */
		protected abstract boolean closedBySubject();

		/** Leaves: closes the connection from this side. */
		@Override
		public abstract void close();

	}

}
