package io.quickrpc.spring;

import java.security.Principal;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.BeanFactory;
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

	private final WebPaths paths;

	private final BeanFactory beanFactory;

	/** The endpoints by name, looked up once, so that a call arriving while the context closes finds its own. */
	private final Map<String, Optional<RpcEndpoint<?>>> endpoints = new ConcurrentHashMap<>();

	/**
	 * Creates the lookup.
	 * @param paths the application's {@code web:} paths
	 * @param beanFactory the factory that holds the endpoints
	 */
	WebAuthentications(WebPaths paths, BeanFactory beanFactory) {
		this.paths = paths;
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
		RpcEndpoint<?> endpoint = (peer != null) ? this.endpoints.computeIfAbsent(call.endpoint(), this::endpoint)
			.orElse(null) : null;
		if (endpoint == null) {
			return null;
		}
		Transport transport = endpoint.transport();
		if (transport instanceof PlaceholderTransport placeholder) {
			transport = placeholder.delegate();
		}
		Principal principal = (transport != null) ? this.paths.principal(transport, peer) : null;
		return (principal instanceof Authentication authentication) ? authentication : null;
	}

	private Optional<RpcEndpoint<?>> endpoint(String name) {
		String bean = RemoteApiRegistrar.endpointBeanName(name);
		return this.beanFactory.containsBean(bean) ? Optional.of(this.beanFactory.getBean(bean, RpcEndpoint.class))
				: Optional.empty();
	}

}
