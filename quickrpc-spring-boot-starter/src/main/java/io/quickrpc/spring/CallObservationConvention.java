package io.quickrpc.spring;

import java.util.Locale;

import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

import io.quickrpc.CallInterceptor;
import io.quickrpc.CallObserver;

/**
 * The names and key values of both default conventions: named
 * {@value QuickRpcObservationDocumentation#NAME}, shown in traces as {@code api/method}, with the
 * keys of {@link QuickRpcObservationDocumentation.LowCardinalityKeyNames} and the peer.
 * @param <C> the context type
 */
abstract class CallObservationConvention<C extends Observation.Context & QuickRpcCallContext>
		implements ObservationConvention<C> {

	@Override
	public String getName() {
		return QuickRpcObservationDocumentation.NAME;
	}

	@Override
	public String getContextualName(C context) {
		return context.getCall().endpoint() + "/" + context.getCall().method();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(C context) {
		CallInterceptor.Invocation call = context.getCall();
		CallObserver.Outcome outcome = context.getOutcome();
		int errorCode = context.getErrorCode();
		return KeyValues.of(QuickRpcObservationDocumentation.LowCardinalityKeyNames.API.withValue(call.endpoint()),
				QuickRpcObservationDocumentation.LowCardinalityKeyNames.METHOD.withValue(call.method()),
				QuickRpcObservationDocumentation.LowCardinalityKeyNames.DIRECTION
					.withValue(call.isIncoming() ? "incoming" : "outgoing"),
				QuickRpcObservationDocumentation.LowCardinalityKeyNames.OUTCOME
					.withValue((outcome != null) ? outcome.name().toLowerCase(Locale.ROOT) : "unknown"),
				QuickRpcObservationDocumentation.LowCardinalityKeyNames.ERROR_CODE
					.withValue((errorCode != 0 || outcome == CallObserver.Outcome.ERROR) ? String.valueOf(errorCode)
							: "none"));
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(C context) {
		String peer = context.getCall().peer();
		return (peer != null) ? KeyValues.of(QuickRpcObservationDocumentation.HighCardinalityKeyNames.PEER.withValue(peer))
				: KeyValues.empty();
	}

}
