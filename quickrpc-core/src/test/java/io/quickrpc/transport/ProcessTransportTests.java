package io.quickrpc.transport;

import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;

import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

import io.quickrpc.spi.Registry;

/**
 * The transport contract for {@code process}, and for {@code stdio} in the child: the child
 * ({@link StdioRelay}) relays between its {@code stdio:} transport and a socket the test plays
 * the child's part on.
 */
class ProcessTransportTests extends AbstractTransportTest {

	private final ServerSocketChannel control = closeAfter(Remotes.listen());

	private String relay() throws Exception {
		return StdioRelay.class.getName() + " " + ((InetSocketAddress) this.control.getLocalAddress()).getPort();
	}

	@Override
	protected Transport createSubject(Registry<Transport> transports) throws Exception {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		return transports.create("process:(\"" + java + "\" -cp \"" + System.getProperty("java.class.path") + "\" "
				+ relay() + ")");
	}

	@Override
	protected Remote connect(Transport subject) throws Exception {
		return Remotes.accept(this.control);
	}

	@Override
	protected boolean isSubjectThread(Thread thread) {
		try {
			return thread.getName().startsWith("quickrpc-reader-process:") && thread.getName().endsWith(relay() + ")");
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Test
	@Override
	@Disabled("a child process has one peer, its parent")
	public void otherPeersGoOnWhenOneIsDropped() {
	}

}
