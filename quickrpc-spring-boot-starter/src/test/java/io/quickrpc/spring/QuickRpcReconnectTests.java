package io.quickrpc.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.quickrpc.RpcEndpoint;
import io.quickrpc.RpcException;
import io.quickrpc.spring.apis.GreetingApi;
import io.quickrpc.transport.TransportException;

/**
 * Client endpoints ({@code tcp:} and {@code ws:} transports) start while their server is down,
 * connect in the background and reconnect with backoff; calls wait for the connection up to the
 * reply timeout; {@code fail-fast} fails the startup instead.
 */
class QuickRpcReconnectTests {

	/** A port that refuses connections: bound, never listening, and held until the test ends. */
	private Socket refusing;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(QuickRpcAutoConfiguration.class,
				QuickRpcEndpointAutoConfiguration.class))
		.withUserConfiguration(QuickRpcAutoConfigurationTests.Apis.class)
		.withPropertyValues("quickrpc.apis.greeting.invert=true",
				"quickrpc.apis.counterApi.transport=internal:" + UUID.randomUUID());

	@BeforeEach
	void bindAPortThatRefusesConnections() throws Exception {
		this.refusing = new Socket();
		this.refusing.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
	}

	@AfterEach
	void releaseThePort() throws Exception {
		this.refusing.close();
	}

	@Test
	void aClientStartsWhileItsServerIsDownIsDownInHealthAndItsCallsSayTheServerIsUnreachable() {
		String transport = "tcp:127.0.0.1:" + this.refusing.getLocalPort();
		this.runner.withPropertyValues("quickrpc.apis.greeting.transport=" + transport,
				"quickrpc.apis.greeting.reply-timeout=300ms")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				RpcEndpoint<?> greeting = QuickRpcServerLifecycleTests.endpoint(context, GreetingApi.class);
				assertThat(greeting.transport()).hasToString("restart[0.5s..30.0s x2.0]:(" + transport + ")");
				assertThat(greeting.isRunning()).isFalse();
				QuickRpcHealthIndicator health = context.getBean(QuickRpcHealthIndicator.class);
				assertThat(health.health().getStatus().getCode()).isEqualTo("DOWN");
				assertThat(health.health().getDetails().get("greeting")).isEqualTo(Map.of("running", false,
						"transport", "restart[0.5s..30.0s x2.0]:(" + transport + ")", "peers", 0));
				assertThatExceptionOfType(RpcException.class)
					.isThrownBy(() -> context.getBean(GreetingApi.class).greet("anyone"))
					.withMessage("Cannot call GreetingApi.greet: the server is unreachable: transport "
							+ "restart[0.5s..30.0s x2.0]:(" + transport + ") of endpoint 'greeting' has not connected "
							+ "within the reply timeout (300 ms), and the call was not sent; check that the server "
							+ "runs and can be reached");
			});
	}

	@Test
	void reconnectPropertiesSetTheBackoff() {
		String transport = "tcp:127.0.0.1:" + this.refusing.getLocalPort();
		this.runner.withPropertyValues("quickrpc.apis.greeting.transport=" + transport,
				"quickrpc.apis.greeting.reconnect.initial-delay=50ms", "quickrpc.apis.greeting.reconnect.max-delay=2s",
				"quickrpc.apis.greeting.reconnect.multiplier=3")
			.run((context) -> assertThat(QuickRpcServerLifecycleTests.endpoint(context, GreetingApi.class).transport())
				.hasToString("restart[0.05s..2.0s x3.0]:(" + transport + ")"));
	}

	@Test
	void aClientConnectsWhenItsServerIsUpAndAgainAfterTheServerRestarts() {
		try (RpcEndpoint<GreetingApi> first = server("tcpserv:127.0.0.1:0")) {
			aClientConnectsAndReconnects(first, "tcp:127.0.0.1:%d", "tcpserv:127.0.0.1:%d");
		}
	}

	@Test
	void aWebSocketClientReconnectsAsATcpClientDoes() {
		try (RpcEndpoint<GreetingApi> first = server("wsserv:127.0.0.1:0/rpc")) {
			aClientConnectsAndReconnects(first, "ws:127.0.0.1:%d/rpc", "wsserv:127.0.0.1:%d/rpc");
		}
	}

	private void aClientConnectsAndReconnects(RpcEndpoint<GreetingApi> first, String client, String restarted) {
		int port = first.transport().localAddress().getPort();
		this.runner.withPropertyValues("quickrpc.apis.greeting.transport=" + client.formatted(port),
				"quickrpc.apis.greeting.reconnect.initial-delay=50ms", "quickrpc.apis.greeting.reconnect.max-delay=200ms")
			.run((context) -> {
				GreetingApi server = context.getBean(GreetingApi.class);
				QuickRpcHealthIndicator health = context.getBean(QuickRpcHealthIndicator.class);
				assertThat(server.greet("ann")).isEqualTo("hello ann");
				assertThat(health.health().getStatus().getCode()).isEqualTo("UP");

				first.stop();
				await().until(() -> health.health().getStatus().getCode().equals("DOWN"));

				try (RpcEndpoint<GreetingApi> second = server(restarted.formatted(port))) {
					assertThat(server.greet("bob")).as("waits for the reconnection").isEqualTo("hello bob");
					assertThat(health.health().getStatus().getCode()).isEqualTo("UP");
				}
			});
	}

	@Test
	void failFastFailsTheStartupWhenTheServerRefusesTheConnection() {
		String transport = "tcp:127.0.0.1:" + this.refusing.getLocalPort();
		this.runner.withPropertyValues("quickrpc.apis.greeting.transport=" + transport,
				"quickrpc.apis.greeting.fail-fast=true")
			.run((context) -> {
				assertThat(context).hasFailed();
				TransportException cause = QuickRpcServerLifecycleTests.cause(context.getStartupFailure(),
						TransportException.class);
				assertThat(cause.getMessage()).startsWith("Cannot connect to 127.0.0.1:" + this.refusing.getLocalPort());
				FailureAnalysis analysis = new QuickRpcFailureAnalyzer(null).analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).isEqualTo("quickrpc API 'greeting' "
						+ "(io.quickrpc.spring.apis.GreetingApi) could not start its transport, set by "
						+ "quickrpc.apis.greeting.transport ('" + transport + "'): " + cause.getMessage());
				assertThat(analysis.getAction()).isEqualTo("Start the server that quickrpc.apis.greeting.transport "
						+ "names before this application, or correct its address; or set "
						+ "quickrpc.apis.greeting.fail-fast to false, so that this application starts anyway and "
						+ "connects once the server is up.");
			});
	}

	@Test
	void reconnectSettingsThatCannotWorkFailTheStartupNamingTheProperty() {
		this.runner.withPropertyValues("quickrpc.apis.greeting.transport=tcp:127.0.0.1:" + this.refusing.getLocalPort(),
				"quickrpc.apis.greeting.reconnect.multiplier=0.5")
			.run((context) -> {
				FailureAnalysis analysis = new QuickRpcFailureAnalyzer(null).analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).isEqualTo("quickrpc API 'greeting' "
						+ "(io.quickrpc.spring.apis.GreetingApi) has an invalid quickrpc.apis.greeting.reconnect: "
						+ "multiplier must be a number of at least 1, not 0.5");
				assertThat(analysis.getAction()).isEqualTo("Correct quickrpc.apis.greeting.reconnect.initial-delay, "
						+ "max-delay or multiplier: delays of at least 1 ms, the maximum not shorter than the initial "
						+ "delay, a multiplier of at least 1.");
			});
	}

	private static RpcEndpoint<GreetingApi> server(String transport) {
		RpcEndpoint<GreetingApi> server = RpcEndpoint.builder(GreetingApi.class).transport(transport).build();
		server.connect(new QuickRpcAutoConfigurationTests.GreetingHandler());
		return server.start();
	}

}
