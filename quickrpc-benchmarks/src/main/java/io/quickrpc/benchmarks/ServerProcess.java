package io.quickrpc.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A {@link BenchServer} in a child JVM, started with this JVM's {@code java} and class path. It
 * ends when closed, and with this process in any case, since its standard input closes then.
 */
final class ServerProcess implements AutoCloseable {

	private final Process process;

	private final int port;

	private ServerProcess(Process process, int port) {
		this.process = process;
		this.port = port;
	}

	static ServerProcess start(String kind, @Nullable Path jfrDirectory, String... arguments) throws IOException {
		String java = ProcessHandle.current().info().command().orElse("java");
		List<String> command = new ArrayList<>(List.of(java, "-Xms256m", "-Xmx256m"));
		if (jfrDirectory != null) {
			command.add("-XX:StartFlightRecording=settings=profile,filename="
					+ jfrDirectory.resolve("server-" + kind + "-" + ProcessHandle.current().pid() + "-"
							+ System.nanoTime() + ".jfr"));
		}
		command.addAll(List.of("-cp", System.getProperty("java.class.path"), BenchServer.class.getName(), kind));
		command.addAll(List.of(arguments));
		Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
		BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
		String line = out.readLine();
		String printed = "nothing";
		while (line != null && !line.startsWith("PORT ")) {
			// what the JVM or an agent prints at startup, such as Flight Recorder's log lines
			printed = "'" + line + "'";
			line = out.readLine();
		}
		if (line == null) {
			process.destroyForcibly();
			throw new IOException("The " + kind + " server process ended without reporting its port (its last line "
					+ "was " + printed + "); run it alone to see why: " + String.join(" ", command));
		}
		return new ServerProcess(process, Integer.parseInt(line.substring(5).strip()));
	}

	int port() {
		return this.port;
	}

	@Override
	public void close() {
		try {
			this.process.getOutputStream().close();
			if (!this.process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
			}
		}
		catch (IOException ex) {
			this.process.destroyForcibly();
		}
		catch (InterruptedException ex) {
			this.process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
	}

}
