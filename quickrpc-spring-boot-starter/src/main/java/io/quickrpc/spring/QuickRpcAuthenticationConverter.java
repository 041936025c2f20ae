package io.quickrpc.spring;

import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;

import io.quickrpc.CallInterceptor;

/**
 * Makes the Spring Security {@link Authentication} an incoming call's handlers run with, from
 * what the call's security provider and transport vouch for ({@link CallInterceptor.Invocation#securityInfo()}).
 * Define a bean of this type to replace the default, which takes the very authentication of the
 * WebSocket handshake or HTTP {@code POST} of a caller of the API's own {@code web:} transport,
 * authorities included, names the hmac user or the TLS peer's certificate subject, with no
 * authorities, and makes every other caller anonymous. A bean of this type decides for every
 * call, those of {@code web:} callers too, which then name the HTTP principal in
 * {@code securityInfo()} ({@code user} and {@code http.principal}). Must be safe for concurrent use.
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
