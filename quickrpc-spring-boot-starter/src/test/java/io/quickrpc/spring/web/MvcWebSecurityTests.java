package io.quickrpc.spring.web;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

import io.quickrpc.spring.EnableQuickRpc;

/**
 * Spring Security in front of an API served on a Spring MVC application's own server.
 */
class MvcWebSecurityTests extends AbstractWebSecurityTests {

	@Override
	WebApplicationType type() {
		return WebApplicationType.SERVLET;
	}

	@Override
	Class<?> application() {
		return SecuredMvcApp.class;
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@EnableQuickRpc(basePackageClasses = ChatApi.class)
	@Import({ ChatHandler.class, AuditHandler.class })
	@EnableMethodSecurity
	static class SecuredMvcApp {

		@Bean
		SecurityFilterChain loginRequired(HttpSecurity http) throws Exception {
			return http.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
				.httpBasic(Customizer.withDefaults())
				.csrf((csrf) -> csrf.ignoringRequestMatchers("/rpc/**"))
				.build();
		}

		@Bean
		InMemoryUserDetailsManager users() {
			return new InMemoryUserDetailsManager(User.withUsername("alice").password("{noop}secret").roles("USER").build(),
					User.withUsername("root").password("{noop}toor").roles("USER", "ADMIN").build());
		}

	}

}
