package io.quickrpc.spring;

import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;

import io.quickrpc.CallInterceptor;

/**
 * Makes the Spring Security {@link Authentication} an incoming call's handlers run with, from
 * what the call's security provider and transport vouch for ({@link CallInterceptor.Invocation#securityInfo()}).
 * Define a bean of this type to replace the default, which names the hmac user or the TLS peer's
 * certificate subject, with no authorities, and makes every other caller anonymous. Must be safe
 * for concurrent use.
 */
@FunctionalInterface
public interface QuickRpcAuthenticationConverter {

	/**
	 * Returns the authentication of a call.
	 * @param call the incoming call
	 * @return the authentication, or {@code null} to run the handlers with none
	 */
	@Nullable Authentication convert(CallInterceptor.Invocation call);

}
