package io.quickrpc.spring;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;

import io.quickrpc.CallObserver;
import io.quickrpc.RpcEndpoint;

/**
 * Times every call in a {@code quickrpc.calls} timer tagged with the API, method, direction and
 * outcome. Each timer is created once, on first use, and kept; a call records into it without
 * building or looking up a meter. Method names that are not methods of the API in that direction,
 * which a peer may send at will, share the method tag {@value #UNKNOWN_METHOD}, so that peers
 * cannot make the registry grow. As a customizer, it observes the calls of every endpoint.
 */
final class QuickRpcCallMetrics implements CallObserver, RpcEndpointBuilderCustomizer {

	static final String METER = "quickrpc.calls";

	static final String UNKNOWN_METHOD = "UNKNOWN";

	private static final CallObserver.Outcome[] OUTCOMES = CallObserver.Outcome.values();

	private final ObjectProvider<MeterRegistry> registries;

	private final ObjectProvider<RpcEndpoint<?>> endpoints;

	private final Map<String, ApiTimers> apis = new ConcurrentHashMap<>();

	QuickRpcCallMetrics(ObjectProvider<MeterRegistry> registries, ObjectProvider<RpcEndpoint<?>> endpoints) {
		this.registries = registries;
		this.endpoints = endpoints;
	}

	@Override
	public void customize(String name, RpcEndpoint.Builder<?> builder) {
		builder.callObserver(this);
	}

	@Override
	public void callEnded(String endpoint, String method, boolean incoming, Outcome outcome, long nanos) {
		Timer timer = timer(endpoint, method, incoming, outcome);
		if (timer != null) {
			timer.record(nanos, TimeUnit.NANOSECONDS);
		}
	}

	/** Returns the timer of a call, or {@code null} without a meter registry. */
	@Nullable Timer timer(String endpoint, String method, boolean incoming, Outcome outcome) {
		return this.apis.computeIfAbsent(endpoint, this::timers).timer(method, incoming, outcome);
	}

	private ApiTimers timers(String name) {
		MeterRegistry registry = this.registries.getIfAvailable();
		RpcEndpoint<?> endpoint = this.endpoints.orderedStream()
			.filter((candidate) -> candidate.name().equals(name))
			.findFirst()
			.orElse(null);
		return new ApiTimers(registry, name, (endpoint != null) ? endpoint.incomingMethods() : Set.of(),
				(endpoint != null) ? endpoint.outgoingMethods() : Set.of());
	}

	/** The timers of one API, by direction, method and outcome, each created on first use. */
	private static final class ApiTimers {

		private final @Nullable MeterRegistry registry;

		private final String api;

		private final Map<String, AtomicReferenceArray<Timer>> incoming = new HashMap<>();

		private final Map<String, AtomicReferenceArray<Timer>> outgoing = new HashMap<>();

		ApiTimers(@Nullable MeterRegistry registry, String api, Set<String> incoming, Set<String> outgoing) {
			this.registry = registry;
			this.api = api;
			incoming.forEach((method) -> this.incoming.put(method, new AtomicReferenceArray<>(OUTCOMES.length)));
			outgoing.forEach((method) -> this.outgoing.put(method, new AtomicReferenceArray<>(OUTCOMES.length)));
			this.incoming.put(UNKNOWN_METHOD, new AtomicReferenceArray<>(OUTCOMES.length));
			this.outgoing.put(UNKNOWN_METHOD, new AtomicReferenceArray<>(OUTCOMES.length));
		}

		@Nullable Timer timer(String method, boolean incoming, Outcome outcome) {
			MeterRegistry registry = this.registry;
			if (registry == null) {
				return null;
			}
			Map<String, AtomicReferenceArray<Timer>> byMethod = incoming ? this.incoming : this.outgoing;
			String tag = byMethod.containsKey(method) ? method : UNKNOWN_METHOD;
			AtomicReferenceArray<Timer> byOutcome = byMethod.get(tag);
			Timer timer = byOutcome.get(outcome.ordinal());
			if (timer == null) {
				byOutcome.compareAndSet(outcome.ordinal(), null, Timer.builder(METER)
					.description("quickrpc calls, by API, method, direction and outcome")
					.tags("api", this.api, "method", tag, "direction", incoming ? "incoming" : "outgoing", "outcome",
							outcome.name().toLowerCase(Locale.ROOT))
					.register(registry));
				timer = byOutcome.get(outcome.ordinal());
			}
			return timer;
		}

	}

}
