package io.quickrpc.spring.web;

import org.springframework.boot.WebApplicationType;

/**
 * A {@code terse} API served on a WebFlux application's own server.
 */
class FluxTerseWebTransportTests extends AbstractTerseWebTransportTests {

	@Override
	WebApplicationType type() {
		return WebApplicationType.REACTIVE;
	}

	@Override
	Class<?> application() {
		return FluxWebTransportTests.FluxApp.class;
	}

}
