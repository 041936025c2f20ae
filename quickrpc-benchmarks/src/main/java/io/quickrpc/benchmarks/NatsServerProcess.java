package io.quickrpc.benchmarks;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * A {@code nats-server} on 127.0.0.1 and a port it chooses, for the {@code nats} systems; it ends
 * when closed.
 */
final class NatsServerProcess implements AutoCloseable {

	private static final Pattern CLIENT_PORT = Pattern.compile("Listening for client connections on [^ ]*:(\\d+)");

	private final Process process;

	private final String url;

	private NatsServerProcess(Process process, String url) {
		this.process = process;
		this.url = url;
	}

	/** Returns the nats-server on the PATH, or {@code null}. */
	static @Nullable String executable() {
		String path = System.getenv("PATH");
		if (path != null) {
			for (String directory : path.split(File.pathSeparator)) {
				Path candidate = Path.of(directory, "nats-server");
				if (Files.isExecutable(candidate)) {
					return candidate.toString();
				}
			}
		}
		return null;
	}

	static NatsServerProcess start(String executable) throws IOException {
		Process process = new ProcessBuilder(executable, "-a", "127.0.0.1", "-p", "-1").redirectErrorStream(true).start();
		BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
		String line;
		while ((line = out.readLine()) != null) {
			Matcher port = CLIENT_PORT.matcher(line);
			if (port.find()) {
				Thread drain = new Thread(() -> {
					try {
						while (out.readLine() != null) {
							// keeps the pipe from filling
						}
					}
					catch (IOException ex) {
						// the server ended
					}
				}, "nats-server-log");
				drain.setDaemon(true);
				drain.start();
				return new NatsServerProcess(process, "nats://127.0.0.1:" + port.group(1));
			}
		}
		process.destroyForcibly();
		throw new IOException(executable + " ended without reporting its port");
	}

	String url() {
		return this.url;
	}

	@Override
	public void close() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
			this.process.destroyForcibly();
		}
	}

}
