package io.quickrpc.spring.processes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.quickrpc.spring.processes.client.PingClientApplication;
import io.quickrpc.spring.processes.server.PingServerApplication;

/**
 * A client and a server, Spring Boot applications that depend on the starter alone, each in a
 * JVM of its own: the client starts before the server, calls it once it is up, and recovers
 * after the server is stopped and started again, without a restart of its own.
 * <p>
 * Ports: the client must know the server's port before the server first runs. So the server
 * runs once, binds port 0, and publishes the port the system chose in the line that says it
 * started; it is stopped, the client starts, and the server starts again on that port, as any
 * restarted server does. Between the runs no process of this test holds the port; the system
 * hands out a port it chose for a listener only after the others of its ephemeral range, so
 * another process taking it in those few seconds is unlikely, and would fail the server's start
 * with a clear message rather than pass wrongly.
 */
class ClientServerProcessesTests {

	private static final Pattern LISTENING = Pattern
		.compile("Started quickrpc API 'ping' \\(" + Pattern.quote(PingApi.class.getName())
				+ "\\) on transport tcpserv:127\\.0\\.0\\.1:\\d+, listening on 127\\.0\\.0\\.1:(\\d+)");

	private static final String UNREACHABLE = "FAILED Cannot call PingApi.ping: the server is unreachable: transport "
			+ "restart[0.1s..0.5s x2.0]:(tcp:127.0.0.1:%d) of endpoint 'ping' has not connected within the reply "
			+ "timeout (2000 ms), and the call was not sent; check that the server runs and can be reached";

	@Test
	void aClientStartedBeforeItsServerCallsItOnceItIsUpAndRecoversWhenItRestarts() throws Exception {
		int port;
		try (JavaProcess server = JavaProcess.start(PingServerApplication.class, "--spring.config.name=ping-server",
				"--ping.port=0")) {
			port = Integer.parseInt(server.awaitLine(LISTENING).group(1));
		}
		try (JavaProcess client = JavaProcess.start(PingClientApplication.class, "--spring.config.name=ping-client",
				"--ping.port=" + port)) {
			client.awaitLine(Pattern.compile("Started PingClientApplication"));
			client.awaitLine(Pattern.compile("WARN .* tcp:127\\.0\\.0\\.1:" + port + " did not start, retrying"));
			assertThat(client.call("too early")).isEqualTo(UNREACHABLE.formatted(port));

			try (JavaProcess server = startServer(port)) {
				await().atMost(Duration.ofSeconds(30))
					.failFast("The server, which has no web server, exited once started:\n" + server.output(),
							() -> !server.isAlive())
					.until(() -> client.call("first").equals("REPLY pong first"));
			}
			assertThat(client.call("while stopped")).isEqualTo(UNREACHABLE.formatted(port));

			try (JavaProcess server = startServer(port)) {
				await().atMost(Duration.ofSeconds(30))
					.failFast("The server exited once started:\n" + server.output(), () -> !server.isAlive())
					.until(() -> client.call("again").equals("REPLY pong again"));
			}
		}
	}

	private static JavaProcess startServer(int port) throws Exception {
		JavaProcess server = JavaProcess.start(PingServerApplication.class, "--spring.config.name=ping-server",
				"--ping.port=" + port);
		assertThat(server.awaitLine(LISTENING).group(1)).isEqualTo(String.valueOf(port));
		return server;
	}

}
