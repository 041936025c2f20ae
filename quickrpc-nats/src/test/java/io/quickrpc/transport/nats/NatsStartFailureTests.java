package io.quickrpc.transport.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.quickrpc.RpcEndpoint;
import io.quickrpc.spi.InvalidExpressionException;
import io.quickrpc.spi.Registry;
import io.quickrpc.transport.Transport;
import io.quickrpc.transport.TransportException;

/**
 * What a user who got something wrong is told: wrong credentials and an unreachable server fail
 * {@code start()}; a bad expression fails already when the endpoint is built.
 */
class NatsStartFailureTests {

	@RegisterExtension
	static final NatsServers servers = new NatsServers();

	@RegisterExtension
	final NatsEndpoints endpoints = new NatsEndpoints();

	@Test
	void wrongCredentialsFailStartSayingWhatToCheck() {
		String url = servers.start("--user", "alice", "--pass", "s3cret").url();
		NatsOptions wrong = NatsOptions.builder().userInfo("alice", "guess".toCharArray()).build();
		NatsOptions right = NatsOptions.builder().userInfo("alice", "s3cret".toCharArray()).build();

		assertThatExceptionOfType(TransportException.class)
			.isThrownBy(() -> this.endpoints.start(url, null, false, wrong, UnaryOperator.identity()))
			.withMessageContaining("NATS at " + url + " refused the credentials")
			.withMessageContaining("check the user and password, token, NKey seed or .creds file given in NatsOptions");
		assertThat(this.endpoints.start(url, null, false, right, UnaryOperator.identity()).isRunning()).isTrue();
		assertThat(wrong.toString()).contains("user=alice").doesNotContain("guess");
	}

	@Test
	void anUnreachableServerFailsStartSayingWhatToCheck() throws IOException {
		int port;
		try (ServerSocket socket = new ServerSocket()) {
			socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
			port = socket.getLocalPort();
		}
		String url = "nats://127.0.0.1:" + port;

		assertThatExceptionOfType(TransportException.class)
			.isThrownBy(() -> this.endpoints.start(url, null, false))
			.withMessageStartingWith("Cannot connect nats:(" + url + "):" + this.endpoints.namespace() + " to NATS at "
					+ url)
			.withMessageEndingWith("check that nats-server runs there and is reachable, or list other servers in the "
					+ "expression");
	}

	@Test
	void aBadExpressionFailsWhenTheEndpointIsBuiltSayingWhatToWrite() {
		assertThatExceptionOfType(InvalidExpressionException.class)
			.isThrownBy(() -> Registry.transports().create("nats:(127.0.0.1:4222)"))
			.withMessageContaining("Invalid transport expression 'nats:(127.0.0.1:4222)'")
			.withMessageContaining("no namespace given, and no API name to take it from");
		assertThatExceptionOfType(InvalidExpressionException.class).isThrownBy(() -> build("nats:127.0.0.1:4222:orders"))
			.withMessageContaining("the namespace '4222' looks like a port; put HOST:PORT in parentheses, as in "
					+ "nats:(127.0.0.1:4222):orders");
		assertThatExceptionOfType(InvalidExpressionException.class).isThrownBy(() -> build("nats::orders.v2"))
			.withMessageContaining("the namespace 'orders.v2' must be letters, digits, '-' and '_'");
		assertThatExceptionOfType(InvalidExpressionException.class).isThrownBy(() -> build("nats::orders:"))
			.withMessageContaining("the service group '' must be letters, digits, '-' and '_'; it is required");
		assertThatExceptionOfType(InvalidExpressionException.class)
			.isThrownBy(() -> build("nats:(nats://127.0.0.1:notaport):orders"))
			.withMessageContaining("server 'nats://127.0.0.1:notaport' is not a NATS server address");
	}

	@Test
	void theNamespaceIsTheApiNameUnlessTheExpressionNamesOne() {
		assertThat(build("nats:(127.0.0.1:4222)").transport()).hasToString("nats:(nats://127.0.0.1:4222):echo");
		assertThat(build("nats:(127.0.0.1:4222)::workers").transport())
			.hasToString("nats:(nats://127.0.0.1:4222):echo:workers");
		assertThat(build("nats:(127.0.0.1:4222):orders").transport()).hasToString("nats:(nats://127.0.0.1:4222):orders");
	}

	@Test
	void aConnectionOfTheApplicationsOwnExcludesSettingsItCannotHave() throws Exception {
		try (Connection connection = Nats.connect(NatsServers.shared().url())) {
			assertThatIllegalStateException()
				.isThrownBy(() -> NatsOptions.builder().connection(connection).userInfo("alice", "x".toCharArray()).build())
				.withMessageContaining("remove userInfo");
			assertThatExceptionOfType(InvalidExpressionException.class).isThrownBy(() -> RpcEndpoint.builder(EchoApi.class)
				.transportRegistry(Registry.transports().with(NatsOptions.class, NatsOptions.builder().connection(connection).build()))
				.transport("nats:127.0.0.1:orders")
				.build()).withMessageContaining("leave the servers empty, as in nats::NAMESPACE");
		}
	}

	private static RpcEndpoint<EchoApi> build(String expression) {
		Registry<Transport> transports = Registry.transports();
		return RpcEndpoint.builder(EchoApi.class).transportRegistry(transports).transport(expression).build();
	}

}
