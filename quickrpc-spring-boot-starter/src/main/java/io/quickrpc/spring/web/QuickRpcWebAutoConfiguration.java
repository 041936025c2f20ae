package io.quickrpc.spring.web;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.quickrpc.spring.QuickRpcAutoConfiguration;

/**
 * Auto-configuration of the {@code web:/PATH} transport on the application's own web server: in
 * a servlet application with Spring MVC and Spring WebSocket, or in a reactive one with WebFlux.
 * An application without a web server is not affected.
 */
@AutoConfiguration(before = QuickRpcAutoConfiguration.class)
@ConditionalOnWebApplication
public final class QuickRpcWebAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@ConditionalOnClass(name = { "org.springframework.web.servlet.DispatcherServlet",
			"org.springframework.web.socket.server.support.WebSocketHttpRequestHandler" })
	static class ServletConfiguration {

		@Bean
		@ConditionalOnMissingBean
		WebPaths quickRpcWebPaths() {
			return new WebPaths();
		}

		@Bean
		MvcWebTransportMapping quickRpcWebTransportMapping(WebPaths paths) {
			return new MvcWebTransportMapping(paths);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
	@ConditionalOnClass(name = { "org.springframework.web.reactive.DispatcherHandler",
			"org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService" })
	static class ReactiveConfiguration {

		@Bean
		@ConditionalOnMissingBean
		WebPaths quickRpcWebPaths() {
			return new WebPaths();
		}

		@Bean
		FluxWebTransportMapping quickRpcWebTransportMapping(WebPaths paths) {
			return new FluxWebTransportMapping(paths);
		}

	}

}
