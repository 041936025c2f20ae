package io.quickrpc.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The chat page at {@code /}, in two tabs of a real, headless Chromium: what one tab says reaches
 * the other tab and a TCP client, what the TCP client says reaches both tabs, and ping, add and
 * fail show their results.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "quickrpc.apis.echo.transport=tcpserv:127.0.0.1:0",
				"quickrpc.apis.echoTerse.transport=tcpserv:127.0.0.1:0" })
@DirtiesContext
class ChatPageBrowserTests {

	private static HeadlessChromium chromium;

	@LocalServerPort
	int httpPort;

	@Value("${local.quickrpc.echo.port}")
	int echoPort;

	@BeforeAll
	static void startChromium() throws Exception {
		chromium = HeadlessChromium.startOrSkip();
	}

	@AfterAll
	static void closeChromium() {
		if (chromium != null) {
			chromium.close();
		}
	}

	@Test
	void whatOneTabSaysReachesTheOtherTabAndTcpClientsAndBack() throws Exception {
		WebDriver browser = chromium.driver();
		String first = open(browser);
		browser.switchTo().newWindow(WindowType.TAB);
		String second = open(browser);
		try (JrpcSocket tcp = new JrpcSocket(this.echoPort)) {
			// a reply proves the server has taken the TCP peer in, so that it hears the echo
			tcp.send("{\"jsonrpc\": \"2.0\", \"method\": \"ping\", \"params\": {\"text\": \"here\"}, \"id\": 1}");
			assertThat(json(tcp.receive())).isEqualTo(json("{\"jsonrpc\": \"2.0\", \"result\": \"here\", \"id\": 1}"));

			browser.switchTo().window(first);
			browser.findElement(By.id("say-text")).sendKeys("hello from the first tab");
			browser.findElement(By.cssSelector("#say button")).click();

			browser.switchTo().window(second);
			waitForMessages(browser, "hello from the first tab");
			assertThat(json(tcp.receive())).isEqualTo(
					json("{\"jsonrpc\": \"2.0\", \"method\": \"echo\", \"params\": {\"text\": \"hello from the first tab\"}}"));

			tcp.send("{\"jsonrpc\": \"2.0\", \"method\": \"say\", \"params\": {\"text\": \"hello from TCP\"}}");
			waitForMessages(browser, "hello from the first tab", "hello from TCP");
			browser.switchTo().window(first);
			waitForMessages(browser, "hello from the first tab", "hello from TCP");
		}
		finally {
			browser.switchTo().window(second).close();
			browser.switchTo().window(first);
		}
	}

	@Test
	void pingAddAndFailShowTheirResultsOrTheErrorCodeAndMessage() {
		WebDriver browser = chromium.driver();
		open(browser);

		browser.findElement(By.cssSelector("#ping button")).click();
		waitForText(browser, "ping-result", "\"hi\"");

		WebElement a = browser.findElement(By.id("add-a"));
		a.clear();
		a.sendKeys("0.1");
		WebElement b = browser.findElement(By.id("add-b"));
		b.clear();
		b.sendKeys("0.2");
		browser.findElement(By.cssSelector("#add button")).click();
		waitForText(browser, "add-result", "0.3");

		browser.findElement(By.cssSelector("#fail button")).click();
		waitForText(browser, "fail-result", "error -32000: on purpose");
		assertThat(browser.findElement(By.id("fail-result")).getAttribute("class")).isEqualTo("error");
	}

	/** Opens the page in the current tab and waits until it is connected; returns the tab. */
	private String open(WebDriver browser) {
		browser.get("http://127.0.0.1:" + this.httpPort + "/");
		waitForText(browser, "state", "open");
		return browser.getWindowHandle();
	}

	private static void waitForText(WebDriver browser, String id, String text) {
		waiting(browser).until(ExpectedConditions.textToBe(By.id(id), text));
	}

	private static void waitForMessages(WebDriver browser, String... messages) {
		waiting(browser).until((driver) -> driver.findElements(By.cssSelector("#messages li"))
			.stream().map(WebElement::getText).toList().equals(List.of(messages)));
	}

	private static JsonNode json(String text) {
		return JsonMapper.shared().readTree(text);
	}

	private static WebDriverWait waiting(WebDriver browser) {
		return new WebDriverWait(browser, Duration.ofSeconds(30));
	}

}
