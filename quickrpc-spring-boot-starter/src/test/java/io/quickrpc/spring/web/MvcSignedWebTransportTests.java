package io.quickrpc.spring.web;

import org.springframework.boot.WebApplicationType;

/**
 * A signed API served on a Spring MVC application's own server.
 */
class MvcSignedWebTransportTests extends AbstractSignedWebTransportTests {

	@Override
	WebApplicationType type() {
		return WebApplicationType.SERVLET;
	}

	@Override
	Class<?> application() {
		return MvcWebTransportTests.MvcApp.class;
	}

}
