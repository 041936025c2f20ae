package io.quickrpc.spring;

import org.jspecify.annotations.Nullable;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;

import io.quickrpc.CallInterceptor;
import io.quickrpc.RemoteException;

/**
 * Runs the handlers of each incoming call with a Spring Security context holding the call's
 * {@link Authentication}, and clears it afterwards. A handler that denies the caller access, as
 * {@code @PreAuthorize} does, answers with error {@value RemoteException#SECURITY_REJECTED}, the
 * code of calls the security provider rejects.
 */
final class SecurityContextCallInterceptor implements CallInterceptor {

	private final QuickRpcAuthenticationConverter converter;

	SecurityContextCallInterceptor(QuickRpcAuthenticationConverter converter) {
		this.converter = converter;
	}

	@Override
	public @Nullable Object interceptIncoming(Invocation call) throws Exception {
		Authentication authentication = this.converter.convert(call);
		SecurityContextHolderStrategy holder = SecurityContextHolder.getContextHolderStrategy();
		SecurityContext context = holder.createEmptyContext();
		context.setAuthentication(authentication);
		holder.setContext(context);
		try {
			return call.proceed();
		}
		catch (AccessDeniedException | AuthenticationException ex) {
			throw new RemoteException(RemoteException.SECURITY_REJECTED, "Access to " + call.method() + " of API '"
					+ call.endpoint() + "' denied for " + describe(authentication) + " (" + ex.getMessage()
					+ "); call it as a user the handler permits");
		}
		finally {
			holder.clearContext();
		}
	}

	private static String describe(@Nullable Authentication authentication) {
		if (authentication == null || !authentication.isAuthenticated()) {
			return "an unauthenticated caller";
		}
		return (authentication instanceof AnonymousAuthenticationToken)
				? "an anonymous caller" : "'" + authentication.getName() + "'";
	}

}
