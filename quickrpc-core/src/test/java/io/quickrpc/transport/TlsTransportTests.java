package io.quickrpc.transport;

import java.net.URISyntaxException;
import java.nio.file.Path;

import io.quickrpc.spi.Registry;
import io.quickrpc.transport.network.EventLoops;
import io.quickrpc.transport.network.NetworkOptions;
import io.quickrpc.transport.network.NetworkTransports;
import io.quickrpc.transport.network.TlsOptions;

/**
 * The transport contract for {@code tcpserv} with TLS, with TLS clients as peers, on the
 * certificates of {@code tls/generate.sh}.
 */
class TlsTransportTests extends AbstractTransportTest {

	private final EventLoops clientLoops = closeAfter(EventLoops.create(new RecordingThreads("test-tls-client")));

	@Override
	protected NetworkOptions.Builder options() {
		return super.options().tls(TlsOptions.builder().certificate(file("server.pem"), file("server.key")).build());
	}

	@Override
	protected Transport createSubject(Registry<Transport> transports) {
		return transports.create("tcpserv:127.0.0.1:0");
	}

	@Override
	protected Remote connect(Transport subject) {
		NetworkOptions client = NetworkOptions.builder()
			.eventLoops(this.clientLoops)
			.tls(TlsOptions.builder().trustCertificates(file("ca.pem")).build())
			.build();
		return new Remotes.TransportRemote(
				NetworkTransports.tcpClient("127.0.0.1", subject.localAddress().getPort(), client), null);
	}

	private static Path file(String name) {
		try {
			return Path.of(TlsTransportTests.class.getResource("/tls/" + name).toURI());
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
