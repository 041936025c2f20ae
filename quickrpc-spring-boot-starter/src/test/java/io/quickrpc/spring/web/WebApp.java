package io.quickrpc.spring.web;

import java.net.URI;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A test application serving the chat API at {@code /rpc/chat} on a web server of its own, on port 0,
 * with the properties a test adds.
 */
final class WebApp implements AutoCloseable {

	final ConfigurableApplicationContext context;

	private final int port;

	WebApp(Class<?> application, WebApplicationType type, String... properties) {
		this.context = new SpringApplicationBuilder(application).web(type)
			.properties(properties)
			.properties("server.port=0", "server.address=127.0.0.1", "quickrpc.apis.chat.transport=web:/rpc/chat",
					"quickrpc.apis.chat.network.max-frame-size=1KB", "quickrpc.apis.chat.network.max-queued-bytes=256KB",
					"quickrpc.apis.chat.web.allowed-origins=https://*.allowed.example")
			.run();
		this.port = Integer.parseInt(this.context.getEnvironment().getProperty("local.server.port"));
	}

	URI uri(String scheme) {
		return URI.create(scheme + "://127.0.0.1:" + this.port + "/rpc/chat");
	}

	ChatHandler handler() {
		return this.context.getBean(ChatHandler.class);
	}

	@Override
	public void close() {
		this.context.close();
	}

}
