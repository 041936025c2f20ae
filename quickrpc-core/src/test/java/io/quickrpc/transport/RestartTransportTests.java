package io.quickrpc.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.quickrpc.spi.Registry;
import io.quickrpc.transport.composite.CompositeTransports;
import io.quickrpc.transport.composite.RestartOptions;
import io.quickrpc.transport.network.NetworkOptions;

/**
 * The transport contract for {@code restart}, keeping a TCP server running, with plain sockets as
 * peers. Only this class restarts that expression, so its checker thread is known by name.
 */
class RestartTransportTests extends AbstractTransportTest {

	private static final String INNER = "tcpserv:127.0.0.1:0";

	@Override
	protected Transport createSubject(Registry<Transport> transports) {
		return transports.create("restart:0.05:" + INNER);
	}

	@Override
	protected Remote connect(Transport subject) throws Exception {
		// the first start of the inner transport runs on the checker thread, soon after start()
		await().until(subject::isRunning);
		return Remotes.connect(subject.localAddress());
	}

	@Override
	protected boolean isSubjectThread(Thread thread) {
		return thread.getName().equals("quickrpc-restart-" + INNER);
	}

	@Test
	void isNotRunningWhileItsTransportIsDown() throws Exception {
		ServerSocketChannel server = Remotes.listen();
		Transport restart = Registry.transports()
			.with(NetworkOptions.class, options().build())
			.create("restart:0.05:tcp:127.0.0.1:" + ((InetSocketAddress) server.getLocalAddress()).getPort());
		RecordingListener listener = new RecordingListener();
		restart.start(listener);
		try {
			Remote remote = Remotes.accept(server);
			await().until(restart::isRunning);

			// no server to reconnect to: the client stays down
			server.close();
			remote.close();

			await().until(() -> !listener.connectedPeers().isEmpty()
					&& listener.events(listener.connectedPeers().get(0)).contains("disconnected"));
			assertThat(restart.isRunning()).as("running, with its TCP client disconnected").isFalse();
			assertThatExceptionOfType(TransportException.class)
				.isThrownBy(() -> restart.send(bytes("lost\n"), List.of(listener.connectedPeers().get(0))))
				.withMessageContaining("is not running now")
				.withMessageContaining("try again then");
		}
		finally {
			restart.stop();
		}
	}

	@Test
	void delaysBetweenFailedStartsGrowByTheMultiplierUpToTheMaximum() {
		FlakyTransport flaky = new FlakyTransport(Integer.MAX_VALUE);
		Transport restart = CompositeTransports.restart(flaky, RestartOptions.builder()
			.initialDelay(Duration.ofMillis(20))
			.maxDelay(Duration.ofMillis(160))
			.multiplier(2)
			.build());
		restart.start(new RecordingListener());
		try {
			await().until(() -> flaky.attempts.size() >= 7);
			long[] expected = { 20, 40, 80, 160, 160, 160 };
			for (int i = 0; i < expected.length; i++) {
				long gap = TimeUnit.NANOSECONDS.toMillis(flaky.attempts.get(i + 1) - flaky.attempts.get(i));
				assertThat(gap).as("delay before attempt %d", i + 2).isGreaterThanOrEqualTo(expected[i]);
			}
			assertThat(restart.isRunning()).isFalse();
			assertThatExceptionOfType(TransportException.class).isThrownBy(() -> restart.send(bytes("x\n"), null))
				.withMessageStartingWith("Cannot send on restart[0.02s..0.16s x2.0]:(flaky): flaky is not running now "
						+ "(refused, attempt ")
				.withMessageEndingWith("); it is restarted with backoff up to every 160 ms, try again then");
		}
		finally {
			restart.stop();
		}
	}

	@Test
	void aTransportThatStartsAfterFailuresRunsAndIsStartedAgainWhenItStops() {
		FlakyTransport flaky = new FlakyTransport(3);
		Transport restart = CompositeTransports.restart(flaky, RestartOptions.builder()
			.initialDelay(Duration.ofMillis(10))
			.maxDelay(Duration.ofMillis(40))
			.build());
		restart.start(new RecordingListener());
		try {
			await().until(restart::isRunning);
			assertThat(flaky.attempts).hasSize(4);

			flaky.running = false;
			assertThat(restart.isRunning()).as("not running while what it keeps is down").isFalse();
			await().until(restart::isRunning);
			assertThat(flaky.attempts).hasSize(5);
		}
		finally {
			restart.stop();
		}
		assertThat(flaky.running).as("stop stops what it keeps").isFalse();
	}

	@Test
	void failingFastThrowsTheFirstFailureAndLeavesNothingRunning() {
		FlakyTransport flaky = new FlakyTransport(1);
		Transport restart = CompositeTransports.restart(flaky, RestartOptions.builder().failFast(true).build());

		assertThatExceptionOfType(TransportException.class).isThrownBy(() -> restart.start(new RecordingListener()))
			.withMessage("refused, attempt 1");
		assertThat(restart.isRunning()).isFalse();
		assertThat(Thread.getAllStackTraces().keySet()).noneMatch((thread) -> thread.getName()
			.equals("quickrpc-restart-flaky"));

		restart.start(new RecordingListener());
		try {
			assertThat(restart.isRunning()).as("started on the caller's thread").isTrue();
			assertThat(flaky.attempts).hasSize(2);
		}
		finally {
			restart.stop();
		}
	}

	/**
	 * A transport that fails to start a number of times, then starts; stopping it, or clearing
	 * {@link #running}, makes it stop.
	 */
	static final class FlakyTransport implements Transport {

		final List<Long> attempts = new CopyOnWriteArrayList<>();

		private final AtomicInteger failuresLeft;

		volatile boolean running;

		FlakyTransport(int failures) {
			this.failuresLeft = new AtomicInteger(failures);
		}

		@Override
		public void start(Listener listener) {
			this.attempts.add(System.nanoTime());
			if (this.failuresLeft.getAndDecrement() > 0) {
				throw new TransportException("refused, attempt " + this.attempts.size());
			}
			this.running = true;
		}

		@Override
		public void stop() {
			this.running = false;
		}

		@Override
		public boolean isRunning() {
			return this.running;
		}

		@Override
		public void send(byte[] data, Collection<String> receivers) {
		}

		@Override
		public Set<String> peers() {
			return Set.of();
		}

		@Override
		public String toString() {
			return "flaky";
		}

	}

}
