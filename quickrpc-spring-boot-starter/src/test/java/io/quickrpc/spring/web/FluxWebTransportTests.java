package io.quickrpc.spring.web;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;

import io.quickrpc.spring.EnableQuickRpc;

/**
 * An API served on a WebFlux application's own server.
 */
class FluxWebTransportTests extends AbstractWebTransportTests {

	@Override
	WebApplicationType type() {
		return WebApplicationType.REACTIVE;
	}

	@Override
	Class<?> application() {
		return FluxApp.class;
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@EnableQuickRpc(basePackageClasses = ChatApi.class)
	@Import(ChatHandler.class)
	static class FluxApp {

		@Bean
		SecurityWebFilterChain openToAll(ServerHttpSecurity http) {
			return http.authorizeExchange((exchanges) -> exchanges.anyExchange().permitAll())
				.csrf((csrf) -> csrf.disable())
				.build();
		}

	}

}
