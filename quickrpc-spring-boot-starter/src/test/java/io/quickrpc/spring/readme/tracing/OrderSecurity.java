package io.quickrpc.spring.readme.tracing;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.core.authority.AuthorityUtils;

import io.quickrpc.spring.QuickRpcAuthenticationConverter;

@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
public class OrderSecurity {

	/** The hmac user alice may buy; other users may only look. */
	@Bean
	QuickRpcAuthenticationConverter quickRpcAuthenticationConverter() {
		return (call) -> {
			String user = call.securityInfo().user();
			if (user == null) {
				return null; // no authentication: @PreAuthorize denies
			}
			String role = user.equals("alice") ? "ROLE_BUYER" : "ROLE_VIEWER";
			return UsernamePasswordAuthenticationToken.authenticated(user, null, AuthorityUtils.createAuthorityList(role));
		};
	}

}
