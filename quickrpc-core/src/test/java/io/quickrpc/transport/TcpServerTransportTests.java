package io.quickrpc.transport;

import io.quickrpc.spi.Registry;
import io.quickrpc.transport.AbstractTransportTest.Remote;

/** The transport contract for {@code tcpserv}, with plain sockets as peers. */
class TcpServerTransportTests extends AbstractTransportTest {

	@Override
	protected Transport createSubject(Registry<Transport> transports) {
		return transports.create("tcpserv:127.0.0.1:0");
	}

	@Override
	protected Remote connect(Transport subject) throws Exception {
		return Remotes.connect(subject.localAddress());
	}

}
