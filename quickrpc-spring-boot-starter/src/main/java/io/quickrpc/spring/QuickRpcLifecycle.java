package io.quickrpc.spring;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;

import io.quickrpc.RpcEndpoint;

/**
 * Starts every endpoint when the context is ready, stops them on shutdown, and publishes the
 * port each listening transport bound as {@code local.quickrpc.NAME.port}.
 */
final class QuickRpcLifecycle implements SmartLifecycle {

	private static final String PORTS = "quickrpc.ports";

	private final ObjectProvider<RpcEndpoint<?>> endpoints;

	private final ConfigurableEnvironment environment;

	private volatile boolean running;

	QuickRpcLifecycle(ObjectProvider<RpcEndpoint<?>> endpoints, ConfigurableEnvironment environment) {
		this.endpoints = endpoints;
		this.environment = environment;
	}

	@Override
	public void start() {
		List<RpcEndpoint<?>> started = new ArrayList<>();
		try {
			this.endpoints.orderedStream().forEach((endpoint) -> {
				endpoint.start();
				started.add(endpoint);
				publishPort(endpoint);
			});
		}
		catch (RuntimeException ex) {
			started.forEach(RpcEndpoint::stop);
			throw ex;
		}
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		this.endpoints.orderedStream().forEach(RpcEndpoint::stop);
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private void publishPort(RpcEndpoint<?> endpoint) {
		InetSocketAddress address = endpoint.transport().localAddress();
		if (address == null) {
			return;
		}
		MutablePropertySources sources = this.environment.getPropertySources();
		PropertySource<?> source = sources.get(PORTS);
		if (source == null) {
			source = new MapPropertySource(PORTS, new java.util.HashMap<>());
			sources.addFirst(source);
		}
		@SuppressWarnings("unchecked")
		Map<String, Object> ports = (Map<String, Object>) source.getSource();
		ports.put("local.quickrpc." + endpoint.name() + ".port", address.getPort());
	}

}
