package io.quickrpc.spring.web;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.userdetails.MapReactiveUserDetailsService;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.web.server.SecurityWebFilterChain;

import io.quickrpc.spring.EnableQuickRpc;

/**
 * Spring Security in front of an API served on a WebFlux application's own server.
 */
class FluxWebSecurityTests extends AbstractWebSecurityTests {

	@Override
	WebApplicationType type() {
		return WebApplicationType.REACTIVE;
	}

	@Override
	Class<?> application() {
		return SecuredFluxApp.class;
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@EnableQuickRpc(basePackageClasses = ChatApi.class)
	@Import({ ChatHandler.class, AuditHandler.class })
	@EnableMethodSecurity
	static class SecuredFluxApp {

		@Bean
		SecurityWebFilterChain loginRequired(ServerHttpSecurity http) {
			return http.authorizeExchange((exchanges) -> exchanges.anyExchange().authenticated())
				.httpBasic(Customizer.withDefaults())
				.csrf((csrf) -> csrf.disable())
				.build();
		}

		@Bean
		MapReactiveUserDetailsService users() {
			return new MapReactiveUserDetailsService(User.withUsername("alice").password("{noop}secret").roles("USER").build(),
					User.withUsername("root").password("{noop}toor").roles("USER", "ADMIN").build());
		}

	}

}
