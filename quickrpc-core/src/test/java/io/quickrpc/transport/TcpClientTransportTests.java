package io.quickrpc.transport;

import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;

import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

import io.quickrpc.spi.Registry;

/** The transport contract for {@code tcp}, connecting to a plain server socket. */
class TcpClientTransportTests extends AbstractTransportTest {

	private final ServerSocketChannel server = closeAfter(Remotes.listen());

	@Override
	protected Transport createSubject(Registry<Transport> transports) throws Exception {
		return transports.create("tcp:127.0.0.1:" + ((InetSocketAddress) this.server.getLocalAddress()).getPort());
	}

	@Override
	protected Remote connect(Transport subject) throws Exception {
		return Remotes.accept(this.server);
	}

	@Test
	@Override
	@Disabled("a TCP client has one peer, its server")
	public void otherPeersGoOnWhenOneIsDropped() {
	}

}
