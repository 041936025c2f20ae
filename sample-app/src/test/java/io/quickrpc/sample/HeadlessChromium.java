package io.quickrpc.sample;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.remote.RemoteWebDriver;
import org.springframework.util.FileSystemUtils;

/**
 * Debian's Chromium, headless with a fresh profile, driven through its chromedriver, which listens
 * on a port the system chose.
 */
final class HeadlessChromium implements AutoCloseable {

	private static final Pattern STARTED = Pattern.compile("ChromeDriver was started successfully on port (\\d+)");

	private final Path profile;

	private final Process chromedriver;

	private final RemoteWebDriver driver;

	private HeadlessChromium(Path chromium, Path chromedriver) throws IOException {
		this.profile = Files.createTempDirectory("chromium-profile");
		this.chromedriver = new ProcessBuilder(chromedriver.toString(), "--port=0").redirectErrorStream(true).start();
		try {
			BufferedReader output = new BufferedReader(
					new InputStreamReader(this.chromedriver.getInputStream(), StandardCharsets.UTF_8));
			int port = port(output);
			Thread drainer = new Thread(() -> drain(output), "chromedriver-output");
			drainer.setDaemon(true);
			drainer.start();
			ChromeOptions options = new ChromeOptions().setBinary(chromium.toFile());
			// without the background networking flags, Chromium's own connections fail in containers
			options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
					"--disable-quic", "--no-first-run", "--disable-background-networking",
					"--disable-component-update", "--disable-sync", "--user-data-dir=" + this.profile);
			this.driver = new RemoteWebDriver(URI.create("http://127.0.0.1:" + port).toURL(), options);
		}
		catch (IOException | RuntimeException ex) {
			this.chromedriver.destroy();
			FileSystemUtils.deleteRecursively(this.profile.toFile());
			throw ex;
		}
	}

	/**
	 * Starts Chromium; when {@code chromium} or {@code chromedriver} is not on the {@code PATH},
	 * skips the test with one line that says so, or fails it where {@code CI=true}.
	 * @return the browser, to be closed
	 * @throws IOException when it cannot be started
	 */
	static HeadlessChromium startOrSkip() throws IOException {
		Optional<Path> chromium = executable("chromium");
		Optional<Path> chromedriver = executable("chromedriver");
		if (chromium.isEmpty() || chromedriver.isEmpty()) {
			String reason = "No browser test: chromium and chromedriver are not both on the PATH "
					+ "(install Debian's chromium and chromium-driver, as .ci/run does)";
			if ("true".equals(System.getenv("CI"))) {
				Assertions.fail(reason);
			}
			System.err.println(reason);
			Assumptions.abort(reason);
		}
		return new HeadlessChromium(chromium.get(), chromedriver.get());
	}

	/**
	 * The browser's driver.
	 * @return the driver
	 */
	WebDriver driver() {
		return this.driver;
	}

	@Override
	public void close() {
		try {
			this.driver.quit();
		}
		finally {
			this.chromedriver.destroy();
			FileSystemUtils.deleteRecursively(this.profile.toFile());
		}
	}

	private static int port(BufferedReader output) throws IOException {
		StringBuilder seen = new StringBuilder();
		for (String line = output.readLine(); line != null; line = output.readLine()) {
			Matcher started = STARTED.matcher(line);
			if (started.find()) {
				return Integer.parseInt(started.group(1));
			}
			seen.append(line).append('\n');
		}
		throw new IOException("chromedriver ended without saying on which port it listens; it wrote:\n" + seen);
	}

	private static void drain(BufferedReader output) {
		try {
			output.transferTo(Writer.nullWriter());
		}
		catch (IOException ex) {
			// chromedriver ended
		}
	}

	private static Optional<Path> executable(String name) {
		return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
			.map((directory) -> Path.of(directory, name))
			.filter(Files::isExecutable)
			.findFirst();
	}

}
