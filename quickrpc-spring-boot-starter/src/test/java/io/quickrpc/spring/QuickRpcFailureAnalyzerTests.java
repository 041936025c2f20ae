package io.quickrpc.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;

import io.quickrpc.RpcEndpoint;
import io.quickrpc.spi.Registry;
import io.quickrpc.spring.apis.GreetingApi;

class QuickRpcFailureAnalyzerTests {

	private final QuickRpcFailureAnalyzer analyzer = new QuickRpcFailureAnalyzer(null);

	@Test
	void missingTransportSaysWhichPropertyToSet() {
		FailureAnalysis analysis = this.analyzer.analyze(new BeanCreationException("quickrpc.echo.endpoint",
				"failed", new MissingTransportException("echo", "com.example.EchoApi")));

		assertThat(analysis.getDescription()).isEqualTo(
				"No transport is configured for remote API 'echo' (com.example.EchoApi); set quickrpc.apis.echo.transport");
		assertThat(analysis.getAction()).contains("Set quickrpc.apis.echo.transport, for example to 'tcpserv::8888'");
	}

	@Test
	void unknownShorthandListsTheKnownOnes() {
		FailureAnalysis analysis = this.analyzer.analyze(failure(() -> Registry.transports().create("tpc:host:1")));

		assertThat(analysis.getDescription()).contains("Unknown transport 'tpc' in expression 'tpc:host:1'");
		assertThat(analysis.getAction()).startsWith("Correct the transport expression 'tpc:host:1'. Known transport "
				+ "shorthands: internal, mux, nats, process, restart, stdio, tcp, tcpserv, udp, web.");
	}

	@Test
	void malformedExpressionIsExplained() {
		FailureAnalysis analysis = this.analyzer.analyze(failure(() -> Registry.transports().create("mux:(tcp:a:1")));

		assertThat(analysis.getDescription()).startsWith("Malformed transport expression 'mux:(tcp:a:1'");
		assertThat(analysis.getAction()).startsWith("Correct the transport expression 'mux:(tcp:a:1'.");
	}

	@Test
	void portInUseSuggestsAnotherPort() throws Exception {
		try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			RpcEndpoint<GreetingApi> endpoint = RpcEndpoint.builder(GreetingApi.class)
				.transport("tcpserv:127.0.0.1:" + taken.getLocalPort())
				.build();
			FailureAnalysis analysis = this.analyzer.analyze(failure(endpoint::start));

			assertThat(analysis.getDescription()).startsWith("A quickrpc transport could not start: Cannot listen on "
					+ "127.0.0.1:" + taken.getLocalPort());
			assertThat(analysis.getAction()).contains("configure another port");
		}
	}

	@Test
	void otherFailuresAreLeftToOtherAnalyzers() {
		assertThat(this.analyzer.analyze(new IllegalStateException("unrelated"))).isNull();
	}

	private static Throwable failure(Runnable action) {
		try {
			action.run();
		}
		catch (RuntimeException ex) {
			return new IllegalStateException("wrapped", ex);
		}
		throw new AssertionError("expected a failure");
	}

}
