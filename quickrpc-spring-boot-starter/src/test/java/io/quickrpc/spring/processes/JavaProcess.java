package io.quickrpc.spring.processes;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.core.ConditionTimeoutException;

/**
 * A Spring Boot application of the test classes, run in a JVM of its own on the class path of an
 * application that depends on the starter alone (the starter's runtime class path, which the
 * build writes to {@code target/runtime-classpath.txt}). Collects what it prints; closing it
 * stops it as a service manager does, with SIGTERM, and waits for it to exit.
 */
final class JavaProcess implements AutoCloseable {

	private final String name;

	private final Process process;

	private final Writer input;

	private final List<String> output = new CopyOnWriteArrayList<>();

	private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();

	private JavaProcess(String name, Process process) {
		this.name = name;
		this.process = process;
		this.input = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
		Thread reader = new Thread(this::read, "output of " + name);
		reader.setDaemon(true);
		reader.start();
	}

	static JavaProcess start(Class<?> application, String... arguments) throws IOException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-XX:TieredStopAtLevel=1");
		command.add("-cp");
		command.add(classPath());
		command.add(application.getName());
		command.addAll(List.of(arguments));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		return new JavaProcess(application.getSimpleName(), process);
	}

	private static String classPath() throws IOException {
		Path target = Path.of(System.getProperty("basedir", ".")).resolve("target");
		Path runtime = target.resolve("runtime-classpath.txt");
		if (!Files.exists(runtime)) {
			throw new IllegalStateException(runtime + " is missing; the build writes it in the generate-test-resources "
					+ "phase (maven-dependency-plugin build-classpath): run the tests with Maven");
		}
		return String.join(java.io.File.pathSeparator, target.resolve("test-classes").toString(),
				target.resolve("classes").toString(), Files.readString(runtime).strip());
	}

	private void read() {
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				this.output.add(line);
				if (line.startsWith("REPLY ") || line.startsWith("FAILED ")) {
					this.answers.add(line);
				}
			}
		}
		catch (IOException ex) {
			// the process ended
		}
	}

	/** Waits for a line that matches, and returns its match. */
	Matcher awaitLine(Pattern pattern) {
		Matcher[] found = new Matcher[1];
		try {
			await().atMost(Duration.ofSeconds(60)).until(() -> {
				for (String line : this.output) {
					Matcher matcher = pattern.matcher(line);
					if (matcher.find()) {
						found[0] = matcher;
						return true;
					}
				}
				return !this.process.isAlive();
			});
		}
		catch (ConditionTimeoutException ex) {
			throw new AssertionError(this.name + " printed no line matching " + pattern + "; it printed:\n" + output(), ex);
		}
		if (found[0] == null) {
			throw new AssertionError(this.name + " exited with status " + this.process.exitValue()
					+ " before it printed a line matching " + pattern + "; it printed:\n" + output());
		}
		return found[0];
	}

	/** Sends a line to the process and returns the answer it prints. */
	String call(String line) throws IOException, InterruptedException {
		this.input.write(line + "\n");
		this.input.flush();
		String answer = this.answers.poll(60, TimeUnit.SECONDS);
		if (answer == null) {
			throw new AssertionError(this.name + " did not answer '" + line + "'; it printed:\n" + output());
		}
		return answer;
	}

	boolean isAlive() {
		return this.process.isAlive();
	}

	String output() {
		return String.join("\n", this.output);
	}

	@Override
	public void close() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(60, TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
				throw new AssertionError(this.name + " did not stop within 60 s of SIGTERM; it printed:\n" + output());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.process.destroyForcibly();
		}
		try {
			this.input.close();
		}
		catch (IOException ex) {
			// the process is gone
		}
	}

	@Override
	public String toString() {
		return this.name;
	}

}
