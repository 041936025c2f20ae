package io.quickrpc.spring;

import java.util.List;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.AuthorityUtils;

import io.quickrpc.CallInterceptor;
import io.quickrpc.security.SecurityInfo;

/**
 * The default {@link QuickRpcAuthenticationConverter}: the user the security provider verified
 * (such as hmac's), else the subject of the TLS peer's certificate, becomes an authenticated
 * principal of that name with no authorities and the security information as details; a caller
 * with neither is anonymous, with the authority {@code ROLE_ANONYMOUS}.
 */
final class SecurityInfoAuthenticationConverter implements QuickRpcAuthenticationConverter {

	private static final List<GrantedAuthority> ANONYMOUS = AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS");

	@Override
	public Authentication convert(CallInterceptor.Invocation call) {
		SecurityInfo info = call.securityInfo();
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
