package io.quickrpc.spring;

import org.springframework.beans.factory.BeanFactory;

import io.quickrpc.spi.Registry;
import io.quickrpc.spring.web.WebPaths;
import io.quickrpc.spring.web.WebTransportOptions;
import io.quickrpc.transport.Transport;

/**
 * Hands an endpoint's transport registry what the {@code web:} transport needs, when the
 * application's web server can serve it.
 */
final class WebSettings {

	private WebSettings() {
	}

	static Registry<Transport> apply(Registry<Transport> registry, BeanFactory beanFactory, String name,
			QuickRpcProperties.Api api) {
		String transport = api.getTransport();
		if (transport != null && transport.strip().startsWith("web:") && !"jrpc".equals(api.getCodec().strip())) {
			String property = "quickrpc.apis." + name + ".codec";
			throw new QuickRpcStartupException("quickrpc API '" + name + "' is served with " + transport.strip()
					+ " and codec '" + api.getCodec() + "', but the web transport carries JSON-RPC only, one message "
					+ "per WebSocket message or HTTP request",
					"Set " + property + " to jrpc, or remove it.", name, RemoteApiRegistrar.endpointBeanName(name),
					property, null);
		}
		WebPaths paths = beanFactory.getBeanProvider(WebPaths.class).getIfAvailable();
		if (paths == null) {
			return registry;
		}
		return registry.with(WebTransportOptions.class,
				new WebTransportOptions(paths, api.getWeb().getAllowedOrigins(), api.getReplyTimeout()));
	}

}
