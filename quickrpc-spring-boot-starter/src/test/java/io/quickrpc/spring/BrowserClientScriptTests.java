package io.quickrpc.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Runs the browser client's own tests, {@code src/test/js/quickrpc.test.mjs}, with Node.js:
 * requests, replies, handlers, errors, bytes, reconnection and closing, against a stand-in
 * WebSocket. Skipped with one line where {@code node} is not installed, failed so where
 * {@code CI=true}.
 */
class BrowserClientScriptTests {

	@Test
	void clientPassesItsNodeTests() throws Exception {
		Path node = node();
		Path tests = Path.of(System.getProperty("basedir", "."), "src/test/js/quickrpc.test.mjs");
		Process process = new ProcessBuilder(node.toString(), "--test", tests.toString()).redirectErrorStream(true)
			.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor()).as("node --test %s failed:%n%s", tests, output).isZero();
		assertThat(output).contains("# fail 0").doesNotContain("# pass 0");
	}

	private static Path node() {
		Optional<Path> node = Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
			.map((directory) -> Path.of(directory, "node"))
			.filter(Files::isExecutable)
			.findFirst();
		if (node.isEmpty()) {
			String reason = "No browser client tests: node is not on the PATH (install Debian's nodejs, as .ci/run does)";
			if ("true".equals(System.getenv("CI"))) {
				Assertions.fail(reason);
			}
			System.err.println(reason);
			Assumptions.abort(reason);
		}
		return node.get();
	}

}
