package io.quickrpc.spring;

import java.security.Principal;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.security.core.Authentication;

import io.quickrpc.CallInterceptor;
import io.quickrpc.RpcEndpoint;
import io.quickrpc.spring.web.WebPaths;
import io.quickrpc.transport.Transport;

/**
 * Finds the {@link Authentication} the web server authenticated the sender of a call with, when
 * the sender is a peer of its endpoint's own {@code web:} transport: Spring Security's principal
 * of the WebSocket handshake, or of the HTTP {@code POST}.
 */
final class WebAuthentications {

	private final ListableBeanFactory beanFactory;

	WebAuthentications(ListableBeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	/**
	 * Returns the authentication of a call's sender, if the endpoint's {@code web:} transport
	 * serves it and the web server authenticated it with Spring Security.
	 * @param call an incoming call
	 * @return the authentication, or {@code null} for a caller of another transport, or one the
	 * web server did not authenticate
	 */
	@Nullable Authentication find(CallInterceptor.Invocation call) {
		String peer = call.peer();
		String endpointBean = RemoteApiRegistrar.endpointBeanName(call.endpoint());
		if (peer == null || !this.beanFactory.containsBean(endpointBean)) {
			return null;
		}
		WebPaths paths = this.beanFactory.getBeanProvider(WebPaths.class).getIfAvailable();
		if (paths == null) {
			return null;
		}
		Transport transport = this.beanFactory.getBean(endpointBean, RpcEndpoint.class).transport();
		if (transport instanceof PlaceholderTransport placeholder) {
			transport = placeholder.delegate();
		}
		Principal principal = (transport != null) ? paths.principal(transport, peer) : null;
		return (principal instanceof Authentication authentication) ? authentication : null;
	}

}
