package io.quickrpc.transport.nats;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs {@code nats-server} processes on 127.0.0.1 and ports they choose, for the tests of a
 * class: one server shared by every test class of the run, and servers of a test's own (with
 * credentials, in a cluster) stopped after it. Without {@code nats-server} on the PATH the tests
 * are skipped, with one line saying so, unless {@code CI=true}: there they fail. Public, and in
 * this module's test jar, for the tests of the Spring starter.
 */
public final class NatsServers implements BeforeAllCallback, AfterEachCallback {

	private static final Pattern CLIENT_PORT = Pattern.compile("Listening for client connections on [^ ]*:(\\d+)");

	private static final Pattern ROUTE_PORT = Pattern.compile("Listening for route connections on [^ ]*:(\\d+)");

	private static final AtomicBoolean TOLD = new AtomicBoolean();

	private static volatile NatsServer shared;

	private final List<NatsServer> owned = new CopyOnWriteArrayList<>();

	@Override
	public void beforeAll(ExtensionContext context) {
		if (executable() == null) {
			String reason = "nats-server is not on the PATH, so the NATS tests are skipped; install it (apt-get install "
					+ "nats-server, or a release from nats.io) to run them";
			if ("true".equals(System.getenv("CI"))) {
				throw new IllegalStateException(reason.replace("are skipped", "cannot run, and CI=true requires them"));
			}
			if (TOLD.compareAndSet(false, true)) {
				System.err.println("[NATS] " + reason);
			}
			Assumptions.abort(reason);
		}
	}

	@Override
	public void afterEach(ExtensionContext context) {
		for (NatsServer server : this.owned) {
			server.close();
		}
		this.owned.clear();
	}

	/** The server every test class shares, started on first use and stopped when the JVM ends. */
	public static synchronized NatsServer shared() {
		if (shared == null || !shared.process.isAlive()) {
			NatsServer started = NatsServer.start(List.of());
			Runtime.getRuntime().addShutdownHook(new Thread(started::close, "nats-server-stopper"));
			shared = started;
		}
		return shared;
	}

	/** Starts a server of this test's own, stopped after the test. */
	public NatsServer start(String... arguments) {
		NatsServer server = NatsServer.start(List.of(arguments));
		this.owned.add(server);
		return server;
	}

	/**
	 * Starts three servers routed to each other into one cluster, and waits until each has routes
	 * to both others.
	 */
	List<NatsServer> cluster() {
		String name = "quickrpc-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
		NatsServer first = start("--cluster_name", name, "--cluster", "nats://127.0.0.1:-1");
		String seed = "nats://127.0.0.1:" + first.routePort();
		NatsServer second = start("--cluster_name", name, "--cluster", "nats://127.0.0.1:-1", "--routes", seed);
		NatsServer third = start("--cluster_name", name, "--cluster", "nats://127.0.0.1:-1", "--routes", seed);
		List<NatsServer> servers = List.of(first, second, third);
		org.awaitility.Awaitility.await()
			.until(() -> servers.stream().allMatch((server) -> server.count("Route connection created") >= 2));
		return servers;
	}

	static String executable() {
		String path = System.getenv("PATH");
		if (path == null) {
			return null;
		}
		for (String directory : path.split(File.pathSeparator)) {
			Path candidate = Path.of(directory, "nats-server");
			if (Files.isExecutable(candidate)) {
				return candidate.toString();
			}
		}
		return null;
	}

	/** One nats-server process. */
	public static final class NatsServer implements AutoCloseable {

		final Process process;

		private final List<String> log = new CopyOnWriteArrayList<>();

		private final CompletableFuture<Integer> port = new CompletableFuture<>();

		private final CompletableFuture<Integer> routePort = new CompletableFuture<>();

		private NatsServer(Process process) {
			this.process = process;
		}

		static NatsServer start(List<String> arguments) {
			List<String> command = new ArrayList<>(List.of(executable(), "-a", "127.0.0.1", "-p", "-1"));
			command.addAll(arguments);
			Process process;
			try {
				process = new ProcessBuilder(command).redirectErrorStream(true).start();
			}
			catch (IOException ex) {
				throw new IllegalStateException("Cannot run " + command + ": " + ex.getMessage(), ex);
			}
			NatsServer server = new NatsServer(process);
			Thread reader = new Thread(server::read, "nats-server-log-" + process.pid());
			reader.setDaemon(true);
			reader.start();
			try {
				server.port.get(20, TimeUnit.SECONDS);
			}
			catch (InterruptedException | ExecutionException | TimeoutException ex) {
				process.destroyForcibly();
				throw new IllegalStateException("nats-server did not start: " + command + " printed " + server.log, ex);
			}
			return server;
		}

		private void read() {
			try (BufferedReader lines = new BufferedReader(
					new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
				String line;
				while ((line = lines.readLine()) != null) {
					this.log.add(line);
					Matcher client = CLIENT_PORT.matcher(line);
					if (client.find()) {
						this.port.complete(Integer.parseInt(client.group(1)));
					}
					Matcher route = ROUTE_PORT.matcher(line);
					if (route.find()) {
						this.routePort.complete(Integer.parseInt(route.group(1)));
					}
				}
			}
			catch (IOException ex) {
				// the process ended
			}
			this.port.completeExceptionally(new IllegalStateException("nats-server ended: " + this.log));
			this.routePort.completeExceptionally(new IllegalStateException("nats-server ended: " + this.log));
		}

		public int port() {
			return this.port.join();
		}

		int routePort() {
			try {
				return this.routePort.get(20, TimeUnit.SECONDS);
			}
			catch (InterruptedException | ExecutionException | TimeoutException ex) {
				throw new IllegalStateException("nats-server reported no route port: " + this.log, ex);
			}
		}

		public String url() {
			return "nats://127.0.0.1:" + port();
		}

		long count(String text) {
			return this.log.stream().filter((line) -> line.contains(text)).count();
		}

		/** Kills the server at once, as a crash would: its clients get no goodbye. */
		void kill() {
			this.process.destroyForcibly();
			waitForEnd();
		}

		@Override
		public void close() {
			this.process.destroy();
			if (!waitForEnd()) {
				this.process.destroyForcibly();
				waitForEnd();
			}
		}

		private boolean waitForEnd() {
			try {
				return this.process.waitFor(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
		}

	}

}
