package io.quickrpc.spring;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.AuthorityUtils;

import io.quickrpc.CallInterceptor;
import io.quickrpc.security.SecurityInfo;

/**
 * The default {@link QuickRpcAuthenticationConverter}. A caller served by the endpoint's own
 * {@code web:} transport runs with the very {@link Authentication} Spring Security authenticated
 * its WebSocket handshake or HTTP {@code POST} with, authorities included, unless the security
 * provider vouches for another user (such as hmac's). Otherwise the user the security provider
 * verified, else the subject of the TLS peer's certificate, becomes an authenticated principal of
 * that name with no authorities and the security information as details; a caller with neither is
 * anonymous, with the authority {@code ROLE_ANONYMOUS}.
 */
final class SecurityInfoAuthenticationConverter implements QuickRpcAuthenticationConverter {

	private static final List<GrantedAuthority> ANONYMOUS = AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS");

	private final @Nullable WebAuthentications web;

	/**
	 * Creates a converter that makes authentications from the security information alone.
	 */
	SecurityInfoAuthenticationConverter() {
		this(null);
	}

	/**
	 * Creates a converter that takes a {@code web:} caller's authentication from the web server.
	 * @param web the web server's authentications, or {@code null} to use the security information alone
	 */
	SecurityInfoAuthenticationConverter(@Nullable WebAuthentications web) {
		this.web = web;
	}

	@Override
	public Authentication convert(CallInterceptor.Invocation call) {
		SecurityInfo info = call.securityInfo();
		Authentication webAuthentication = (this.web != null) ? this.web.find(call) : null;
		if (webAuthentication != null && webAuthentication.getName().equals(info.user())) {
			return webAuthentication;
		}
		String name = (info.user() != null) ? info.user() : info.get(SecurityInfo.TLS_PEER);
		if (name == null) {
			return new AnonymousAuthenticationToken("quickrpc", "anonymousUser", ANONYMOUS);
		}
		UsernamePasswordAuthenticationToken authentication = UsernamePasswordAuthenticationToken.authenticated(name,
				null, AuthorityUtils.NO_AUTHORITIES);
		authentication.setDetails(info);
		return authentication;
	}

}
