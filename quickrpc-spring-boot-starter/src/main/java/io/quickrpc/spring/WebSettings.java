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

	/**
	 * Adds the {@link WebTransportOptions} of one API to its transport registry.
	 * @param codec the API's codec expression, or the {@code toString()} of its {@code Codec} bean
	 */
	static Registry<Transport> apply(Registry<Transport> registry, BeanFactory beanFactory,
			QuickRpcProperties.Api api, String codec) {
		WebPaths paths = beanFactory.getBeanProvider(WebPaths.class).getIfAvailable();
		if (paths == null) {
			return registry;
		}
		return registry.with(WebTransportOptions.class,
				new WebTransportOptions(paths, api.getWeb().getAllowedOrigins(), api.getReplyTimeout(), codec));
	}

}
