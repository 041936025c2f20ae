package io.quickrpc.spring;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

import io.quickrpc.CallObserver;
import io.quickrpc.RpcEndpoint;

/**
 * The {@code quickrpc} actuator endpoint: every API's interface, codec, transport and the address
 * it listens on, security, state, peers, methods, unhandled calls, pending replies and call
 * counters.
 */
@Endpoint(id = "quickrpc")
public class QuickRpcEndpoint {

	private final List<RpcEndpoint<?>> endpoints;

	/**
	 * Creates the endpoint.
	 * @param endpoints the quickrpc endpoints to describe
	 */
	public QuickRpcEndpoint(List<RpcEndpoint<?>> endpoints) {
		this.endpoints = endpoints;
	}

	/**
	 * Describes every API.
	 * @return the descriptors, by API name
	 */
	@ReadOperation
	public ApisDescriptor apis() {
		Map<String, ApiDescriptor> apis = new TreeMap<>();
		this.endpoints.forEach((endpoint) -> apis.put(endpoint.name(), describe(endpoint)));
		return new ApisDescriptor(apis);
	}

	/**
	 * Describes one API.
	 * @param name the API name
	 * @return the descriptor, or {@code null} (404) if there is no such API
	 */
	@ReadOperation
	public @Nullable ApiDescriptor api(@Selector String name) {
		return this.endpoints.stream().filter((endpoint) -> endpoint.name().equals(name)).findFirst()
			.map(QuickRpcEndpoint::describe).orElse(null);
	}

	private static ApiDescriptor describe(RpcEndpoint<?> endpoint) {
		Map<String, Map<String, Long>> counters = new LinkedHashMap<>();
		for (boolean incoming : new boolean[] { true, false }) {
			Map<String, Long> byOutcome = new LinkedHashMap<>();
			for (CallObserver.Outcome outcome : CallObserver.Outcome.values()) {
				byOutcome.put(outcome.name().toLowerCase(), endpoint.statistics().count(incoming, outcome));
			}
			counters.put(incoming ? "incoming" : "outgoing", byOutcome);
		}
		counters.put("received", Map.of("invalid", endpoint.statistics().invalidMessages(), "securityRejected",
				endpoint.statistics().securityRejected(), "readPauses", endpoint.statistics().readPauses(), "dropped",
				endpoint.statistics().droppedCalls()));
		counters.put("droppedByPeer", endpoint.statistics().droppedCallsByPeer());
		return new ApiDescriptor(endpoint.apiType().getName(), endpoint.codec().toString(),
				endpoint.transport().toString(), BoundAddress.of(endpoint), endpoint.security().toString(),
				endpoint.isInverted(),
				endpoint.isRunning(), endpoint.peers(), endpoint.incomingMethods(), endpoint.outgoingMethods(),
				endpoint.unhandledCalls(), endpoint.pendingReplies(), counters);
	}

	/**
	 * Every API.
	 * @param apis the descriptors by API name
	 */
	public record ApisDescriptor(Map<String, ApiDescriptor> apis) {
	}

	/**
	 * One API.
	 * @param interfaceName the API interface
	 * @param codec the codec
	 * @param transport the transport
	 * @param boundAddress the address the transport listens on, {@code HOST:PORT}, or {@code null}
	 * if it does not listen
	 * @param security the security provider
	 * @param inverted whether this side uses the API inverted
	 * @param running whether the transport runs
	 * @param peers the connected peers
	 * @param incomingMethods the methods the other side may call
	 * @param outgoingMethods the methods this side calls
	 * @param unhandledCalls the incoming methods without a handler
	 * @param pendingReplies how many requests wait for a reply
	 * @param counters calls by direction and outcome, and invalid messages received
	 */
	public record ApiDescriptor(String interfaceName, String codec, String transport, @Nullable String boundAddress,
			String security,
			boolean inverted, boolean running, Set<String> peers, Set<String> incomingMethods,
			Set<String> outgoingMethods, Set<String> unhandledCalls, int pendingReplies,
			Map<String, Map<String, Long>> counters) {
	}

}
