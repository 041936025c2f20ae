package io.quickrpc.spring.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;

import io.quickrpc.spring.QuickRpcAuthenticationConverter;
import tools.jackson.databind.JsonNode;

/**
 * An application's own {@link QuickRpcAuthenticationConverter} decides for the callers of a
 * {@code web:} transport too, from the HTTP principal's name in their security information, in
 * place of the request's own authentication.
 */
class MvcWebConverterTests extends AbstractWebAppTests {

	@Override
	WebApplicationType type() {
		return WebApplicationType.SERVLET;
	}

	@Override
	Class<?> application() {
		return AliceIsAdministratorApp.class;
	}

	@Test
	void theApplicationsConverterMakesAPlainUserAnAdministrator() throws Exception {
		this.app.handler().securityInfo.clear();
		JsonNode reply = AbstractWebSecurityTests.post(HttpClient.newHttpClient(), this.app,
				AbstractWebSecurityTests.ALICE, AbstractWebSecurityTests.AUDIT);
		assertThat(reply.get("error")).as("error").isNull();
		assertThat(reply.get("result").asString()).isEqualTo("logged boot");
		assertThat(this.app.handler().securityInfo.poll(10, TimeUnit.SECONDS))
			.isEqualTo(Map.of("user", "alice", "http.principal", "alice"));
	}

	@Configuration(proxyBeanMethods = false)
	@Import(MvcWebSecurityTests.SecuredMvcApp.class)
	static class AliceIsAdministratorApp {

		@Bean
		QuickRpcAuthenticationConverter administrators() {
			return (call) -> "alice".equals(call.securityInfo().get("http.principal"))
					? UsernamePasswordAuthenticationToken.authenticated("alice", null,
							AuthorityUtils.createAuthorityList("ROLE_ADMIN"))
					: null;
		}

	}

}
