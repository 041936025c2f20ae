package io.quickrpc.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.ResolvableType;

import io.quickrpc.RpcEndpoint;
import io.quickrpc.spring.apis.GreetingApi;
import io.quickrpc.transport.TransportException;

/**
 * A server's lifecycle: the thread that keeps the JVM alive while a transport listens, the line
 * each started endpoint logs, and the failure of a port in use.
 */
@ExtendWith(OutputCaptureExtension.class)
class QuickRpcServerLifecycleTests {

	private final String bus = "bus-" + UUID.randomUUID();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(QuickRpcAutoConfiguration.class))
		.withUserConfiguration(QuickRpcAutoConfigurationTests.Apis.class)
		.withPropertyValues("quickrpc.apis.greeting.transport=tcpserv:127.0.0.1:0",
				"quickrpc.apis.counterApi.transport=internal:" + this.bus + ":counter");

	@Test
	void aListeningTransportKeepsTheJvmAliveWithANonDaemonThreadUntilTheContextCloses() {
		Thread[] keepAlive = new Thread[1];
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed();
			keepAlive[0] = keepAliveThread();
			assertThat(keepAlive[0]).as("thread " + QuickRpcLifecycle.KEEP_ALIVE_THREAD).isNotNull();
			assertThat(keepAlive[0].isDaemon()).isFalse();
		});
		await().until(() -> !keepAlive[0].isAlive());
	}

	@Test
	void withoutAListeningTransportNothingKeepsTheJvmAlive() {
		this.runner.withPropertyValues("quickrpc.apis.greeting.transport=internal:" + this.bus + ":greeting")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				await().untilAsserted(() -> assertThat(keepAliveThread()).as("a keep-alive thread").isNull());
			});
	}

	@Test
	void eachStartedEndpointLogsItsApiTransportAndBoundAddress(CapturedOutput output) {
		this.runner.run((context) -> {
			int port = endpoint(context, GreetingApi.class).transport().localAddress().getPort();
			assertThat(output).contains("Started quickrpc API 'greeting' (io.quickrpc.spring.apis.GreetingApi) on "
					+ "transport tcpserv:127.0.0.1:0, listening on 127.0.0.1:" + port + "\n");
			assertThat(output).contains("Started quickrpc API 'counterApi' (io.quickrpc.spring.apis.CounterApi) on "
					+ "transport internal:" + this.bus + ":counter, peers []\n");
		});
	}

	@Test
	void aPortInUseFailsTheStartupSayingWhichApiAndPropertyAndWhatToDo() throws Exception {
		try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			String transport = "tcpserv:127.0.0.1:" + taken.getLocalPort();
			this.runner.withPropertyValues("quickrpc.apis.greeting.transport=" + transport).run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new QuickRpcFailureAnalyzer(null).analyze(context.getStartupFailure());
				TransportException cause = cause(context.getStartupFailure(), TransportException.class);
				assertThat(cause.getMessage()).startsWith("Cannot listen on 127.0.0.1:" + taken.getLocalPort());
				assertThat(analysis.getDescription()).isEqualTo("quickrpc API 'greeting' "
						+ "(io.quickrpc.spring.apis.GreetingApi) could not start its transport, set by "
						+ "quickrpc.apis.greeting.transport ('" + transport + "'): " + cause.getMessage());
				assertThat(analysis.getAction()).isEqualTo("Stop the process that listens on that port, or set "
						+ "quickrpc.apis.greeting.transport to another port ('tcpserv::0' lets the system choose one, "
						+ "published as local.quickrpc.greeting.port).");
			});
		}
	}

	static <T extends Throwable> T cause(Throwable failure, Class<T> type) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return type.cast(cause);
			}
		}
		throw new AssertionError("No " + type.getSimpleName() + " caused " + failure, failure);
	}

	private static Thread keepAliveThread() {
		return Thread.getAllStackTraces().keySet().stream()
			.filter((thread) -> thread.getName().equals(QuickRpcLifecycle.KEEP_ALIVE_THREAD) && thread.isAlive())
			.findFirst()
			.orElse(null);
	}

	static RpcEndpoint<?> endpoint(org.springframework.context.ApplicationContext context, Class<?> api) {
		return (RpcEndpoint<?>) context.getBeanProvider(ResolvableType.forClassWithGenerics(RpcEndpoint.class, api))
			.getObject();
	}

}
