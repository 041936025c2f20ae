package io.quickrpc.spring;

import java.util.List;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import io.quickrpc.RpcEndpoint;

/**
 * UP while every quickrpc transport runs; DOWN, naming the stopped APIs, otherwise.
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
			health.withDetail(endpoint.name(), (running ? "running " : "stopped ") + endpoint.transport()
					+ (running ? ", peers: " + endpoint.peers().size() : ""));
			if (!running) {
				health.down();
			}
		}
		return health.build();
	}

}
