package io.quickrpc.spring;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import io.quickrpc.RpcEndpoint;

/**
 * UP while every quickrpc transport runs; DOWN otherwise, as while a client is disconnected.
 * Details, by API: whether it runs, its transport, the address it listens on, and how many peers
 * are connected. The contributor is named {@code quickrpc}, as its property
 * {@code management.health.quickrpc.enabled}.
 */
public class QuickRpcHealthIndicator implements HealthIndicator {

	private final List<RpcEndpoint<?>> endpoints;

	/**
	 * Creates the indicator.
	 * @param endpoints the endpoints to watch
	 */
	public QuickRpcHealthIndicator(List<RpcEndpoint<?>> endpoints) {
		this.endpoints = endpoints;
	}

	@Override
	public Health health() {
		Health.Builder health = Health.up();
		for (RpcEndpoint<?> endpoint : this.endpoints) {
			boolean running = endpoint.isRunning();
			Map<String, Object> details = new LinkedHashMap<>();
			details.put("running", running);
			details.put("transport", endpoint.transport().toString());
			String address = BoundAddress.of(endpoint);
			if (address != null) {
				details.put("boundAddress", address);
			}
			details.put("peers", endpoint.peers().size());
			health.withDetail(endpoint.name(), details);
			if (!running) {
				health.down();
			}
		}
		return health.build();
	}

}
