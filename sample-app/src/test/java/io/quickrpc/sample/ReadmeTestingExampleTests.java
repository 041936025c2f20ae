package io.quickrpc.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * The README's "Testing" example is the code of {@link EchoServiceInProcessTests}, which the
 * build compiles and runs: a change to either shows here.
 */
class ReadmeTestingExampleTests {

	private static final Path BASE = Path.of(System.getProperty("basedir", "."));

	@Test
	void theReadmesTestingExampleIsTheSamplesInProcessTest() throws IOException {
		String readme = Files.readString(BASE.resolve("../README.md"));
		String section = readme.substring(readme.indexOf("### Testing"));
		int start = section.indexOf("```java\n") + "```java\n".length();
		String example = section.substring(start, section.indexOf("```\n", start));
		String test = Files.readString(BASE.resolve("src/test/java/io/quickrpc/sample/EchoServiceInProcessTests.java"));

		assertThat(example).startsWith("@SpringBootTest\n@AutoConfigureQuickRpcInProcess\nclass EchoServiceInProcessTests {");
		assertThat(test).contains(example);
	}

}
