package io.quickrpc.spring;

import java.util.function.ObjIntConsumer;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import io.quickrpc.CallInterceptor;
import io.quickrpc.CallObserver;

/**
 * Makes every call an {@link Observation}: an incoming call's is a child of the trace context its
 * headers carry, and current while its handlers run; an outgoing call's trace context is put into
 * its headers before it is sent. Each observation stops when its call ends.
 */
final class ObservationCallInterceptor implements CallInterceptor {

	private static final DefaultQuickRpcServerObservationConvention DEFAULT_SERVER = new DefaultQuickRpcServerObservationConvention();

	private static final DefaultQuickRpcClientObservationConvention DEFAULT_CLIENT = new DefaultQuickRpcClientObservationConvention();

	private final ObservationRegistry registry;

	private final @Nullable QuickRpcServerObservationConvention serverConvention;

	private final @Nullable QuickRpcClientObservationConvention clientConvention;

	ObservationCallInterceptor(ObservationRegistry registry, @Nullable QuickRpcServerObservationConvention serverConvention,
			@Nullable QuickRpcClientObservationConvention clientConvention) {
		this.registry = registry;
		this.serverConvention = serverConvention;
		this.clientConvention = clientConvention;
	}

	@Override
	public @Nullable Object interceptIncoming(Invocation call) throws Exception {
		QuickRpcServerContext context = new QuickRpcServerContext(call);
		Observation observation = QuickRpcObservationDocumentation.SERVER.observation(this.serverConvention,
				DEFAULT_SERVER, () -> context, this.registry);
		return observe(call, observation, context::ended);
	}

	@Override
	public @Nullable Object interceptOutgoing(Invocation call) throws Exception {
		QuickRpcClientContext context = new QuickRpcClientContext(call);
		Observation observation = QuickRpcObservationDocumentation.CLIENT.observation(this.clientConvention,
				DEFAULT_CLIENT, () -> context, this.registry);
		return observe(call, observation, context::ended);
	}

	private static @Nullable Object observe(Invocation call, Observation observation,
			ObjIntConsumer<CallObserver.Outcome> context) throws Exception {
		observation.start();
		call.whenEnded((outcome, code, failure) -> {
			context.accept(outcome, code);
			if (failure != null) {
				observation.error(failure);
			}
			observation.stop();
		});
		try (Observation.Scope scope = observation.openScope()) {
			return call.proceed();
		}
	}

}
