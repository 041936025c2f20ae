package io.quickrpc.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quickrpc.RemoteException;
import io.quickrpc.RpcEndpoint;

/**
 * The sample jar, processed ahead of time by the build ({@code spring-boot:process-aot}), run
 * with {@code -Dspring.aot.enabled=true}: it must start from the generated code and serve calls
 * over TCP as the regular application does.
 */
class SampleAotIT {

	private static final Pattern LISTENING = Pattern.compile(
			"Started quickrpc API '(echo|echoTerse)' \\(io\\.quickrpc\\.sample\\.EchoApi\\) on transport "
					+ "tcpserv:127\\.0\\.0\\.1:0, listening on 127\\.0\\.0\\.1:(\\d+)");

	private final List<String> output = new CopyOnWriteArrayList<>();

	private Process application;

	@BeforeEach
	void startTheProcessedJar() throws IOException {
		Path jar = Path.of(System.getProperty("sample.jar", "target/sample-app-0.1.0-SNAPSHOT.jar"));
		assertThat(jar).as("the jar that the package phase builds").exists();
		assertThat(Files.readAllBytes(jar)).as("process-aot output in the jar")
			.containsSequence("SampleApplication__ApplicationContextInitializer".getBytes(StandardCharsets.US_ASCII));
		this.application = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Dspring.aot.enabled=true", "-XX:TieredStopAtLevel=1", "-jar", jar.toString(), "--server.port=0",
				"--server.address=127.0.0.1", "--quickrpc.apis.echo.transport=tcpserv:127.0.0.1:0",
				"--quickrpc.apis.echoTerse.transport=tcpserv:127.0.0.1:0")
			.redirectErrorStream(true)
			.start();
		Thread reader = new Thread(() -> {
			try (BufferedReader lines = new BufferedReader(
					new InputStreamReader(this.application.getInputStream(), StandardCharsets.UTF_8))) {
				lines.lines().forEach(this.output::add);
			}
			catch (IOException ex) {
				// the process ended
			}
		}, "output of the sample");
		reader.setDaemon(true);
		reader.start();
	}

	@AfterEach
	void stopIt() throws InterruptedException {
		this.application.destroy();
		if (!this.application.waitFor(60, TimeUnit.SECONDS)) {
			this.application.destroyForcibly();
		}
	}

	@Test
	void theAotProcessedApplicationServesCallsOverTcp() throws Exception {
		int port = echoPort();
		assertThat(this.output).as("the application started from the code process-aot generated")
			.anyMatch((line) -> line.contains("Starting AOT-processed SampleApplication"));

		try (Socket peer = new Socket(InetAddress.getLoopbackAddress(), port)) {
			peer.setSoTimeout(10_000);
			peer.getOutputStream().write("{\"jsonrpc\": \"2.0\", \"method\": \"ping\", \"params\": {\"text\": \"aot\"}, \"id\": 1}\0"
				.getBytes(StandardCharsets.UTF_8));
			assertThat(readFrame(peer)).isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"aot\"}");
		}
		try (RpcEndpoint<EchoApi> client = RpcEndpoint.builder(EchoApi.class)
			.inverted(true)
			.transport("tcp:127.0.0.1:" + port)
			.build()
			.start()) {
			assertThat(client.api().add(new BigDecimal("0.1"), new BigDecimal("0.2"))).isEqualTo(new BigDecimal("0.3"));
			assertThatExceptionOfType(RemoteException.class).isThrownBy(() -> client.api().fail("as asked"))
				.satisfies((ex) -> assertThat(ex.remoteMessage()).isEqualTo("as asked"));
		}
	}

	private int echoPort() {
		int[] port = new int[1];
		await().atMost(Duration.ofSeconds(120))
			.failFast("The sample exited:\n" + String.join("\n", this.output), () -> !this.application.isAlive())
			.until(() -> {
				for (String line : this.output) {
					Matcher matcher = LISTENING.matcher(line);
					if (matcher.find() && matcher.group(1).equals("echo")) {
						port[0] = Integer.parseInt(matcher.group(2));
						return true;
					}
				}
				return false;
			});
		return port[0];
	}

	private static String readFrame(Socket peer) throws IOException {
		ByteArrayOutputStream frame = new ByteArrayOutputStream();
		for (int b = peer.getInputStream().read(); b != 0; b = peer.getInputStream().read()) {
			assertThat(b).as("the connection stays open until the reply arrives").isNotNegative();
			frame.write(b);
		}
		return frame.toString(StandardCharsets.UTF_8);
	}

}
