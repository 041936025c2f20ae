package io.quickrpc.spring.web;

import org.springframework.boot.WebApplicationType;

/**
 * A {@code terse} API served on a Spring MVC application's own server.
 */
class MvcTerseWebTransportTests extends AbstractTerseWebTransportTests {

	@Override
	WebApplicationType type() {
		return WebApplicationType.SERVLET;
	}

	@Override
	Class<?> application() {
		return MvcWebTransportTests.MvcApp.class;
	}

}
