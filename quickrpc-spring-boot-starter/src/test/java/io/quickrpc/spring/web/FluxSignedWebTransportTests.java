package io.quickrpc.spring.web;

import org.springframework.boot.WebApplicationType;

/**
 * A signed API served on a WebFlux application's own server.
 */
class FluxSignedWebTransportTests extends AbstractSignedWebTransportTests {

	@Override
	WebApplicationType type() {
		return WebApplicationType.REACTIVE;
	}

	@Override
	Class<?> application() {
		return FluxWebTransportTests.FluxApp.class;
	}

}
