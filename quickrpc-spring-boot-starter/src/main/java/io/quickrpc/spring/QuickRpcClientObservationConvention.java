package io.quickrpc.spring;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names the observations of outgoing calls and gives them their key values. Define a bean of this type
 * to replace {@link DefaultQuickRpcClientObservationConvention}, or to extend it.
 */
public interface QuickRpcClientObservationConvention extends ObservationConvention<QuickRpcClientContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof QuickRpcClientContext;
	}

}
