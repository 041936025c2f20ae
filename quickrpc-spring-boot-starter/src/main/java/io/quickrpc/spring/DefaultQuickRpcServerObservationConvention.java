package io.quickrpc.spring;

/**
 * The default names and key values of the observations of incoming calls: named
 * {@value QuickRpcObservationDocumentation#NAME}, shown in traces as {@code api/method}, with the
 * keys of {@link QuickRpcObservationDocumentation.LowCardinalityKeyNames} and the peer. Extend it
 * to change one of them.
 */
public class DefaultQuickRpcServerObservationConvention extends CallObservationConvention<QuickRpcServerContext>
		implements QuickRpcServerObservationConvention {

}
