package io.quickrpc.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quickrpc.spi.Registry;
import io.quickrpc.transport.bus.InternalBuses;
import io.quickrpc.transport.network.NetworkOptions;

class InternalTransportTests {

	private final String bus = "bus-" + UUID.randomUUID();

	private final List<Transport> started = new ArrayList<>();

	@AfterEach
	void stopAll() {
		this.started.forEach(Transport::stop);
		assertThat(this.started).as("transports running after stop()").noneMatch(Transport::isRunning);
	}

	@Test
	void broadcastReachesEveryPeerButTheSender() throws Exception {
		Recorder a = new Recorder("a");
		Recorder b = new Recorder("b");
		Recorder c = new Recorder("c");
		Transport ta = start("internal:" + this.bus + ":a", a);
		Transport tb = start("internal:" + this.bus + ":b", b);
		start("internal:" + this.bus + ":c", c);

		ta.send(bytes("hello"), null);

		assertThat(b.next()).isEqualTo("b got hello from a");
		assertThat(c.next()).isEqualTo("c got hello from a");
		// deliveries to a peer keep their order: had a got its own broadcast, it would come first
		tb.send(bytes("marker"), List.of("a"));
		assertThat(a.next()).isEqualTo("a got marker from b");
	}

	@Test
	void addressedSendReachesOnlyItsReceivers() throws Exception {
		Recorder b = new Recorder("b");
		Recorder c = new Recorder("c");
		Transport ta = start("internal:" + this.bus + ":a", new Recorder("a"));
		start("internal:" + this.bus + ":b", b);
		start("internal:" + this.bus + ":c", c);

		ta.send(bytes("for c"), List.of("c"));
		ta.send(bytes("for b"), List.of("b"));

		assertThat(c.next()).isEqualTo("c got for c from a");
		assertThat(b.next()).isEqualTo("b got for b from a");
		assertThat(b.data).isEmpty();
	}

	@Test
	void unknownReceiverIsAnErrorAndNothingIsSent() {
		Recorder b = new Recorder("b");
		Transport ta = start("internal:" + this.bus + ":a", new Recorder("a"));
		start("internal:" + this.bus + ":b", b);

		assertThatExceptionOfType(TransportException.class).isThrownBy(() -> ta.send(bytes("x"), List.of("b", "zed")))
			.withMessage("Unknown receiver 'zed' on internal bus '" + this.bus + "'; connected peers: [b]");
		assertThat(b.data).isEmpty();
	}

	@Test
	void peersAreAutoNamedAndSeeEachOtherComeAndGo() throws Exception {
		Recorder a = new Recorder("a");
		Transport ta = start("internal:" + this.bus, a);
		Transport tb = start("internal:" + this.bus, new Recorder("b"));
		String nameOfB = ta.peers().iterator().next();
		String nameOfA = tb.peers().iterator().next();

		assertThat(nameOfA).startsWith("internal-");
		assertThat(nameOfB).startsWith("internal-").isNotEqualTo(nameOfA);
		assertThat(a.events.poll(5, TimeUnit.SECONDS)).isEqualTo("connected " + nameOfB);
		tb.stop();
		assertThat(a.events.poll(5, TimeUnit.SECONDS)).isEqualTo("disconnected " + nameOfB);
		assertThat(ta.peers()).isEmpty();
	}

	@Test
	void takenNameFailsTheStartAndLeavesTheTransportStopped() {
		start("internal:" + this.bus + ":same", new Recorder("a"));
		Transport second = Registry.transports().create("internal:" + this.bus + ":same");

		assertThatExceptionOfType(TransportException.class).isThrownBy(() -> second.start(new Recorder("b")))
			.withMessageContaining("Peer name 'same' is taken on internal bus '" + this.bus + "'");
		assertThat(second.isRunning()).isFalse();
	}

