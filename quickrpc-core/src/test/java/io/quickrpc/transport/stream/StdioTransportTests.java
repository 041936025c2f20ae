package io.quickrpc.transport.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

import io.quickrpc.spi.Registry;
import io.quickrpc.transport.AbstractTransportTest;
import io.quickrpc.transport.Remotes;
import io.quickrpc.transport.Transport;

/**
 * The transport contract for {@code stdio}, on pipes in place of this process's standard input
 * and output, read as standard input is: by one thread that outlives the runs of the transport
 * (it is not counted as the transport's).
 */
class StdioTransportTests extends AbstractTransportTest {

	private final Pipe toSubject = new Pipe();

	private final Pipe fromSubject = new Pipe();

	private final SharedInput standardInput = new SharedInput(this.toSubject.input, "test-stdin-" + this.unique);

	@Override
	protected Transport createSubject(Registry<Transport> transports) {
		return StdioTransportFactory.transport(this.standardInput, this.fromSubject.output, MAX_FRAME_SIZE);
	}

	@Override
	protected Remote connect(Transport subject) throws Exception {
		return new PipeRemote(subject);
	}

	@Override
	protected boolean isSubjectThread(Thread thread) {
		// only this class runs the stdio transport in the test process
		return thread.getName().equals("quickrpc-reader-stdio:");
	}

	@Test
	@Override
	@Disabled("standard input has one peer, the process at its other end")
	public void otherPeersGoOnWhenOneIsDropped() {
	}

	@Test
	void whatArrivesBetweenRunsGoesToTheNextRun() throws Exception {
		Transport subject = stopAfter(createSubject(Registry.transports()));
		BlockingQueue<String> first = new LinkedBlockingQueue<>();
		BlockingQueue<String> second = new LinkedBlockingQueue<>();
		subject.start(collecting(first));
		this.toSubject.output.write(bytes("one\n"));
		assertThat(first.poll(10, TimeUnit.SECONDS)).isEqualTo("one\n");
		subject.stop();

		this.toSubject.output.write(bytes("between\n"));
		subject.start(collecting(second));

		assertThat(second.poll(10, TimeUnit.SECONDS)).isEqualTo("between\n");
		assertThat(first).isEmpty();
	}

	/** A listener that takes every byte it is given, as text. */
	private static Transport.Listener collecting(BlockingQueue<String> received) {
		return (peer, data) -> {
			byte[] bytes = new byte[data.remaining()];
			data.get(bytes);
			received.add(new String(bytes, StandardCharsets.UTF_8));
		};
	}

	/** The process at the other end of the pipes; it can tell the subject dropped it only as stopped. */
	private final class PipeRemote extends Remote {

		private final Transport subject;

		private final Remotes.Received received = new Remotes.Received();

		PipeRemote(Transport subject) {
			this.subject = subject;
			Thread reader = new Thread(() -> this.received.readAll(StdioTransportTests.this.fromSubject.input),
					"test-remote-reader");
			reader.setDaemon(true);
			reader.start();
		}

		@Override
		protected void send(byte[] data) throws Exception {
			StdioTransportTests.this.toSubject.output.write(data);
		}

		@Override
		protected String receive(int length) {
			return this.received.first(length);
		}

		@Override
		protected boolean closedBySubject() {
			return !this.subject.isRunning();
		}

		@Override
		public void close() {
			StdioTransportTests.this.toSubject.closeWriting();
		}

	}

}
