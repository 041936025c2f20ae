package io.quickrpc.spring;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names the observations of incoming calls and gives them their key values. Define a bean of this type
 * to replace {@link DefaultQuickRpcServerObservationConvention}, or to extend it.
 */
public interface QuickRpcServerObservationConvention extends ObservationConvention<QuickRpcServerContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof QuickRpcServerContext;
	}

}