	@Test
	void startAndStopAreIdempotent() {
		Transport transport = start("internal:" + this.bus + ":a", new Recorder("a"));
		transport.start(new Recorder("other"));
		assertThat(transport.isRunning()).isTrue();

		transport.stop();
		transport.stop();

		assertThat(transport.isRunning()).isFalse();
		assertThat(transport.peers()).isEmpty();
	}

	@Test
	void sendingOnAStoppedTransportIsAClearError() {
		Transport transport = Registry.transports().create("internal:" + this.bus + ":a");

		assertThatExceptionOfType(TransportException.class).isThrownBy(() -> transport.send(bytes("x"), null))
			.withMessage("Cannot send on internal:" + this.bus + ":a: it is not running; start it first");
	}

	@Test
	void unconsumedBytesArePrependedToTheNextDelivery() throws Exception {
		BlockingQueue<String> lines = new LinkedBlockingQueue<>();
		Transport.Listener lineReader = new Transport.Listener() {

			@Override
			public void received(String peer, ByteBuffer data) {
				int start = data.position();
				for (int i = start; i < data.limit(); i++) {
					if (data.get(i) == '\n') {
						byte[] line = new byte[i - data.position()];
						data.get(line).get();
						lines.add(new String(line, StandardCharsets.UTF_8));
					}
				}
			}

		};
		Transport ta = start("internal:" + this.bus + ":a", new Recorder("a"));
		start("internal:" + this.bus + ":b", lineReader);

		ta.send(bytes("one\ntw"), null);
		ta.send(bytes("o\nthr"), null);
		ta.send(bytes("ee\n"), null);

		assertThat(lines.poll(5, TimeUnit.SECONDS)).isEqualTo("one");
		assertThat(lines.poll(5, TimeUnit.SECONDS)).isEqualTo("two");
		assertThat(lines.poll(5, TimeUnit.SECONDS)).isEqualTo("three");
	}

	@Test
	void aSenderWaitsWhileAMemberIsBehindByMoreThanTheBoundAndGoesOnWhenItCatchesUp() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		AtomicLong received = new AtomicLong();
		Transport slow = start("internal:" + this.bus + ":slow", new Transport.Listener() {

			@Override
			public void received(String peer, ByteBuffer data) {
				try {
					release.await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				received.addAndGet(data.remaining());
				data.position(data.limit());
			}

		});
		Transport fast = start("internal:" + this.bus + ":fast", new Recorder("fast"));
		byte[] chunk = new byte[64 * 1024];
		int chunks = 2 * NetworkOptions.DEFAULT_MAX_QUEUED_BYTES / chunk.length;
		Thread sender = new Thread(() -> {
			for (int i = 0; i < chunks; i++) {
				fast.send(chunk, List.of("slow"));
			}
		});
		sender.start();

		await().until(() -> sender.getState() == Thread.State.TIMED_WAITING);
		assertThat(received).hasValue(0);
		release.countDown();
		await().until(() -> !sender.isAlive());
		await().until(() -> received.get() == (long) chunks * chunk.length);
		assertThat(slow.isRunning()).isTrue();
	}

	@Test
	void busesAreSeparate() throws Exception {
		Transport ta = start("internal:" + this.bus + ":a", new Recorder("a"));
		Transport tb = start("internal:" + this.bus + "-other:b", new Recorder("b"));

		assertThat(ta.peers()).isEmpty();
		assertThat(tb.peers()).isEmpty();
		assertThatExceptionOfType(TransportException.class).isThrownBy(() -> ta.send(bytes("x"), List.of("b")));
	}

	@Test
	void busesOfTheirOwnKeepTheirMembersApartFromTheSharedOnes() throws Exception {
		Registry<Transport> own = Registry.transports().with(InternalBuses.class, InternalBuses.create());
		Recorder a = new Recorder("a");
		Recorder b = new Recorder("b");
		Transport ta = start(own.create("internal:" + this.bus + ":a"), a);
		Transport tb = start(Registry.transports().create("internal:" + this.bus + ":b"), b);

		start(own.create("internal:" + this.bus + ":c"), new Recorder("c"));

		assertThat(a.events.poll(5, TimeUnit.SECONDS)).isEqualTo("connected c");
		assertThat(ta.peers()).containsExactly("c");
		assertThat(tb.peers()).isEmpty();
		assertThat(b.events).isEmpty();
	}

