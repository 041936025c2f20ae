package io.quickrpc.spring.web;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.WebApplicationType;

/** Runs one {@link WebApp} for the tests of a class. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractWebAppTests {

	WebApp app;

	/** Returns the web application type the test's application runs as. */
	abstract WebApplicationType type();

	/** Returns the application's configuration. */
	abstract Class<?> application();

	/** Returns the properties the test adds to the application's, such as {@code key=value}. */
	String[] properties() {
		return new String[0];
	}

	@BeforeAll
	void start() {
		this.app = new WebApp(application(), type(), properties());
	}

	@AfterAll
	void stop() {
		if (this.app != null) {
			this.app.close();
		}
	}

}
