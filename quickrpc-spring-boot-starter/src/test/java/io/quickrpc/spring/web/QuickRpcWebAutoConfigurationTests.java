package io.quickrpc.spring.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.server.support.WebSocketHttpRequestHandler;

import io.quickrpc.spring.EnableQuickRpc;
import io.quickrpc.spring.QuickRpcAutoConfiguration;

/**
 * Which applications get the {@code web:} transport: servlet applications with Spring WebSocket,
 * and reactive ones; others are not affected, and an API that asks for it there fails the startup
 * saying what to add.
 */
class QuickRpcWebAutoConfigurationTests {

	private static final AutoConfigurations CONFIGURATIONS = AutoConfigurations.of(QuickRpcAutoConfiguration.class,
			QuickRpcWebAutoConfiguration.class);

	@Test
	void aServletApplicationWithSpringWebSocketServesWebPaths() {
		new WebApplicationContextRunner().withConfiguration(CONFIGURATIONS)
			.run((context) -> assertThat(context).hasSingleBean(WebPaths.class)
				.hasSingleBean(MvcWebTransportMapping.class)
				.doesNotHaveBean(FluxWebTransportMapping.class));
	}

	@Test
	void aReactiveApplicationServesWebPaths() {
		new ReactiveWebApplicationContextRunner().withConfiguration(CONFIGURATIONS)
			.run((context) -> assertThat(context).hasSingleBean(WebPaths.class)
				.hasSingleBean(FluxWebTransportMapping.class)
				.doesNotHaveBean(MvcWebTransportMapping.class));
	}

	@Test
	void aServletApplicationWithoutSpringWebSocketIsNotAffected() {
		new WebApplicationContextRunner().withConfiguration(CONFIGURATIONS)
			.withClassLoader(new FilteredClassLoader(WebSocketHttpRequestHandler.class))
			.run((context) -> assertThat(context).doesNotHaveBean(WebPaths.class));
	}

	@Test
	void anApplicationWithoutAWebServerIsNotAffected() {
		new ApplicationContextRunner().withConfiguration(CONFIGURATIONS)
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(WebPaths.class));
	}

	@Test
	void aWebTransportWithoutAWebServerFailsTheStartupSayingWhatToAdd() {
		new ApplicationContextRunner().withConfiguration(CONFIGURATIONS)
			.withUserConfiguration(ChatApp.class)
			.withPropertyValues("quickrpc.apis.chat.transport=web:/rpc/chat")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("quickrpc.apis.chat.transport")
				.rootCause()
				.hasMessageContaining("add spring-boot-starter-websocket (Spring MVC) or spring-boot-starter-webflux"));
	}

	@Test
	void aWebTransportWithoutAPathFailsTheStartup() {
		new WebApplicationContextRunner().withConfiguration(CONFIGURATIONS)
			.withUserConfiguration(ChatApp.class)
			.withPropertyValues("quickrpc.apis.chat.transport=web:rpc")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("expected a path on the application's web server, such as web:/rpc/echo"));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableQuickRpc(basePackageClasses = ChatApi.class)
	static class ChatApp {

	}

}
