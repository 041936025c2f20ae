package io.quickrpc.spring;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/**
 * The browser client is served at {@code /quickrpc/quickrpc.js} by Spring MVC and by WebFlux,
 * not when switched off, and nothing else of the class path is reachable under its path.
 */
class QuickRpcClientScriptAutoConfigurationTests {

	private final WebApplicationContextRunner servlet = new WebApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(WebMvcAutoConfiguration.class, QuickRpcClientScriptAutoConfiguration.class));

	private final ReactiveWebApplicationContextRunner reactive = new ReactiveWebApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(WebFluxAutoConfiguration.class, QuickRpcClientScriptAutoConfiguration.class));

	@Test
	void springMvcServesTheClient() {
		this.servlet.run((context) -> {
			MockHttpServletResponse response = get(MockMvcBuilders.webAppContextSetup(context).build(),
					QuickRpcClientScriptAutoConfiguration.PATH);
			assertThat(response.getStatus()).isEqualTo(200);
			assertThat(response.getContentType()).startsWith("text/javascript");
			assertThat(response.getHeader(HttpHeaders.CACHE_CONTROL)).isEqualTo("no-cache");
			assertThat(response.getContentAsString()).contains("export function connect(url, options = {})");
		});
	}

	@Test
	void springMvcServesNothingElseOfTheClassPath() {
		this.servlet.run((context) -> {
			MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).build();
			assertThat(get(mvc, "/quickrpc/io/quickrpc/spring/QuickRpcAutoConfiguration.class").getStatus())
				.isEqualTo(404);
			assertThat(get(mvc, "/quickrpc/../spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports")
				.getStatus()).isEqualTo(404);
		});
	}

	@Test
	void springMvcServesNoClientWhenSwitchedOff() {
		this.servlet.withPropertyValues("quickrpc.web.client-script.enabled=false").run((context) -> {
			assertThat(get(MockMvcBuilders.webAppContextSetup(context).build(),
					QuickRpcClientScriptAutoConfiguration.PATH).getStatus()).isEqualTo(404);
		});
	}

	@Test
	void webFluxServesTheClient() {
		this.reactive.run((context) -> {
			EntityExchangeResult<String> result = WebTestClient.bindToApplicationContext(context).build().get()
				.uri(QuickRpcClientScriptAutoConfiguration.PATH).exchange().expectBody(String.class).returnResult();
			assertThat(result.getStatus()).isEqualTo(HttpStatus.OK);
			assertThat(result.getResponseHeaders().getContentType()).hasToString("text/javascript");
			assertThat(result.getResponseBody()).contains("export function connect(url, options = {})");
		});
	}

	@Test
	void webFluxServesNoClientWhenSwitchedOff() {
		this.reactive.withPropertyValues("quickrpc.web.client-script.enabled=false").run((context) -> {
			WebTestClient.bindToApplicationContext(context).build().get().uri(QuickRpcClientScriptAutoConfiguration.PATH)
				.exchange().expectStatus().isNotFound();
		});
	}

	private static MockHttpServletResponse get(MockMvc mvc, String path) throws Exception {
		return mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(path))
			.andReturn().getResponse();
	}

}