	@Test
	void aPausedSenderIsHeldBackAloneAndDeliveredInOrderWhenResumed() throws Exception {
		Recorder m = new Recorder("m");
		Transport tm = start("internal:" + this.bus + ":m", m);
		Transport ta = startSender("a", tm);
		Transport tb = startSender("b", tm);

		assertThat(tm.pauseReading("a")).isTrue();
		for (int i = 0; i < 10; i++) {
			ta.send(bytes("a" + i), List.of("m"));
		}
		tb.send(bytes("from b"), List.of("m"));

		assertThat(m.next()).as("the other sender is not held back").isEqualTo("m got from b from b");
		assertThat(m.data).isEmpty();
		tm.resumeReading("a");
		for (int i = 0; i < 10; i++) {
			assertThat(m.next()).isEqualTo("m got a" + i + " from a");
		}
	}

	@Test
	void aPausedSenderPastItsBoundWaitsAloneAndAServingThreadNeverWaits() throws Exception {
		Recorder m = new Recorder("m");
		Transport tm = start("internal:" + this.bus + ":m", m);
		Transport ta = startSender("a", tm);
		Transport tb = startSender("b", tm);
		tm.pauseReading("a");
		byte[] large = new byte[NetworkOptions.DEFAULT_MAX_QUEUED_BYTES / 4];
		// a serving thread fills up to twice the bound without waiting, then its send fails
		assertThatExceptionOfType(TransportException.class).isThrownBy(() -> ServingThreads.run(() -> {
			for (int i = 0; i < 20; i++) {
				ta.send(large, List.of("m"));
			}
		})).withMessageContaining("more than twice the bound");
		CountDownLatch sent = new CountDownLatch(1);
		Thread waiting = new Thread(() -> {
			ta.send(large, List.of("m"));
			sent.countDown();
		});
		waiting.start();

		tb.send(bytes("from b"), List.of("m"));
		assertThat(m.next()).isEqualTo("m got from b from b");
		assertThat(sent.getCount()).as("a's plain thread waits for room").isOne();
		tm.resumeReading("a");
		assertThat(sent.await(5, TimeUnit.SECONDS)).isTrue();
	}

	/** Starts a member that sends to {@code receiver}, once the receiver sees it. */
	private Transport startSender(String name, Transport receiver) {
		Transport sender = start("internal:" + this.bus + ":" + name, new Recorder(name));
		await().until(() -> receiver.peers().contains(name));
		return sender;
	}

	private Transport start(String expression, Transport.Listener listener) {
		return start(Registry.transports().create(expression), listener);
	}

	private Transport start(Transport transport, Transport.Listener listener) {
		transport.start(listener);
		this.started.add(transport);
		return transport;
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	static final class Recorder implements Transport.Listener {

		final BlockingQueue<String> data = new LinkedBlockingQueue<>();

		final BlockingQueue<String> events = new LinkedBlockingQueue<>();

		private final String name;

		Recorder(String name) {
			this.name = name;
		}

		@Override
		public void received(String peer, ByteBuffer bytes) {
			byte[] copy = new byte[bytes.remaining()];
			bytes.get(copy);
			this.data.add(this.name + " got " + new String(copy, StandardCharsets.UTF_8) + " from " + peer);
		}

		@Override
		public void peerConnected(String peer) {
			this.events.add("connected " + peer);
		}

		@Override
		public void peerDisconnected(String peer) {
			this.events.add("disconnected " + peer);
		}

		String next() throws InterruptedException {
			return this.data.poll(5, TimeUnit.SECONDS);
		}

	}

}
